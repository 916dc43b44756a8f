"""Does another Python thread run while count_primes works? The book shows this output.

A second thread counts as fast as it can. We see how far it gets while this
thread calls count_primes (detached), count_primes_attached, and, for
reference, time.sleep for as long as the call took (sleeping lets go of the
GIL too). Only yes/no answers are printed: the counts change from run to run.
"""

from __future__ import annotations

# ANCHOR: progress
import threading
import time
from collections.abc import Callable

from ch06_attach import count_primes, count_primes_attached


# ANCHOR: progress_during
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


# ANCHOR_END: progress_during


def long_enough_limit(seconds: float) -> tuple[int, float]:
    """A limit for which count_primes takes at least `seconds` (or the maximum),
    and how long it took."""
    limit = 50_000
    while True:
        started = time.perf_counter()
        count_primes(limit)
        took = time.perf_counter() - started
        if took >= seconds or limit >= 10_000_000:
            return limit, took
        limit = min(limit * 2, 10_000_000)


# ANCHOR: demo
limit, took = long_enough_limit(0.4)
assert count_primes(limit) == count_primes_attached(limit)
print("count_primes and count_primes_attached give the same answer")

reference = progress_during(time.sleep, took)
for function in (count_primes, count_primes_attached):
    progress = progress_during(function, limit)
    # Running at a quarter of its speed while this thread sleeps counts as
    # running; stalled, it gets through a few milliseconds' worth at most.
    kept_running = "yes" if progress >= reference / 4 else "no"
    print(f"while {function.__name__} ran, the other thread kept running: {kept_running}")
# ANCHOR_END: demo
# ANCHOR_END: progress
