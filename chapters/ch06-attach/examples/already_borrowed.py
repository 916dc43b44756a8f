"""PlainCounter's `&mut self`, wanted by two callers at once. The book shows this output."""

from __future__ import annotations

# ANCHOR: already_borrowed
import threading

from ch06_attach import PlainCounter

counter = PlainCounter()


def meanwhile(value: int) -> None:
    """Runs inside `counter.increment_and_call`, which holds `&mut self`."""

    def increment() -> None:
        try:
            counter.increment()
        except RuntimeError as error:
            print(f"increment from another thread: RuntimeError: {error}")

    other = threading.Thread(target=increment)
    other.start()
    other.join()
    try:
        print(counter.value)
    except RuntimeError as error:
        print(f"reading counter.value: RuntimeError: {error}")


counter.increment_and_call(meanwhile)
counter.increment()  # the borrow ended when increment_and_call returned
print(counter)
# ANCHOR_END: already_borrowed
