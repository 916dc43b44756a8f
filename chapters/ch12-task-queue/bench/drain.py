"""A first measure of the queue on Redis: enqueue N no-op jobs, then time one
worker process draining them (`--burst`), and count Redis commands per job.

    python chapters/ch12-task-queue/bench/drain.py [--jobs 20000] [--concurrency 10]

It starts its own redis-server on a free loopback port (redis-server must be on
PATH) and runs the worker with this interpreter, so build the module you want
measured first: `maturin build --release` and install that wheel, or `uv run
cookbook develop ch12` for a debug build (which it says it measured). Chapter
12's full comparison with arq is `make bench`'s; this is the quick look.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ch12_task_queue import App, _native
from cookbook.redis_server import RedisServer

TASKS = """
import os
from ch12_task_queue import App
app = App(os.environ["CH12_URL"], queue="drain")

@app.task(name="noop")
async def noop() -> None:
    return None
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=20_000)
    parser.add_argument("--concurrency", type=int, default=10)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder, RedisServer(Path(folder) / "redis") as server:
        # No fsync on every write here: this measures the queue, not the disk.
        server.command("CONFIG", "SET", "appendonly", "no")
        (Path(folder) / "drain_tasks.py").write_text(TASKS)
        app = App(server.url, queue="drain")
        noop = app.task(name="noop")(lambda: None)

        async def enqueue() -> float:
            started = time.perf_counter()
            for first in range(0, args.jobs, 1000):
                count = min(1000, args.jobs - first)
                await noop.enqueue_many([() for _ in range(count)])
            return time.perf_counter() - started

        enqueue_seconds = asyncio.run(enqueue())
        server.command("CONFIG", "RESETSTAT")
        env = dict(os.environ, CH12_URL=server.url, PYTHONPATH=folder)
        command = [sys.executable, "-m", "ch12_task_queue", "worker", "drain_tasks:app"]
        command += ["--burst", "--concurrency", str(args.concurrency), "--log-level", "WARNING"]
        started = time.perf_counter()
        worker = subprocess.run(command, cwd=folder, env=env, check=False)
        drain_seconds = time.perf_counter() - started
        if worker.returncode != 0:
            print(f"the worker failed with exit status {worker.returncode}")
            return 1
        commands = sum(server.commandstats().values())
        left = server.command("XLEN", "ch12:{drain}:stream")
    print(f"build: {_native.build_profile()}; load before: {os.getloadavg()[0]:.2f}")
    print(f"enqueue {args.jobs} jobs in batches of 1000: {args.jobs / enqueue_seconds:,.0f} jobs/s")
    print(
        f"drain by one worker process (concurrency {args.concurrency}, start-up included): "
        f"{args.jobs / drain_seconds:,.0f} jobs/s"
    )
    print(f"Redis commands per job while draining: {commands / args.jobs:.2f}; left: {left}")
    return 0 if left == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
