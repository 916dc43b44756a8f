r"""What one await costs: plain asyncio, a future completed from another thread,
and a Rust future through the bridge; then what batching buys.

Each row awaits something that does no work, so the time is the cost of the
await itself: one at a time (await, then the next), and 1,000 at a time
(`asyncio.gather` of 1,000), both per await. The last rows send 1,000 items
through one crossing (`sleep(0, items)`: one Rust future carrying them all)
and through `map_async` (every item crosses to Rust and back). Build the
module in release mode first, or you measure the debug build:

    CARGO_TARGET_DIR=target/python-release \
        uv run maturin develop --uv --release -m chapters/ch09-async-bridge/Cargo.toml
    uv run python chapters/ch09-async-bridge/bench/await_costs.py

(`uv run cookbook develop ch09` puts the debug build back for the tests.)
`--quick` does little work with few repeats: the tests run it to prove the
script works, and its figures mean nothing. Each figure is the median of
several repeats; the full run takes about five seconds on a 2-core machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import queue
import statistics
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from ch09_async_bridge import _native, map_async, sleep
from cookbook.bench import duration, processor, table

BATCH = 1_000


# ANCHOR: bench_core
async def nothing() -> None:
    pass


async def identity(item: int) -> int:
    return item


class Completer:
    """A thread that completes asyncio futures it is handed, the way any
    thread outside the loop must: through `call_soon_threadsafe`."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.inbox: queue.SimpleQueue[list[asyncio.Future[None]] | None] = queue.SimpleQueue()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self) -> None:
        while (futures := self.inbox.get()) is not None:
            for future in futures:
                self.loop.call_soon_threadsafe(future.set_result, None)

    def futures(self, count: int) -> list[asyncio.Future[None]]:
        futures = [self.loop.create_future() for _ in range(count)]
        self.inbox.put(futures)
        return futures

    def stop(self) -> None:
        self.inbox.put(None)
        self.thread.join()


async def one_at_a_time(make: Callable[[], Awaitable[object]], count: int) -> float:
    """Seconds per await, awaiting `count` of them one after another."""
    started = time.perf_counter()
    for _ in range(count):
        await make()
    return (time.perf_counter() - started) / count


async def all_at_once(make: Callable[[], Awaitable[object]], count: int) -> float:
    """Seconds per await, with `count` of them gathered at once."""
    started = time.perf_counter()
    await asyncio.gather(*(make() for _ in range(count)))
    return (time.perf_counter() - started) / count


async def measure(rounds: int, count: int) -> list[tuple[str, float, float]]:
    completer = Completer(asyncio.get_running_loop())
    kinds: list[tuple[str, Callable[[], Awaitable[object]]]] = [
        ("await a plain async def", nothing),
        ("await an asyncio future set from a thread", lambda: completer.futures(1)[0]),
        ("await sleep(0) through the bridge", lambda: sleep(0)),
    ]
    items = list(range(BATCH))
    times: dict[str, list[float]] = {}
    for _ in range(rounds):  # interleaved, so a slow moment spreads over all rows
        for name, make in kinds:
            times.setdefault(f"{name}|1", []).append(await one_at_a_time(make, count))
            times.setdefault(f"{name}|n", []).append(await all_at_once(make, BATCH))
        started = time.perf_counter()
        await sleep(0, items)  # one crossing carries every item
        times.setdefault("batch", []).append((time.perf_counter() - started) / BATCH)
        started = time.perf_counter()
        await map_async(identity, items, concurrency=BATCH)
        times.setdefault("map", []).append((time.perf_counter() - started) / BATCH)
    completer.stop()
    rows = [
        (name, statistics.median(times[f"{name}|1"]), statistics.median(times[f"{name}|n"]))
        for name, _ in kinds
    ]
    rows.append(
        (f"{BATCH:,} items in one sleep(0, items)", float("nan"), statistics.median(times["batch"]))
    )
    rows.append(
        (f"{BATCH:,} items through map_async", float("nan"), statistics.median(times["map"]))
    )
    return rows


# ANCHOR_END: bench_core


def machine_line(profile: str) -> str:
    abi = "abi3" if ".abi3." in Path(_native.__file__).name else "version-specific ABI"
    load = ""
    if hasattr(os, "getloadavg"):
        load = f"; load average {os.getloadavg()[0]:.2f} at the start"
    return (
        f"measured on CPython {platform.python_version()}, {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} CPUs ({processor()}); {profile} build, {abi}, "
        f"{_native.worker_threads()} tokio worker threads{load}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="little work, few repeats")
    args = parser.parse_args(argv)
    rounds, count = (2, 20) if args.quick else (7, 2_000)

    profile = _native.build_profile()
    if profile != "release" and not args.quick:
        print(
            "this is a debug build of ch09_async_bridge, whose timings mean little; build it "
            "in release mode first (see the top of this script)",
            file=sys.stderr,
        )
        return 2
    print(machine_line(profile))
    rows = asyncio.run(measure(rounds, count))
    print()
    print(
        table(
            f"time per await (per item in the last two rows): median of {rounds} repeats",
            ["what", "one at a time", f"{BATCH:,} at a time"],
            [[name, duration(one), duration(many)] for name, one, many in rows],
            label_left=True,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
