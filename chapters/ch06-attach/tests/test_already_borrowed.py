"""PlainCounter: one `&mut self` at a time, and RuntimeError for a second caller."""

from __future__ import annotations

# ANCHOR: already_borrowed_test
import threading

import pytest
from ch06_attach import PlainCounter


def test_a_second_caller_during_a_mut_self_method_gets_runtime_error() -> None:
    counter = PlainCounter()
    errors: list[str] = []

    def meanwhile(value: int) -> None:
        # This runs inside increment_and_call, which holds `&mut self`.
        # Another thread wants `&mut self` too, for increment:
        def increment() -> None:
            try:
                counter.increment()
            except RuntimeError as error:
                errors.append(f"increment: {error}")

        other = threading.Thread(target=increment)
        other.start()
        other.join()
        # And this thread wants `&self`, to read the value:
        try:
            counter.value  # noqa: B018
        except RuntimeError as error:
            errors.append(f"value: {error}")

    counter.increment_and_call(meanwhile)
    assert errors == ["increment: Already borrowed", "value: Already mutably borrowed"]
    # Once the method returns, the borrow is over.
    assert counter.increment() == 2


# ANCHOR_END: already_borrowed_test


def test_an_exception_in_the_callback_ends_the_borrow_too() -> None:
    counter = PlainCounter()

    def fail(value: int) -> None:
        raise ValueError(f"refusing {value}")

    with pytest.raises(ValueError, match="refusing 1"):
        counter.increment_and_call(fail)
    # The increment happened before the callback, and the borrow is over.
    assert counter.value == 1
    assert counter.increment() == 2
