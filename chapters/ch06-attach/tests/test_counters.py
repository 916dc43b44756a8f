"""AtomicCounter is shared freely; PlainCounter refuses to wrap around too."""

from __future__ import annotations

# ANCHOR: atomic_test
import threading

import pytest
from ch06_attach import AtomicCounter, PlainCounter

U64_MAX = 2**64 - 1


def test_eight_threads_lose_no_increment() -> None:
    counter = AtomicCounter()

    def add_many() -> None:
        for _ in range(100_000):
            counter.increment()

    threads = [threading.Thread(target=add_many) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert counter.value == 800_000


# ANCHOR_END: atomic_test


def test_an_atomic_counter_starts_anywhere_and_adds_any_amount() -> None:
    counter = AtomicCounter(10)
    assert counter.increment() == 11
    assert counter.increment(by=5) == 16
    assert counter.increment(0) == 16
    assert counter.value == 16
    assert repr(counter) == "AtomicCounter(16)"
    assert AtomicCounter().value == 0


def test_an_atomic_counter_is_frozen() -> None:
    counter = AtomicCounter(3)
    with pytest.raises(AttributeError):
        counter.value = 4  # type: ignore[misc]
    assert counter.value == 3


@pytest.mark.parametrize("counter_class", [AtomicCounter, PlainCounter])
def test_counters_refuse_to_wrap_around(counter_class: type[AtomicCounter | PlainCounter]) -> None:
    counter = counter_class(U64_MAX - 1)
    with pytest.raises(OverflowError) as caught:
        counter.increment(2)
    assert str(caught.value) == (
        f"a counter cannot go past {U64_MAX}: it is at {U64_MAX - 1}, and 2 more does not fit"
    )
    assert counter.value == U64_MAX - 1
    assert counter.increment() == U64_MAX


@pytest.mark.parametrize("counter_class", [AtomicCounter, PlainCounter])
def test_counts_are_never_negative(counter_class: type[AtomicCounter | PlainCounter]) -> None:
    with pytest.raises(OverflowError, match="negative int"):
        counter_class(-1)
    with pytest.raises(OverflowError, match="negative int"):
        counter_class().increment(-1)


def test_a_plain_counter_counts_when_used_by_one_caller_at_a_time() -> None:
    counter = PlainCounter(1)
    assert counter.increment() == 2
    assert counter.increment(by=3) == 5
    assert counter.increment_and_call(lambda value: None) == 6
    assert repr(counter) == "PlainCounter(6)"
