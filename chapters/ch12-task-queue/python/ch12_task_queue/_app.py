"""The public face: `App`, `Task`, `Job`, `Retry`, `JobFailed`, `WorkerStats`."""

from __future__ import annotations

import inspect
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, ParamSpec, TypeVar, overload

from ch12_task_queue import _native

_P = ParamSpec("_P")
_R = TypeVar("_R")

_QUEUE_NAME = re.compile(r"[A-Za-z0-9_.:-]{1,100}")
_ACCEPTED_URLS = (
    "None (the embedded queue, inside this process) or a Redis URL "
    "'redis://[[username]:password@]host[:port][/db]'"
)
MAX_TRIES = 1000
MAX_ID_LENGTH = 200


def _seconds(value: object, what: str, *, allow_zero: bool) -> float:
    """A number of seconds, checked: a TypeError for the wrong kind, a
    ValueError for a value out of range."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{what} must be a number of seconds, not {type(value).__name__}")
    seconds = float(value)
    if not math.isfinite(seconds) or seconds < 0 or (seconds == 0 and not allow_zero):
        bound = ">= 0" if allow_zero else "> 0"
        raise ValueError(f"{what} must be a finite number of seconds {bound}, not {value!r}")
    return seconds


def _checked_job_id(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"a job id must be a str, not {type(value).__name__}")
    if not 1 <= len(value) <= MAX_ID_LENGTH or any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ValueError(
            f"a job id must be 1 to {MAX_ID_LENGTH} characters without control characters, "
            f"not {value!r}"
        )
    return value


class Retry(Exception):
    """Raise inside a task to ask for another try, after `delay` seconds or,
    with no delay, after the queue's backoff. The try counts toward `max_tries`."""

    def __init__(self, delay: float | None = None) -> None:
        if delay is not None:
            delay = _seconds(delay, "Retry(delay)", allow_zero=True)
        super().__init__(delay)
        self.delay = delay

    def __repr__(self) -> str:
        return f"Retry(delay={self.delay!r})"


class JobFailed(Exception):
    """The job failed for good: every try raised, it timed out, or it could
    not run at all. `error_type` and `message` describe the last try's error."""

    def __init__(self, error_type: str, message: str, tries: int) -> None:
        super().__init__(error_type, message, tries)
        self.error_type = error_type
        self.message = message
        self.tries = tries

    def __str__(self) -> str:
        tries = "1 try" if self.tries == 1 else f"{self.tries} tries"
        return f"{self.error_type}: {self.message} (after {tries})"


@dataclass(frozen=True)
class WorkerStats:
    """What one `run_worker` did: jobs that succeeded, failed for good, and
    tries that ended in a retry."""

    succeeded: int
    failed: int
    retried: int


class Job:
    """A handle on one job, by id: any process can make one (`app.job(id)`)."""

    __slots__ = ("_app", "id")

    def __init__(self, app: App, job_id: str) -> None:
        self._app = app
        self.id = job_id

    async def status(self) -> str:
        """One of "queued", "deferred", "running", "succeeded", "failed", "unknown".

        "running" includes a job a worker has claimed and is about to start;
        "unknown" is a job never enqueued, or finished longer than
        `keep_results` ago.
        """
        status: str = await self._app._native.status(self.id)
        return status

    async def result(self, timeout: float | None = None) -> Any:
        """The task's return value, once the job succeeded.

        Raises `JobFailed` if it failed for good, and `TimeoutError` when
        `timeout` seconds pass first (None waits for as long as it takes: also
        for a job that is not enqueued yet, or whose result has expired).
        Waiting is woken by the job's end, not by polling.
        """
        if timeout is not None:
            timeout = _seconds(timeout, "timeout", allow_zero=True)
        outcome = await self._app._native.result(self.id, timeout)
        if outcome is None:
            raise TimeoutError(f"job {self.id} did not finish within {timeout} s")
        if outcome[0] == "succeeded":
            return outcome[1]
        _, error_type, message, tries = outcome
        raise JobFailed(error_type, message, tries)

    def __repr__(self) -> str:
        return f"Job({self.id!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Job) and other._app is self._app and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)


class Task(Generic[_P, _R]):
    """A function registered with an `App`. Calling it calls the function;
    `enqueue` asks a worker to call it."""

    def __init__(
        self,
        app: App,
        function: Callable[_P, _R],
        name: str,
        max_tries: int,
        timeout: float | None,
    ) -> None:
        self.app = app
        self.function = function
        self.name = name
        self.max_tries = max_tries
        self.timeout = timeout
        self.is_async = inspect.iscoroutinefunction(function)
        self.__doc__ = function.__doc__
        self.__wrapped__ = function

    def __call__(self, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        return self.function(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<Task {self.name!r} max_tries={self.max_tries} timeout={self.timeout}>"

    # ANCHOR: enqueue
    async def enqueue(
        self,
        *args: Any,
        _job_id: str | None = None,
        _delay: float | None = None,
        **kwargs: Any,
    ) -> Job:
        """Ask a worker to run this task with these arguments (JSON kinds only).

        `_delay` seconds defers it. `_job_id` deduplicates: while a job with
        that id is queued, deferred, running or its result is kept, this
        returns a `Job` for it and enqueues nothing.
        """
        job_id = None if _job_id is None else _checked_job_id(_job_id)
        delay = 0.0 if _delay is None else _seconds(_delay, "_delay", allow_zero=True)
        arguments = _native.encode_call(args, kwargs)  # TypeError names a bad argument
        job = (job_id, self.name, arguments, self.max_tries, self.timeout, delay)
        [(enqueued_id, _created)] = await self.app._native.enqueue([job])
        return Job(self.app, enqueued_id)

    # ANCHOR_END: enqueue

    async def enqueue_many(self, calls: Iterable[Sequence[Any]]) -> list[Job]:
        """Enqueue one job per item of `calls` (each a sequence of positional
        arguments) in one round trip. Nothing is enqueued if any item fails
        to encode."""
        if isinstance(calls, (str, bytes)) or not isinstance(calls, Iterable):
            raise TypeError(
                f"enqueue_many takes an iterable of argument sequences, not {type(calls).__name__}"
            )
        jobs = []
        for index, call in enumerate(calls):
            if isinstance(call, (str, bytes)) or not isinstance(call, Sequence):
                raise TypeError(
                    f"call {index} must be a sequence of positional arguments, "
                    f"not {type(call).__name__}"
                )
            try:
                arguments = _native.encode_call(tuple(call), None)
            except TypeError as error:
                raise TypeError(f"call {index}: {error}") from None
            jobs.append((None, self.name, arguments, self.max_tries, self.timeout, 0.0))
        if not jobs:
            return []
        enqueued = await self.app._native.enqueue(jobs)
        return [Job(self.app, job_id) for job_id, _created in enqueued]


class App:
    """A queue and its tasks.

    `url=None` keeps the queue inside this process (a worker in the same
    process drains it); `"redis://host:port/db"` shares it through Redis with
    every process that opens the same URL and `queue` name. `lease` is how long
    a claimed job stays hidden from other workers without its worker renewing
    it (a dead worker's jobs run again after about that long); `keep_results`
    is how long results are kept.
    """

    def __init__(
        self,
        url: str | None = None,
        *,
        queue: str = "default",
        lease: float = 30.0,
        keep_results: float = 3600.0,
    ) -> None:
        if url is not None and not isinstance(url, str):
            raise TypeError(
                f"url must be a str or None, not {type(url).__name__}; {_ACCEPTED_URLS}"
            )
        if url is not None and not url.startswith("redis://"):
            raise ValueError(f"unsupported queue URL {url!r}: App accepts {_ACCEPTED_URLS}")
        if not isinstance(queue, str):
            raise TypeError(f"queue must be a str, not {type(queue).__name__}")
        if not _QUEUE_NAME.fullmatch(queue):
            raise ValueError(
                f"queue must be 1 to 100 letters, digits or the characters _ . : -, not {queue!r}"
            )
        self.url = url
        self.queue = queue
        self.lease = _seconds(lease, "lease", allow_zero=False)
        self.keep_results = _seconds(keep_results, "keep_results", allow_zero=False)
        self.tasks: dict[str, Task[Any, Any]] = {}
        self._native = _native.Queue(url, queue, self.lease, self.keep_results)

    def __repr__(self) -> str:
        where = "embedded" if self.url is None else _redact(self.url)
        return f"<App {where} queue={self.queue!r} tasks={sorted(self.tasks)}>"

    @overload
    def task(self, function: Callable[_P, _R], /) -> Task[_P, _R]: ...

    @overload
    def task(
        self,
        function: None = None,
        /,
        *,
        name: str | None = None,
        max_tries: int = 3,
        timeout: float | None = None,
    ) -> Callable[[Callable[_P, _R]], Task[_P, _R]]: ...

    # ANCHOR: task
    def task(
        self,
        function: Callable[_P, _R] | None = None,
        /,
        *,
        name: str | None = None,
        max_tries: int = 3,
        timeout: float | None = None,
    ) -> Task[_P, _R] | Callable[[Callable[_P, _R]], Task[_P, _R]]:
        """Register a task: `@app.task` or `@app.task(name=..., max_tries=...,
        timeout=...)`, on an `async def` or a plain `def` (which runs in a
        thread, so it never blocks the event loop)."""
        if name is not None and not isinstance(name, str):
            raise TypeError(f"name must be a str or None, not {type(name).__name__}")
        if name is not None and not 1 <= len(name) <= MAX_ID_LENGTH:
            raise ValueError(f"a task name must be 1 to {MAX_ID_LENGTH} characters, not {name!r}")
        if isinstance(max_tries, bool) or not isinstance(max_tries, int):
            raise TypeError(f"max_tries must be an int, not {type(max_tries).__name__}")
        if not 1 <= max_tries <= MAX_TRIES:
            raise ValueError(f"max_tries must be between 1 and {MAX_TRIES}, not {max_tries}")
        limit = None if timeout is None else _seconds(timeout, "timeout", allow_zero=False)

        def register(function: Callable[_P, _R]) -> Task[_P, _R]:
            if not callable(function) or isinstance(function, Task):
                raise TypeError(f"@app.task decorates a function, not {type(function).__name__}")
            task_name = name or f"{function.__module__}.{function.__qualname__}"
            if task_name in self.tasks:
                raise ValueError(f"a task named {task_name!r} is already registered with this app")
            registered = Task(self, function, task_name, max_tries, limit)
            self.tasks[task_name] = registered
            return registered

        return register if function is None else register(function)

    # ANCHOR_END: task

    def job(self, job_id: str) -> Job:
        """A handle on the job with this id, from any process."""
        return Job(self, _checked_job_id(job_id))

    async def run_worker(self, *, concurrency: int = 10, burst: bool = False) -> WorkerStats:
        """Run tasks from the queue, at most `concurrency` at once, until
        stopped (or, with `burst=True`, until nothing is queued, deferred or
        running)."""
        from ch12_task_queue._worker import Runner

        return await Runner(self, concurrency=concurrency, burst=burst).run()


def _redact(url: str) -> str:
    """The URL without its password, for reprs and logs."""
    return re.sub(r"//([^:@/]*):[^@/]*@", r"//\1:***@", url)
