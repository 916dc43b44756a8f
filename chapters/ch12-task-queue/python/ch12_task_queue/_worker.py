"""The Python half of a worker: runs task functions on asyncio while the Rust
engine (`_native.Worker`) claims jobs, renews leases and writes results."""

from __future__ import annotations

import asyncio
import contextvars
import functools
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from ch12_task_queue import _native
from ch12_task_queue._app import Retry, WorkerStats

if TYPE_CHECKING:
    from ch12_task_queue._app import App, Task

logger = logging.getLogger("ch12_task_queue")

#: How long a stopping worker lets running tasks finish before cancelling them.
DEFAULT_GRACE = 10.0
#: How long closing waits for the last results to be written.
WRITE_PATIENCE = 30.0


def _error_type(error: BaseException) -> str:
    kind = type(error)
    if kind.__module__ == "builtins":
        return kind.__qualname__
    return f"{kind.__module__}.{kind.__qualname__}"


class Runner:
    """One `run_worker`: call `run()`, and `stop()` from a signal handler."""

    def __init__(
        self, app: App, *, concurrency: int = 10, burst: bool = False, grace: float = DEFAULT_GRACE
    ) -> None:
        if isinstance(concurrency, bool) or not isinstance(concurrency, int):
            raise TypeError(f"concurrency must be an int, not {type(concurrency).__name__}")
        if not 1 <= concurrency <= _native.MAX_CONCURRENCY:
            raise ValueError(
                f"concurrency must be between 1 and {_native.MAX_CONCURRENCY}, not {concurrency}"
            )
        if not isinstance(burst, bool):
            raise TypeError(f"burst must be True or False, not {type(burst).__name__}")
        self.app = app
        self.concurrency = concurrency
        self.burst = burst
        self.grace = grace
        self._worker: _native.Worker | None = None
        self._stopping = False
        self._stopped: asyncio.Event | None = None
        self._interrupt: BaseException | None = None
        #: Take one job per crossing into Rust, with an `await` each, instead of
        #: a batch with one plain call. Slower; the benchmark measures by how much.
        self.one_per_crossing = False

    def stop(self) -> None:
        """Stop claiming; running tasks get `grace` seconds to finish."""
        self._stopping = True
        if self._stopped is not None:
            self._stopped.set()
        if self._worker is not None:
            self._worker.stop()

    # ANCHOR: run
    async def run(self) -> WorkerStats:
        worker = _native.Worker(
            self.app._native, self.concurrency, self.burst, list(self.app.tasks)
        )
        self._worker = worker
        logger.info(
            "worker %s: concurrency %d%s, tasks %s",
            worker.name,
            self.concurrency,
            ", burst" if self.burst else "",
            ", ".join(sorted(self.app.tasks)),
        )
        self._stopped = asyncio.Event()
        if self._stopping:
            self.stop()
        # Wakes the loop below when stop() is called while every slot is busy.
        stop_requested = asyncio.create_task(self._stopped.wait())
        threads = ThreadPoolExecutor(self.concurrency, thread_name_prefix="ch12-task")
        running: set[asyncio.Task[None]] = set()
        try:
            while not self._stopping:
                self._log_warnings(worker)
                free = self.concurrency - len(running)
                if free == 0:
                    busy = {*running, stop_requested}
                    await asyncio.wait(busy, return_when=asyncio.FIRST_COMPLETED)
                    continue
                if self.one_per_crossing:  # the benchmark's comparison: an await per job
                    if not await worker.wait_ready():
                        break
                    free = 1
                batch = worker.take(free)  # no await: the engine keeps a batch ready
                if not batch:
                    if not await worker.wait_ready():  # False: stopped, or drained
                        break
                    continue
                for job in batch:
                    task = asyncio.create_task(self._run_one(worker, threads, job))
                    running.add(task)
                    task.add_done_callback(running.discard)
                await asyncio.sleep(0)  # let them start before claiming more
            await self._finish_running(running)
        finally:
            stop_requested.cancel()
            worker.stop()
            succeeded, failed, retried = await worker.close(WRITE_PATIENCE)
            self._log_warnings(worker)
            threads.shutdown(wait=False, cancel_futures=True)
        if self._interrupt is not None:
            raise self._interrupt
        return WorkerStats(succeeded, failed, retried)

    # ANCHOR_END: run

    async def _finish_running(self, running: set[asyncio.Task[None]]) -> None:
        """Let running tasks end, within the grace period when stopping."""
        if not running:
            return
        if not self._stopping:
            await asyncio.wait(running)
            return
        logger.info("stopping: waiting up to %s s for %d running task(s)", self.grace, len(running))
        _done, late = await asyncio.wait(running, timeout=self.grace)
        for task in late:
            task.cancel()  # each hands its job back
        if late:
            await asyncio.wait(late)

    # ANCHOR: run_one
    async def _run_one(self, worker: _native.Worker, threads: ThreadPoolExecutor, job: Any) -> None:
        token, job_id, name, args, kwargs, try_number, timeout = job
        task: Task[Any, Any] = self.app.tasks[name]
        try:
            async with asyncio.timeout(timeout) as limit:
                if task.is_async:
                    value = await task.function(*args, **kwargs)
                else:
                    call = functools.partial(task.function, *args, **kwargs)
                    context = contextvars.copy_context()
                    loop = asyncio.get_running_loop()
                    value = await loop.run_in_executor(threads, context.run, call)
        except Retry as retry:
            worker.finish_retry(token, retry.delay)
        except TimeoutError as error:
            if limit.expired() and timeout is not None:
                logger.warning("job %s (%s) try %d timed out", job_id, name, try_number)
                worker.finish_timed_out(token, timeout)
            else:
                self._raised(worker, token, job_id, name, try_number, error)
        except Exception as error:
            self._raised(worker, token, job_id, name, try_number, error)
        except asyncio.CancelledError as error:
            current = asyncio.current_task()
            if current is not None and current.cancelling():
                worker.hand_back(token)  # we are stopping: another worker runs it
                raise
            self._raised(worker, token, job_id, name, try_number, error)
        except (KeyboardInterrupt, SystemExit) as error:
            # Never swallowed: the job goes back to the queue, the worker stops,
            # and run() raises this once it has closed down.
            worker.hand_back(token)
            if self._interrupt is None:
                self._interrupt = error
            self.stop()
        else:
            if not worker.finish_returned(token, value):
                logger.warning(
                    "job %s (%s): the return value (%s) is not JSON-encodable; the job failed",
                    job_id,
                    name,
                    type(value).__name__,
                )

    # ANCHOR_END: run_one

    @staticmethod
    def _raised(
        worker: _native.Worker,
        token: int,
        job_id: str,
        name: str,
        try_number: int,
        error: BaseException,
    ) -> None:
        logger.warning(
            "job %s (%s) try %d raised %s: %s",
            job_id,
            name,
            try_number,
            _error_type(error),
            error,
            exc_info=logger.isEnabledFor(logging.DEBUG),
        )
        worker.finish_raised(token, _error_type(error), str(error) or repr(error))

    @staticmethod
    def _log_warnings(worker: _native.Worker) -> None:
        for message in worker.warnings():
            logger.warning("%s", message)
