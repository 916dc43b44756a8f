"""Chapter 9 of the PyO3 cookbook: the async bridge between asyncio and tokio.

`sleep` is a Rust future that asyncio awaits; `map_async` awaits your
coroutines from Rust, at most `concurrency` at a time, on your event loop and
in your context. `configure` sets the tokio runtime's worker threads before
its first use; `worker_threads` says how many it has; `live_futures` counts
the Rust futures still alive, which shows that cancelling from Python drops
them. A panic inside a Rust future reaches the awaiting coroutine as `RustPanic`.
"""

# ANCHOR: init
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
