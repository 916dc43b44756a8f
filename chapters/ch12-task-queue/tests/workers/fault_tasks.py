"""Tasks for the fault tests, run by worker processes:
`python -m ch12_task_queue worker fault_tasks:app` in this folder.

The environment says where the queue is (CH12_URL, CH12_QUEUE, CH12_LEASE)
and where to record every start of a task (CH12_LOG): one line per start,
"<n> <pid>", appended in one write so that lines from several processes never
mix. Counting lines per n counts runs, duplicates included.
"""

from __future__ import annotations

import asyncio
import os
import signal

from ch12_task_queue import App

app = App(
    os.environ["CH12_URL"],
    queue=os.environ["CH12_QUEUE"],
    lease=float(os.environ.get("CH12_LEASE", "30")),
)


def _record(n: int) -> None:
    line = f"{n} {os.getpid()}\n".encode()
    descriptor = os.open(os.environ["CH12_LOG"], os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    try:
        os.write(descriptor, line)
    finally:
        os.close(descriptor)


@app.task(name="work")
async def work(n: int, seconds: float) -> int:
    _record(n)
    await asyncio.sleep(seconds)
    return n


@app.task(name="poison", max_tries=3)
def poison() -> None:
    """Kills whatever worker runs it, every time."""
    _record(-1)
    os.kill(os.getpid(), signal.SIGKILL)
