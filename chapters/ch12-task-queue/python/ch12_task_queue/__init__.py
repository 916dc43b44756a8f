"""Chapter 12 of the PyO3 cookbook: a task queue with a Rust core on tokio.

    app = App()                              # in this process; App("redis://...") to share
    @app.task
    async def add(a: int, b: int) -> int:
        return a + b

    job = await add.enqueue(1, 2)            # arguments travel as JSON
    await app.run_worker(burst=True)         # or: python -m ch12_task_queue worker mod:app
    assert await job.result() == 3

Rust owns the queue (storage, claiming, leases, retries, delays, results and
the worker's loops); Python owns this face and runs your task functions on
its own asyncio event loop.
"""

import atexit
import time

# ANCHOR: init
from ch12_task_queue import _native
from ch12_task_queue._app import App, Job, JobFailed, Retry, Task, WorkerStats

__all__ = ["App", "Job", "JobFailed", "Retry", "Task", "WorkerStats"]
# ANCHOR_END: init

# Reprs, tracebacks and pickles name the public package, not the private module.
for _public in (App, Job, JobFailed, Retry, Task, WorkerStats):
    _public.__module__ = __name__


# ANCHOR: exit_hook
@atexit.register
def _stop_the_engine() -> None:
    """End every Rust loop of this module before the interpreter finalizes.

    Background loops (claims, lease renewals, writes, the result listener) and
    pending awaitables live on tokio's threads. If one of them still touched
    Python while the interpreter shuts down, the process could crash at exit
    (pyo3-async-runtimes issue 40). Exit hooks run before that: stop them all,
    wait for them without holding the interpreter, then give the last
    deliveries of results a moment to land.
    """
    busy = _native.live_tasks() > 0
    _native.shutdown(2.0)
    if busy:
        time.sleep(0.05)


# ANCHOR_END: exit_hook
