"""Who else gets to run: another Python thread's progress while count_primes works.

No stopwatch decides: a second thread counts as fast as it can, and the test
compares how far it gets during a call with how far it gets during another.
"""

from __future__ import annotations

import sys
import time

import pytest
from ch06_attach import count_primes, count_primes_attached
from cookbook.testing import progress_during

MAX_LIMIT = 10_000_000


# ANCHOR: progress_test
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
    reason="free-threaded Python: no GIL, so staying attached stops no other thread's "
    "ordinary work (it still holds up stop-the-world pauses, such as garbage collection)",
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
