r"""How count_primes scales with Python threads, detached and attached.

Each of 1, 2 and 4 Python threads makes one call that counts the primes below
the same limit, so more threads means more work. The speed-up is the work
done per second relative to one thread: 2.0 means twice the work in the same
time. Detached, threads run on separate cores, up to as many as the machine
has; attached, they take turns, and the speed-up stays near 1. Build the
module in release mode first, or you measure the debug build:

    CARGO_TARGET_DIR=target/python-release \
        uv run maturin develop --uv --release -m chapters/ch06-attach/Cargo.toml
    uv run python chapters/ch06-attach/bench/thread_scaling.py

(`uv run cookbook develop ch06` puts the debug build back for the tests.)
`--quick` does little work with few repeats: the tests run it to prove the
script works, and its figures mean nothing.

Each time is the median over several repeats of the wall time from starting
all the threads' calls together to the last one finishing; the measurements
of different thread counts and functions are interleaved, so that a slow
moment of the machine spreads over all of them. The whole run takes about
twenty seconds on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ch06_attach import _native, count_primes, count_primes_attached
from cookbook.bench import duration, processor, table

THREADS = [1, 2, 4]
LIMIT = 2_000_000
QUICK_LIMIT = 20_000


def wall_time(function: Callable[[int], object], threads: int, limit: int) -> float:
    """Seconds from releasing `threads` threads, each to call function(limit), to the last end."""
    barrier = threading.Barrier(threads + 1)

    def work() -> None:
        barrier.wait()
        function(limit)

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    barrier.wait()  # every thread is ready: go
    started = time.perf_counter()
    for worker in workers:
        worker.join()
    return time.perf_counter() - started


def machine_line(profile: str) -> str:
    abi = "abi3" if ".abi3." in Path(_native.__file__).name else "version-specific ABI"
    gil = "with the GIL" if getattr(sys, "_is_gil_enabled", lambda: True)() else "free-threaded"
    load = ""
    if hasattr(os, "getloadavg"):
        load = f"; load average {os.getloadavg()[0]:.2f} at the start"
    return (
        f"measured on CPython {platform.python_version()} ({gil}), {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} CPUs ({processor()}); {profile} build, {abi}"
        f"{load}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="little work, few repeats")
    args = parser.parse_args(argv)
    limit, repeats = (QUICK_LIMIT, 3) if args.quick else (LIMIT, 7)

    profile = _native.build_profile()
    if profile != "release" and not args.quick:
        print(
            "this is a debug build of ch06_attach, whose timings mean little; build it "
            "in release mode first (see the top of this script)",
            file=sys.stderr,
        )
        return 2
    print(machine_line(profile))
    functions = [count_primes, count_primes_attached]
    for function in functions:
        function(limit)  # warm up
    times: dict[tuple[str, int], list[float]] = {}
    for _ in range(repeats):
        for function in functions:
            for threads in THREADS:
                key = (function.__name__, threads)
                times.setdefault(key, []).append(wall_time(function, threads, limit))

    rows = []
    for threads in THREADS:
        row = [str(threads)]
        for function in functions:
            median = statistics.median(times[function.__name__, threads])
            one = statistics.median(times[function.__name__, 1])
            speed_up = threads * one / median  # threads times the work, in `median` seconds
            row += [duration(median), f"x{speed_up:.2f}"]
        rows.append(row)
    print()
    print(
        table(
            f"each thread counts the primes below {limit:,}: median wall time of "
            f"{repeats} repeats, and work per second relative to 1 thread",
            ["threads", "count_primes", "speed-up", "count_primes_attached", "speed-up"],
            rows,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
