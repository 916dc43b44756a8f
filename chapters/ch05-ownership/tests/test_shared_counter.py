"""SharedCounter: one Rust count behind several Python objects."""

from __future__ import annotations

import pytest
from ch05_ownership import SharedCounter


# ANCHOR: share_tests
def test_assignment_shares_the_object_and_share_shares_the_count() -> None:
    first = SharedCounter()
    alias = first  # Python: a second name for the same object
    assert alias is first
    assert first.handles == 1  # still one Rust handle

    second = first.share()  # Rust: a second object over the same count
    assert second is not first
    assert first.handles == second.handles == 2

    second.increment()
    first.increment()
    assert first.value == second.value == 2

    del second  # the object goes, and with it one Arc
    assert first.handles == 1


# ANCHOR_END: share_tests


def test_a_counter_can_start_anywhere_but_never_wraps() -> None:
    counter = SharedCounter(2**64 - 2)
    assert counter.increment() == 2**64 - 1
    with pytest.raises(OverflowError, match="at its maximum"):
        counter.increment()
    assert counter.value == 2**64 - 1


def test_a_negative_or_huge_start_is_an_overflow_error() -> None:
    for start in (-1, 2**64):
        with pytest.raises(OverflowError):
            SharedCounter(start)


def test_repr_shows_the_value_and_the_handles() -> None:
    counter = SharedCounter(5)
    other = counter.share()
    assert repr(counter) == "<SharedCounter value=5 handles=2>"
    assert other.value == 5
