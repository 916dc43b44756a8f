"""The queue's hot path in plain Python: a sketch, not a queue.

    python side_sketch.py enqueue URL WORKLOAD COUNT batch
    python side_sketch.py worker URL WORKLOAD

It reads and writes the same Redis data as the cookbook's queue, with the
same commands: claims of up to CONCURRENCY entries with XREADGROUP, the
queue's own `finish.lua` for every batch of results (one round trip that
acknowledges, deletes and stores each result, then announces them), and
`enqueue.lua` to fill the queue. Arguments and results are JSON, parsed and
encoded with the standard library. Written on redis-py's asyncio client (with
hiredis), it runs in arq's environment.

It claims one batch at a time and runs it before claiming the next. Claiming
the next batch while one runs (as the queue's engine does, on another
thread) was tried, and made it slower: the sketch's one thread is busy with
every step already, and the extra asyncio task per batch costs more than the
wait it hides.

What it leaves out is everything that makes the real one a queue: leases
renewed while tasks run, take-overs from lost workers, suspects, retries,
timeouts, delays, graceful stops, reconnection. It exists to separate what
the design buys (batched claims and writes) from what Rust buys.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
import uuid
from pathlib import Path
from typing import Any

import redis.asyncio as redis
from redis.exceptions import ResponseError
from workloads import CONCURRENCY, TASKS, report, wait_for_go

LUA = Path(__file__).resolve().parent.parent / "src" / "lua"
PREFIX = "ch12:{bench}:"
STREAM, DEFERRED, DONE = PREFIX + "stream", PREFIX + "deferred", PREFIX + "done"
GROUP = "workers"
KEEP_RESULTS_MS = 3_600_000
ENQUEUE_BATCH = 1_000


async def enqueue(url: str, workload: str, count: int) -> None:
    client = redis.Redis.from_url(url)
    script = client.register_script((LUA / "enqueue.lua").read_text())
    started, cpu = wait_for_go()
    call = json.dumps([[], {}])
    for first in range(0, count, ENQUEUE_BATCH):
        ids = [uuid.uuid4().hex for _ in range(min(ENQUEUE_BATCH, count - first))]
        args: list[Any] = []
        for job in ids:
            args += [job, workload, call, 3, ""]
        args += [0] * len(ids)
        await script(keys=[STREAM, DEFERRED, *(PREFIX + "job:" + job for job in ids)], args=args)
    report(started, cpu)
    await client.aclose()


async def run_one(entry: bytes, fields: dict[bytes, bytes]) -> list[Any]:
    positional, keywords = json.loads(fields[b"args"])
    value = await TASKS[fields[b"name"].decode()](*positional, **keywords)
    tries = int(fields[b"tries"]) + 1
    return ["ok", entry, fields[b"job"], json.dumps(value), tries, ""]


async def work(url: str) -> None:
    client = redis.Redis.from_url(url)
    finish = client.register_script((LUA / "finish.lua").read_text())
    consumer = f"sketch-{os.getpid()}"
    try:
        await client.xgroup_create(STREAM, GROUP, id="0", mkstream=True)
    except ResponseError as error:  # BUSYGROUP: another worker made it
        if "BUSYGROUP" not in str(error):
            raise
    started, cpu = wait_for_go()
    writing: asyncio.Task[Any] | None = None
    done = 0
    while True:
        reply = await client.xreadgroup(GROUP, consumer, {STREAM: ">"}, count=CONCURRENCY)
        if not reply:
            break  # burst: nothing left to claim
        entries = reply[0][1]
        outcomes = await asyncio.gather(*(run_one(entry, fields) for entry, fields in entries))
        if writing is not None:
            await writing  # one batch of results in flight at a time
        keys = [STREAM, DEFERRED, *(PREFIX + "job:" + row[2].decode() for row in outcomes)]
        args = [GROUP, consumer, KEEP_RESULTS_MS, DONE, *(x for row in outcomes for x in row)]
        writing = asyncio.create_task(finish(keys=keys, args=args))
        done += len(outcomes)
    if writing is not None:
        await writing
    report(started, cpu, succeeded=done, failed=0)
    await client.aclose()


def main(argv: list[str]) -> None:
    logging.basicConfig(level=logging.WARNING)
    if argv[0] == "enqueue":
        asyncio.run(enqueue(argv[1], argv[2], int(argv[3])))
    elif argv[0] == "worker":
        asyncio.run(work(argv[1]))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
