"""Checks for workshop exercise ch06-attach.

Each check says what to fix when it fails. Run them with
`uv run workshop check ch06-attach`.

Whether other threads run is checked by progress, not by time: a second
Python thread counts as fast as it can, and we look at how far it got while
your function ran, against how far it gets while this thread sleeps.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from typing import Any

import pytest
from cookbook.testing import progress_during

MAX_LIMIT = 10_000_000


@pytest.fixture(scope="module")
def native() -> Any:
    return importlib.import_module("ch06_exercise")


@pytest.fixture(scope="module")
def long_limit(native: Any) -> tuple[int, float]:
    """A limit that keeps count_primes_attached busy for at least 0.3 s, and how long it took."""
    limit = 50_000
    while True:
        started = time.perf_counter()
        native.count_primes_attached(limit)
        took = time.perf_counter() - started
        if took >= 0.3 or limit == MAX_LIMIT:
            return limit, took
        limit = min(2 * limit, MAX_LIMIT)


def check_other_threads_run(
    function: Callable[..., object], args: tuple[object, ...], took: float, call: str, todo: str
) -> None:
    for _ in range(3):  # a busy machine can starve one attempt, not three
        # How far the other thread gets while this one sleeps (which lets go
        # of the interpreter) for as long as the call takes.
        reference = progress_during(time.sleep, took)
        progress = progress_during(function, *args)
        if progress >= reference / 4:
            return
    pytest.fail(
        f"While {call} ran, another Python thread went round its loop {progress:,} times; "
        f"while this thread merely slept as long, it went round {reference:,} times "
        f"(tried three times). {call} still holds on to the interpreter. {todo}",
        pytrace=False,
    )


def test_1_count_primes_gives_the_right_answers(native: Any) -> None:
    got = [native.count_primes(limit) for limit in (0, 2, 3, 10, 100, 100_000)]
    assert got == [0, 0, 1, 4, 25, 9_592], (
        f"count_primes of 0, 2, 3, 10, 100 and 100,000 gave {got}, expected "
        "[0, 0, 1, 4, 25, 9592]: keep calling count_primes_below(limit) (TODO 1)"
    )


def test_2_other_threads_run_while_count_primes_works(
    native: Any, long_limit: tuple[int, float]
) -> None:
    limit, took = long_limit
    check_other_threads_run(
        native.count_primes,
        (limit,),
        took,
        f"count_primes({limit})",
        "Put the loop inside `py.detach(|| count_primes_below(limit))` (TODO 1).",
    )


def test_3_count_primes_each_gives_the_right_answers(native: Any) -> None:
    got = native.count_primes_each([10, 100, 0, 100_000])
    assert got == [4, 25, 0, 9_592], (
        f"count_primes_each([10, 100, 0, 100000]) gave {got!r}, expected [4, 25, 0, 9592]: "
        "one count per limit, in the same order (TODO 2)"
    )
    assert native.count_primes_each([]) == []


def test_4_other_threads_run_while_count_primes_each_works(
    native: Any, long_limit: tuple[int, float]
) -> None:
    limit, took = long_limit
    half = limit // 2
    check_other_threads_run(
        native.count_primes_each,
        ([half, half, half],),
        took,
        f"count_primes_each([{half}, {half}, {half}])",
        "Read every limit into a Vec<u32> first, then count them all inside "
        "`py.detach(|| ...)` (TODO 2).",
    )


def test_5_limits_are_still_checked(native: Any) -> None:
    for function, argument in (
        (native.count_primes, MAX_LIMIT + 1),
        (native.count_primes_each, [10, MAX_LIMIT + 1]),
    ):
        try:
            function(argument)
        except ValueError as error:
            message = str(error)
        else:
            pytest.fail(
                f"{function.__name__} accepted a limit of {MAX_LIMIT + 1}; keep the "
                "`checked(...)?` call, outside `detach`: it raises the ValueError.",
                pytrace=False,
            )
        expected = f"limit must be at most {MAX_LIMIT}, got {MAX_LIMIT + 1}"
        assert message == expected, f"the ValueError says {message!r}, expected {expected!r}"


def test_6_pyo3_refuses_what_a_u32_cannot_hold(native: Any) -> None:
    # `limit: u32` cannot hold -1, so PyO3 refuses it before your code runs.
    with pytest.raises(OverflowError):
        native.count_primes(-1)
    with pytest.raises(OverflowError):
        native.count_primes_each([-1])
    with pytest.raises(TypeError):
        native.count_primes_each(["10"])
