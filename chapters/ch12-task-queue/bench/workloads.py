"""What every side of the queue benchmark runs, and how it reports.

Each side (`side_ch12.py`, `side_arq.py`, `side_sketch.py`) runs in its own
virtual environment and imports only this file from the benchmark folder, so
the three run exactly the same task bodies. `cookbook bench` drives them; see
`tools/cookbook/queue_bench.py`.

A side's worker process does all its set-up (imports, connections), prints
`ready`, and waits for a line on stdin. Timing starts when that line arrives,
so the interpreter's start-up and imports are never part of a measurement.
When the process has finished its part of the drain, it prints one JSON line:
when it started and ended (the system-wide monotonic clock, comparable across
processes), the CPU time it used meanwhile, every thread included, and the
part of it spent on the interpreter's main thread, where asyncio runs.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

#: Tasks per run, per workload.
COUNTS = {"noop": 20_000, "sleep": 1_000, "cpu": 1_000}
#: What each workload's task does, for the tables.
DESCRIPTIONS = {
    "noop": "return None",
    "sleep": "await asyncio.sleep(0.1)",
    "cpu": "compute for about 2 ms in pure Python",
}
CONCURRENCY = 10
#: Iterations of `spin`'s loop: about 2 ms of CPython on a current desktop.
SPIN = 30_000


def spin(n: int = SPIN) -> int:
    """CPU-bound Python: the kind of work that holds the interpreter."""
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


async def noop() -> None:
    return None


async def sleep() -> None:
    await asyncio.sleep(0.1)


async def cpu() -> int:
    return spin()


TASKS: dict[str, Callable[[], Awaitable[Any]]] = {"noop": noop, "sleep": sleep, "cpu": cpu}


def cpu_seconds() -> float:
    import resource  # POSIX only, as is the benchmark (it needs redis-server)

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def wait_for_go() -> tuple[float, tuple[float, float]]:
    """Say `ready`, wait for the harness's line; the clock and CPU times then."""
    print("ready", flush=True)
    sys.stdin.readline()
    return time.monotonic(), (cpu_seconds(), time.thread_time())


def report(started: float, cpu_before: tuple[float, float], **extra: object) -> None:
    """Print what this process measured, as one JSON line (call it on the main thread)."""
    process, thread = cpu_before
    figures = {
        "start": started,
        "end": time.monotonic(),
        "cpu": cpu_seconds() - process,
        "main_thread_cpu": time.thread_time() - thread,
    }
    print(json.dumps({**figures, **extra}), flush=True)
