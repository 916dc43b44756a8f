"""Chapter 9 of the PyO3 cookbook: the async bridge between asyncio and tokio.

`sleep` is a Rust future that asyncio awaits; `map_async` awaits your
coroutines from Rust, at most `concurrency` at a time, on your event loop and
in your context. `configure` sets the tokio runtime's worker threads before
its first use; `worker_threads` says how many it has; `live_futures` counts
the Rust futures still alive, which shows that cancelling from Python drops
them. A panic inside a Rust future reaches the awaiting coroutine as `RustPanic`.
"""

import atexit
import time

# ANCHOR: init
from ch09_async_bridge import _native
from ch09_async_bridge._native import (
    RustPanic,
    configure,
    live_futures,
    map_async,
    sleep,
    worker_threads,
)

__all__ = [
    "RustPanic",
    "configure",
    "live_futures",
    "map_async",
    "sleep",
    "worker_threads",
]
# ANCHOR_END: init


# ANCHOR: exit_hook
@atexit.register
def _let_the_bridge_settle() -> None:
    """Give tokio's threads time to finish handing results to Python before it exits.

    pyo3-async-runtimes delivers a result from a tokio thread that attaches to
    the interpreter. If the interpreter starts shutting down while such a
    thread is half-way (it lets go of the GIL while it wakes the loop up), the
    thread's return crashes the process ("Fatal Python error:
    PyGILState_Release"; upstream issue pyo3-async-runtimes#40). Exit hooks
    run before the shutdown: wait here, without the GIL, for the Rust futures
    to end, then a little longer for their deliveries.
    """
    if not _native.runtime_started():
        return
    deadline = time.monotonic() + 1.0
    while _native.live_futures() and time.monotonic() < deadline:
        time.sleep(0.005)
    time.sleep(0.05)


# ANCHOR_END: exit_hook
