"""The cookbook's queue, as the benchmark drives it (run by `cookbook bench`).

    python side_ch12.py enqueue URL WORKLOAD COUNT one|batch
    python side_ch12.py worker URL WORKLOAD batch|per-job

`batch` workers take as many ready jobs as they have free slots with one call
into Rust, as `run_worker` does; `per-job` workers cross once per job, an
`await` through the bridge for each, to show what the batching buys.
"""

from __future__ import annotations

import asyncio
import logging
import sys

from ch12_task_queue import App
from ch12_task_queue._worker import Runner
from workloads import CONCURRENCY, TASKS, report, wait_for_go

QUEUE = "bench"
ENQUEUE_BATCH = 1_000


def make_app(url: str) -> App:
    app = App(url, queue=QUEUE)
    for name, function in TASKS.items():
        app.task(name=name)(function)
    return app


async def enqueue(url: str, workload: str, count: int, mode: str) -> None:
    task = make_app(url).tasks[workload]
    started, cpu = wait_for_go()
    if mode == "one":
        for _ in range(count):
            await task.enqueue()
    else:
        for first in range(0, count, ENQUEUE_BATCH):
            await task.enqueue_many([()] * min(ENQUEUE_BATCH, count - first))
    report(started, cpu)


async def work(url: str, mode: str) -> None:
    runner = Runner(make_app(url), concurrency=CONCURRENCY, burst=True)
    runner.one_per_crossing = mode == "per-job"
    started, cpu = wait_for_go()
    stats = await runner.run()
    report(started, cpu, succeeded=stats.succeeded, failed=stats.failed)


def main(argv: list[str]) -> None:
    logging.basicConfig(level=logging.WARNING)
    if argv[0] == "enqueue":
        asyncio.run(enqueue(argv[1], argv[2], int(argv[3]), argv[4]))
    elif argv[0] == "worker":
        asyncio.run(work(argv[1], argv[3]))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
