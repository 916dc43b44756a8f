"""count_primes and count_primes_attached: same answers, and who else gets to run."""

from __future__ import annotations

import math
import sys
import threading
import time
from collections.abc import Callable

import pytest
from ch06_attach import count_primes, count_primes_attached
from hypothesis import given
from hypothesis import strategies as st

MAX_LIMIT = 10_000_000


# ANCHOR: reference
def reference_count(limit: int) -> int:
    """Plain Python, by a different method: primes are the numbers with no
    divisor from 2 up to their square root."""
    return sum(1 for n in range(2, limit) if all(n % d for d in range(2, math.isqrt(n) + 1)))


@given(st.integers(min_value=0, max_value=3_000))
def test_both_agree_with_the_python_reference(limit: int) -> None:
    expected = reference_count(limit)
    assert count_primes(limit) == expected
    assert count_primes_attached(limit) == expected


# ANCHOR_END: reference


def test_known_counts() -> None:
    assert [count_primes(limit) for limit in (0, 1, 2, 3, 10, 100)] == [0, 0, 0, 1, 4, 25]
    assert count_primes(1_000_000) == count_primes_attached(1_000_000) == 78_498


# ANCHOR: limits
@pytest.mark.parametrize("limit", [-1, MAX_LIMIT + 1, 2**64, 10**30])
def test_a_limit_out_of_range_is_refused_at_once(limit: int) -> None:
    for function in (count_primes, count_primes_attached):
        with pytest.raises(ValueError, match="limit must be from 0 to") as caught:
            function(limit)
        assert str(caught.value) == f"limit must be from 0 to {MAX_LIMIT}, got {limit}"


@pytest.mark.parametrize(("limit", "kind"), [(True, "bool"), (1e6, "float"), ("100", "str")])
def test_a_limit_must_be_an_int(limit: object, kind: str) -> None:
    with pytest.raises(TypeError) as caught:
        count_primes(limit)  # type: ignore[arg-type]
    assert str(caught.value) == f"limit must be an int, not {kind}"
    # PyO3 adds a note naming the argument, shown in the traceback.
    assert caught.value.__notes__ == ["while processing 'limit'"]


# ANCHOR_END: limits


# ANCHOR: progress_test
def progress_during(function: Callable[..., object], *args: object) -> int:
    """How many times another Python thread goes round its loop while
    function(*args) runs in this one."""
    count = 0
    running = True
    started = threading.Event()

    def spin() -> None:
        nonlocal count
        started.set()
        while running:
            count += 1

    other = threading.Thread(target=spin)
    other.start()
    started.wait()
    before = count
    function(*args)
    after = count
    running = False
    other.join()
    return after - before


@pytest.fixture(scope="module")
def long_limit() -> tuple[int, float]:
    """A limit for which count_primes takes at least 0.4 s on this machine and
    build (debug or release), and how long it took."""
    limit = 50_000
    while True:
        started = time.perf_counter()
        count_primes(limit)
        took = time.perf_counter() - started
        if took >= 0.4 or limit == MAX_LIMIT:
            return limit, took
        limit = min(2 * limit, MAX_LIMIT)


def test_other_threads_run_while_count_primes_works(long_limit: tuple[int, float]) -> None:
    limit, took = long_limit
    attempts = []
    for _ in range(3):  # a busy machine can starve one attempt, not three
        # Reference: how far the other thread gets while this one sleeps
        # (sleeping lets go of the GIL too) for as long as the call takes.
        reference = progress_during(time.sleep, took)
        detached = progress_during(count_primes, limit)
        attempts.append((detached, reference))
        if detached >= reference / 4:
            return
    pytest.fail(f"the other thread barely ran: (progress, reference) {attempts}")


@pytest.mark.skipif(
    not getattr(sys, "_is_gil_enabled", lambda: True)(),
    reason="free-threaded Python: no GIL, so holding on to the interpreter stalls no one",
)
def test_count_primes_attached_stalls_other_threads(long_limit: tuple[int, float]) -> None:
    limit, _ = long_limit
    attempts = []
    for _ in range(3):
        detached = progress_during(count_primes, limit)
        attached = progress_during(count_primes_attached, limit)
        attempts.append((attached, detached))
        # Attached, the other thread runs only around the call, while the
        # GIL changes hands: about one switch interval (5 ms) of counting,
        # against the whole call (0.4 s or more) when detached.
        if attached * 10 < detached:
            return
    pytest.fail(f"the other thread ran during the attached call: (attached, detached) {attempts}")


# ANCHOR_END: progress_test
