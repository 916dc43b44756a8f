# ANCHOR: stub
"""Type stubs for the compiled module. Keep in step with src/*.rs."""

from collections.abc import Awaitable, Callable, Iterable
from typing import Any, TypeVar, overload

__all__ = [
    "RustPanic",
    "build_profile",
    "configure",
    "fail_after",
    "live_futures",
    "map_async",
    "panic_after",
    "runtime_started",
    "sleep",
    "worker_threads",
]

_T = TypeVar("_T")
_R = TypeVar("_R")

class RustPanic(Exception):
    """A panic inside a Rust future, as the coroutine awaiting it sees it."""

def configure(worker_threads: int) -> None:
    """Give the tokio runtime `worker_threads` threads (1 to 256). Before its first use
    only: afterwards it raises RuntimeError."""

def worker_threads() -> int:
    """How many worker threads the tokio runtime has (starting it if needed)."""

@overload
def sleep(ms: int) -> Awaitable[None]: ...
@overload
def sleep(ms: int, value: _T) -> Awaitable[_T]: ...
def map_async(
    func: Callable[[_T], Awaitable[_R]], items: Iterable[_T], *, concurrency: int = 8
) -> Awaitable[list[_R]]:
    """`[await func(item) for item in items]`, with at most `concurrency` (1 to 10,000)
    calls in flight at once. Call it from a coroutine: it needs the running loop."""

def live_futures() -> int:
    """How many Rust futures made by this module are still alive."""

def fail_after(ms: int, message: str) -> Awaitable[None]:
    """A demonstration: raises ValueError(message) in the awaiting coroutine after `ms`."""

def panic_after(ms: int, message: str, *, keep_message: bool = False) -> Awaitable[Any]:
    """A demonstration: the Rust future panics after `ms`; the awaiting coroutine gets
    pyo3_async_runtimes.RustPanic("rust future panicked: unknown error"), or, with
    keep_message=True, RustPanic("rust future panicked: " + message)."""

def runtime_started() -> bool:
    """Whether a function of this module has started the tokio runtime."""

def build_profile() -> str:
    """How the module was compiled: "debug" or "release"."""

# ANCHOR_END: stub
