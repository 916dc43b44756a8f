//! Chapter 12, the capstone: a task queue whose engine is Rust on tokio,
//! under a Python face.
//!
//! - `job`: the plain data every backend stores (no Python in it);
//! - `memory` and `redis_backend`, behind `backend::Backend`: where the
//!   queue lives: this process (`url=None`), or a Redis shared by many
//!   worker processes on many machines;
//! - `engine`: one worker's claiming, lease renewal, retry decisions and
//!   batched writes, on tokio;
//! - `json`: arguments and results as JSON bytes, encoded and parsed here;
//! - `bindings`: the `Queue` and `Worker` classes Python drives;
//! - `runtime`: the tokio runtime this module owns, the bridge that hands
//!   its results to asyncio, and stopping both at exit.
//!
//! Python imports this crate as `ch12_task_queue._native`; the package's
//! plain-Python half (`python/ch12_task_queue`) runs the task functions on
//! asyncio. `cargo test` tests the core with the embedded backend: no Redis,
//! and Python only where a test crosses into it.

pub mod backend;
pub mod bindings;
pub mod engine;
pub mod job;
pub mod json;
pub mod memory;
pub mod redis_backend;
pub mod runtime;
mod waiters;

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
/// The compiled half of `ch12_task_queue`. Import the package, not this.
#[pyo3::pymodule(gil_used = false)]
pub mod _native {
    #[pymodule_export]
    use super::bindings::{Queue, Worker, encode_call, live_tasks, shutdown};

    #[pymodule_export]
    use super::build_profile;

    #[pymodule_export]
    const MAX_CONCURRENCY: usize = super::bindings::MAX_CONCURRENCY;
}
// ANCHOR_END: module
