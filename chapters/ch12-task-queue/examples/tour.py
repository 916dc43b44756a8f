"""The queue in one process: every way a job can end, and what each looks like
from the producer's side. No server: `App()` keeps the queue in memory."""

from __future__ import annotations

# ANCHOR: tour
import asyncio
import logging
import sys

from ch12_task_queue import App, JobFailed, Retry

# The worker logs each failed try as a warning: show them among the prints.
logging.basicConfig(stream=sys.stdout, format="%(levelname)s %(name)s: %(message)s")

app = App()  # no URL: the embedded backend, inside this process
seen: dict[str, int] = {}  # tries per job, as the tasks see them


@app.task(name="add")
async def add(a: int, b: int) -> int:
    return a + b


@app.task(name="charge", max_tries=2)
def charge(customer: str) -> str:  # a plain def: it runs in a thread
    raise LookupError(f"no such customer: {customer}")


@app.task(name="poll")
async def poll(url: str) -> str:
    seen[url] = seen.get(url, 0) + 1
    if seen[url] < 3:
        raise Retry(0.05)  # not ready yet: ask for another try soon
    return f"{url} ready after {seen[url]} tries"


async def main() -> None:
    total = await add.enqueue(2, 3)
    again = await add.enqueue(2, 3, _job_id="nightly-total")
    same = await add.enqueue(40, 2, _job_id="nightly-total")  # deduplicated
    bill = await charge.enqueue("ada", _job_id="invoice-17")
    ready = await poll.enqueue("https://example.com/report")
    print("same job for one id:", again.id == same.id)
    print("before any worker:", await total.status())

    stats = await app.run_worker(concurrency=4, burst=True)
    print(stats)

    print("add(2, 3) =", await total.result())
    print("nightly-total =", await again.result())
    print(await ready.result())
    try:
        await bill.result()
    except JobFailed as failed:
        print(f"charge failed: {failed.error_type} after {failed.tries} tries: {failed.message}")
    print("status now:", await bill.status())

    try:
        await add.enqueue(2, {3})  # a set: JSON cannot carry it
    except TypeError as error:
        print("refused:", error)


asyncio.run(main())
# ANCHOR_END: tour
