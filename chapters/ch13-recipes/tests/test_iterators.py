"""Recipe: iterators and generators, from Rust to Python and from Python to Rust."""

from __future__ import annotations

import gc
import itertools
import tracemalloc
import weakref
from collections.abc import Callable, Iterator

import pytest
from ch13_recipes import (
    Batched,
    Words,
    dict_visit_checked,
    dict_visit_panics,
    dict_visit_snapshot,
    list_visit,
    total,
    total_collected,
)
from cookbook.testing import raises_only_ordinary_exceptions, wrong_kinds
from hypothesis import given, settings


def is_panic(error: BaseException) -> bool:
    return type(error).__module__ == "pyo3_runtime" and type(error).__name__ == "PanicException"


# ANCHOR: words_test
def test_words_is_an_iterator_python_can_use_anywhere() -> None:
    text = "  the quick\tbrown \n fox "
    assert list(Words(text)) == ["the", "quick", "brown", "fox"]
    assert [word.upper() for word in Words(text)] == ["THE", "QUICK", "BROWN", "FOX"]
    assert list(itertools.islice(Words(text), 2)) == ["the", "quick"]
    assert dict(enumerate(Words("a b"))) == {0: "a", 1: "b"}
    words = Words(text)
    assert iter(words) is words


def test_words_are_found_one_at_a_time() -> None:
    words = Words("naïve café au lait")
    assert words.position == 0  # nothing read before the first next()
    assert next(words) == "naïve"
    assert words.position == len("naïve".encode())  # read up to the end of the word
    assert next(words) == "café"
    assert words.position == len("naïve café".encode())


def test_an_exhausted_iterator_stays_exhausted() -> None:
    words = Words("one")
    assert next(words) == "one"
    for _ in range(3):
        with pytest.raises(StopIteration):
            next(words)
    assert list(words) == []
    assert list(Words("")) == []
    assert list(Words(" \t\n ")) == []


# ANCHOR_END: words_test


# ANCHOR: memory_test
def numbers(count: int) -> Iterator[int]:
    """A generator: each number exists only until the consumer lets go of it."""
    for n in range(count):
        yield n + 1_000  # ints above 256 are new objects, not cached ones


def peak_bytes(consume: Callable[[Iterator[int]], int], count: int) -> tuple[int, int]:
    """What consume(numbers(count)) returned, and the most memory Python's
    allocator had handed out at once while it ran."""
    gc.collect()
    tracemalloc.start()
    try:
        result = consume(numbers(count))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def test_consuming_a_generator_item_by_item_takes_constant_memory() -> None:
    expected = sum(numbers(1_000_000))
    streamed, streamed_peak = peak_bytes(total, 1_000_000)
    collected, collected_peak = peak_bytes(total_collected, 1_000_000)
    assert streamed == collected == expected
    # One number at a time: a few hundred bytes, whatever the count.
    assert streamed_peak < 100_000
    # A million numbers alive at once, about 32 bytes each.
    assert collected_peak > 20_000_000


# ANCHOR_END: memory_test


# ANCHOR: errors_test
class Interrupted(Exception):
    pass


def failing_after(count: int, error: BaseException) -> Iterator[int]:
    yield from range(count)
    raise error


def test_the_generators_own_exception_comes_through_unchanged() -> None:
    for consume in (total, total_collected):
        error = Interrupted("the feed was cut")
        with pytest.raises(Interrupted) as caught:
            consume(failing_after(3, error))
        assert caught.value is error
    # Not only Exceptions: a KeyboardInterrupt in the generator stops the sum.
    stop = KeyboardInterrupt()
    with pytest.raises(KeyboardInterrupt) as interrupted:
        total(failing_after(3, stop))
    assert interrupted.value is stop


def test_what_total_refuses() -> None:
    with pytest.raises(TypeError, match="'int' object is not iterable"):
        total(5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="'str' object cannot be interpreted as an integer"):
        total(["1", "2"])  # type: ignore[list-item]
    with pytest.raises(OverflowError, match="does not fit in 64 bits"):
        total([2**62, 2**62])
    with pytest.raises(OverflowError):
        total([2**63])


# ANCHOR_END: errors_test


# ANCHOR: batched_test
def test_batched_makes_lists_as_they_are_asked_for() -> None:
    assert list(Batched(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(Batched("abc", 1)) == [["a"], ["b"], ["c"]]
    assert list(Batched([], 5)) == []
    pulled: list[int] = []

    def tracked() -> Iterator[int]:
        for n in range(100):
            pulled.append(n)
            yield n

    batches = Batched(tracked(), 4)
    assert next(batches) == [0, 1, 2, 3]
    assert pulled == [0, 1, 2, 3]  # no item is read before it is needed


def test_batched_passes_errors_on_and_stays_exhausted() -> None:
    error = Interrupted("cut")
    batches = Batched(failing_after(5, error), 2)
    assert next(batches) == [0, 1]
    assert next(batches) == [2, 3]
    with pytest.raises(Interrupted) as caught:
        next(batches)  # the error came while the third batch was being filled
    assert caught.value is error  # and 4, already taken for that batch, is gone
    with pytest.raises(StopIteration):  # a finished generator raises StopIteration
        next(batches)
    with pytest.raises(StopIteration):
        next(batches)


def test_batched_refuses_a_size_of_zero_and_what_is_not_iterable() -> None:
    with pytest.raises(ValueError, match="size must be at least 1"):
        Batched([1], 0)
    with pytest.raises(OverflowError):
        Batched([1], -1)
    with pytest.raises(TypeError, match="not iterable"):
        Batched(5, 2)  # type: ignore[arg-type]


class Owner:
    """Something that keeps a Batched, and is referred to by the generator it batches."""

    batches: Batched[object]


def make_cycle() -> weakref.ref[Owner]:
    owner = Owner()

    def items() -> Iterator[object]:
        yield owner  # the generator's frame holds the owner, the owner the Batched

    owner.batches = Batched(items(), 2)
    return weakref.ref(owner)


def test_a_cycle_through_batched_is_collected() -> None:
    alive = make_cycle()
    gc.collect()
    assert alive() is None  # Batched.__traverse__ showed the collector the cycle


# ANCHOR_END: batched_test


# ANCHOR: list_test
def test_items_appended_during_the_walk_are_not_visited() -> None:
    items = [1, 2, 3]
    visited = list_visit(items, lambda item: items.append(item * 10))
    # The walk stops at the length it started with. (A Python for loop would go
    # on to 10, 20, 30... and never end: its list iterator has no such cap.)
    assert visited == [1, 2, 3]
    assert items == [1, 2, 3, 10, 20, 30]


def test_items_removed_during_the_walk_shift_the_rest() -> None:
    items = [1, 2, 3, 4, 5]
    visited = list_visit(items, items.remove)
    # Removing 1 moves 2 to index 0, which the walk has passed: 2 and 4 are
    # skipped, and it stops at the list's new end. Python's for loop does the same.
    assert visited == [1, 3, 5]
    assert items == [2, 4]


# ANCHOR_END: list_test


# ANCHOR: dict_test
def adding(items: dict[str, int]) -> Callable[[str, int], None]:
    def callback(key: str, value: int) -> None:
        items[key + "!"] = value

    return callback


def test_iterating_a_dict_that_grows_panics() -> None:
    items = {"a": 1, "b": 2}
    with pytest.raises(
        BaseException, match=r"^dictionary changed size during iteration$"
    ) as caught:
        dict_visit_panics(items, adding(items))
    assert is_panic(caught.value)
    assert not isinstance(caught.value, Exception)  # `except Exception` would miss it


def test_iterating_a_snapshot_visits_the_keys_there_at_the_start() -> None:
    items = {"a": 1, "b": 2}
    assert dict_visit_snapshot(items, adding(items)) == ["a", "b"]
    assert items == {"a": 1, "b": 2, "a!": 1, "b!": 2}

    removing = {"a": 1, "b": 2, "c": 3}
    assert dict_visit_snapshot(removing, lambda key, value: removing.clear()) == ["a", "b", "c"]


def test_iterating_as_python_does_raises_runtime_error() -> None:
    items = {"a": 1, "b": 2}
    with pytest.raises(RuntimeError, match=r"^dictionary changed size during iteration$"):
        dict_visit_checked(items, adding(items))


def test_all_three_agree_on_a_dict_left_alone() -> None:
    calls: list[tuple[str, int]] = []

    def record(key: str, value: int) -> None:
        calls.append((key, value))

    for visit in (dict_visit_panics, dict_visit_snapshot, dict_visit_checked):
        calls.clear()
        assert visit({"a": 1, "b": 2}, record) == ["a", "b"]
        assert calls == [("a", 1), ("b", 2)]


# ANCHOR_END: dict_test


# ANCHOR: wrong_kinds
def ignore(*args: object) -> None:
    pass


@settings(deadline=None)
@given(wrong_kinds())
def test_bad_arguments_raise_ordinary_exceptions(value: object) -> None:
    raises_only_ordinary_exceptions(Words, value)
    raises_only_ordinary_exceptions(total, value)
    raises_only_ordinary_exceptions(total_collected, value)
    raises_only_ordinary_exceptions(lambda: list(Batched(value, 2)))  # type: ignore[arg-type]
    raises_only_ordinary_exceptions(Batched, [1, 2], value)
    for visit in (list_visit, dict_visit_panics, dict_visit_snapshot, dict_visit_checked):
        raises_only_ordinary_exceptions(visit, value, ignore)
        raises_only_ordinary_exceptions(visit, [1] if visit is list_visit else {"a": 1}, value)


# ANCHOR_END: wrong_kinds
