"""call_from_threads: Rust threads attach, one at a time, to call Python."""

from __future__ import annotations

# ANCHOR: threads_test
import threading

import pytest
from ch06_attach import call_from_threads
from hypothesis import given, settings
from hypothesis import strategies as st


def test_every_thread_makes_every_call_on_a_thread_of_its_own() -> None:
    calls: list[tuple[int, int]] = []
    idents: set[int] = set()
    lock = threading.Lock()

    def record(thread_index: int, call_index: int) -> None:
        with lock:
            calls.append((thread_index, call_index))
            idents.add(threading.get_ident())

    assert call_from_threads(record, 4, 25) == 100
    assert sorted(calls) == [(t, c) for t in range(4) for c in range(25)]
    assert threading.get_ident() not in idents
    assert len(idents) == 4


def test_the_first_exception_is_raised_once_every_thread_has_stopped() -> None:
    made = 0
    lock = threading.Lock()

    def fail_on_the_tenth(thread_index: int, call_index: int) -> None:
        nonlocal made
        with lock:
            made += 1
            if made == 10:
                raise ValueError(f"call {call_index} of thread {thread_index} fails")

    with pytest.raises(ValueError, match=r"call \d+ of thread \d+ fails"):
        call_from_threads(fail_on_the_tenth, 8, 100_000)
    # The other threads stopped early, far short of the 800,000 calls asked
    # for (not at exactly ten: a thread can lose the GIL between raising and
    # telling the others, who go on calling for a moment).
    assert 10 <= made < 100_000


# ANCHOR_END: threads_test


def test_the_exception_keeps_its_traceback() -> None:
    def refuse(thread_index: int, call_index: int) -> None:
        raise KeyError((thread_index, call_index))

    with pytest.raises(KeyError) as caught:
        call_from_threads(refuse, 1, 1)
    assert caught.value.args == ((0, 0),)
    assert caught.traceback[-1].name == "refuse"


def test_no_calls_is_zero_calls() -> None:
    assert call_from_threads(lambda t, c: None, 64, 0) == 0


def test_the_callback_may_call_from_threads_again() -> None:
    inner: list[int] = []
    lock = threading.Lock()

    def outer(thread_index: int, call_index: int) -> None:
        made = call_from_threads(lambda t, c: None, 2, 3)
        with lock:
            inner.append(made)

    assert call_from_threads(outer, 3, 2) == 6
    assert inner == [6] * 6


def test_a_base_exception_passes_through_too() -> None:
    def stop(thread_index: int, call_index: int) -> None:
        raise SystemExit(3)

    with pytest.raises(SystemExit):
        call_from_threads(stop, 2, 5)


# ANCHOR: threads_errors
@pytest.mark.parametrize(
    ("threads", "calls", "message"),
    [
        (0, 1, "threads must be from 1 to 64, got 0"),
        (65, 1, "threads must be from 1 to 64, got 65"),
        (1, -1, "calls_per_thread must be from 0 to 1000000, got -1"),
        (1, 10**6 + 1, "calls_per_thread must be from 0 to 1000000, got 1000001"),
    ],
)
def test_counts_out_of_range_say_what_is_allowed(threads: int, calls: int, message: str) -> None:
    with pytest.raises(ValueError, match="must be from") as caught:
        call_from_threads(lambda t, c: None, threads, calls)
    assert str(caught.value) == message


def test_the_callback_must_be_callable() -> None:
    with pytest.raises(TypeError) as caught:
        call_from_threads("print", 1, 1)  # type: ignore[arg-type]
    assert str(caught.value) == (
        "callback must be callable, such as a function taking (thread_index, call_index); got str"
    )


# ANCHOR_END: threads_errors


def test_a_callback_with_the_wrong_arguments_raises_type_error() -> None:
    with pytest.raises(TypeError):
        call_from_threads(lambda: None, 2, 1)  # type: ignore[arg-type,misc]


@settings(max_examples=20)
@given(st.integers(1, 8), st.integers(0, 20))
def test_the_count_is_threads_times_calls(threads: int, calls: int) -> None:
    assert call_from_threads(lambda t, c: None, threads, calls) == threads * calls
