"""Type stubs for the compiled module. Keep in step with src/bindings.rs and src/lib.rs.
Import the package, not this: `App` and its friends wrap these two classes."""

from collections.abc import Awaitable, Sequence
from typing import Any, Final, final

__all__ = [
    "MAX_CONCURRENCY",
    "Queue",
    "Worker",
    "build_profile",
    "encode_call",
    "live_tasks",
    "shutdown",
]

MAX_CONCURRENCY: Final[int]
"""The most tasks one worker runs at once."""

@final
class Queue:
    """One queue in one backend: `url=None` keeps it in this process,
    `redis://...` opens it in Redis. ValueError for a URL Redis cannot use."""

    def __new__(cls, url: str | None, queue: str, lease: float, keep_results: float) -> Queue: ...
    def enqueue(
        self, jobs: Sequence[tuple[str | None, str, bytes, int, float | None, float]]
    ) -> Awaitable[list[tuple[str, bool]]]:
        """Each job is `(job_id or None, name, args_json, max_tries, timeout or
        None, delay)`; resolves to `[(job_id, created)]`."""
    def status(self, job_id: str) -> Awaitable[str]: ...
    def result(self, job_id: str, timeout: float | None) -> Awaitable[tuple[Any, ...] | None]:
        """Resolves to ("succeeded", value), ("failed", error_type, message,
        tries), or None when `timeout` seconds passed first."""

@final
class Worker:
    """One worker's engine on tokio; `run_worker` drives it from asyncio."""

    def __new__(cls, queue: Queue, concurrency: int, burst: bool, names: list[str]) -> Worker: ...
    @property
    def name(self) -> str: ...
    def take(
        self, max: int
    ) -> list[tuple[int, str, str, list[Any], dict[str, Any], int, float | None]]:
        """Up to `max` jobs to start now: (token, job_id, name, args, kwargs,
        try_number, timeout or None). Never waits."""
    def wait_ready(self) -> Awaitable[bool]: ...
    def finish_returned(self, token: int, value: object) -> bool: ...
    def finish_raised(self, token: int, error_type: str, message: str) -> None: ...
    def finish_retry(self, token: int, delay: float | None) -> None: ...
    def finish_timed_out(self, token: int, limit: float) -> None: ...
    def hand_back(self, token: int) -> None: ...
    def stop(self) -> None: ...
    def close(self, patience: float) -> Awaitable[tuple[int, int, int]]: ...
    def warnings(self) -> list[str]: ...

def encode_call(args: tuple[Any, ...], kwargs: dict[str, Any] | None) -> bytes: ...
def shutdown(patience: float) -> bool: ...
def live_tasks() -> int: ...
def build_profile() -> str: ...
