"""Two counters shared by threads. The book shows this script's output."""

from __future__ import annotations

import threading

from ch06_attach import AtomicCounter, PlainCounter

# ANCHOR: already_borrowed
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

# ANCHOR: atomic
shared = AtomicCounter()


def add_many() -> None:
    for _ in range(100_000):
        shared.increment()


threads = [threading.Thread(target=add_many) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(f"8 threads x 100,000 increments: {shared.value:,}")
# ANCHOR_END: atomic
