//! Chapter 9: the async bridge between asyncio and tokio.
//!
//! Two event loops run side by side: asyncio's, on the Python thread that
//! called `asyncio.run`, and tokio's, on worker threads that Rust started.
//! pyo3-async-runtimes carries awaits across:
//!
//! - `runtime`: the tokio runtime, configured once before its first use;
//! - `timer`: `sleep`, a Rust future awaited from asyncio (`future_into_py`);
//! - `map_async`: Python coroutines awaited from Rust
//!   (`into_future_with_locals`, `TaskLocals`), at most `concurrency` at a
//!   time, cancelled when the Rust side gives up on them (`call`, `flight`);
//! - `live`: how many Rust futures are alive, to show that cancelling from
//!   Python drops them;
//! - `failing` and `panicking`: what a Rust future that fails, or panics, becomes.
//!
//! Python imports this crate as `ch09_async_bridge._native`; `cargo test`
//! runs the tests with an embedded interpreter (`tests/async_bridge.rs` on a
//! Python event loop and tokio together).

mod args;
mod call;
mod failing;
mod flight;
mod live;
mod map;
mod panicking;
mod runtime;
mod timer;

pub use failing::fail_after;
pub use flight::Flight;
pub use live::{Live, live_futures};
pub use map::{MAX_CONCURRENCY, map_async};
pub use panicking::{keeping_panic_message, panic_after};
pub use runtime::{MAX_WORKER_THREADS, configure, runtime, runtime_started, worker_threads};
pub use timer::{MAX_MS, sleep};

/// How the module was compiled: "debug" or "release". The benchmark refuses
/// to measure a debug build.
#[pyo3::pyfunction]
pub fn build_profile() -> &'static str {
    if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    }
}

// ANCHOR: module
/// The compiled half of `ch09_async_bridge`. Import the package, not this.
#[pyo3::pymodule(gil_used = false)]
pub mod _native {
    #[pymodule_export]
    use super::{configure, live_futures, map_async, sleep, worker_threads};

    // What a panic inside a Rust future becomes: an `Exception` subclass
    // defined by pyo3-async-runtimes, exported so that callers can catch it.
    #[pymodule_export]
    use pyo3_async_runtimes::err::RustPanic;

    // Demonstrations for the book and the tests: a Rust future that fails,
    // one that panics, and what the benchmark checks before it measures.
    #[pymodule_export]
    use super::{build_profile, fail_after, panic_after};

    // For the package's exit hook (see python/ch09_async_bridge/__init__.py).
    #[pymodule_export]
    use super::runtime_started;
}
// ANCHOR_END: module
