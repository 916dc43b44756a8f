"""arq, as the benchmark drives it (run by `cookbook bench` in arq's own
virtual environment, with redis-py below 6 as arq 0.28 requires).

    python side_arq.py enqueue URL WORKLOAD COUNT one
    python side_arq.py worker URL WORKLOAD
    python side_arq.py check URL

The worker runs at the same concurrency as the cookbook's (`max_jobs`), in
burst mode, with `poll_delay=0`: arq's default of half a second between polls
of an empty queue would cap it near 200 tasks/s, which measures the setting,
not the design.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from typing import Any

from arq import create_pool
from arq.connections import RedisSettings
from arq.worker import Worker, func
from workloads import CONCURRENCY, TASKS, report, wait_for_go


def settings(url: str) -> RedisSettings:
    return RedisSettings.from_dsn(url)


def wrapped(name: str) -> Any:
    body = TASKS[name]

    async def task(ctx: dict[str, Any]) -> Any:  # arq passes a context first
        return await body()

    return func(task, name=name)


async def enqueue(url: str, workload: str, count: int) -> None:
    redis = await create_pool(settings(url))
    started, cpu = wait_for_go()
    for _ in range(count):
        await redis.enqueue_job(workload)
    report(started, cpu)
    await redis.aclose()


async def work(url: str) -> None:
    worker = Worker(
        functions=[wrapped(name) for name in TASKS],
        redis_settings=settings(url),
        burst=True,
        max_jobs=CONCURRENCY,
        poll_delay=0,
        handle_signals=False,
    )
    # Connect before the clock starts, as the other sides do (arq would
    # connect at the start of its run otherwise).
    worker._pool = await create_pool(settings(url))
    started, cpu = wait_for_go()
    await worker.async_run()
    report(started, cpu, succeeded=worker.jobs_complete, failed=worker.jobs_failed)
    await worker.close()


async def check(url: str) -> None:
    redis = await create_pool(settings(url))
    results = await redis.all_job_results()
    queued = await redis.queued_jobs()
    in_progress = len(await redis.keys("arq:in-progress:*"))
    succeeded = sum(1 for result in results if result.success)
    print(json.dumps({"succeeded": succeeded, "queued": len(queued), "running": in_progress}))
    await redis.aclose()


def main(argv: list[str]) -> None:
    logging.basicConfig(level=logging.WARNING)
    if argv[0] == "enqueue":
        asyncio.run(enqueue(argv[1], argv[2], int(argv[3])))
    elif argv[0] == "worker":
        asyncio.run(work(argv[1]))
    elif argv[0] == "check":
        asyncio.run(check(argv[1]))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
