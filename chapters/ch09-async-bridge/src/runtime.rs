//! The tokio runtime that drives every Rust future of this module: configured
//! once, before its first use.
//!
//! pyo3-async-runtimes keeps one runtime per extension module, in a static.
//! `pyo3_async_runtimes::tokio::init(builder)` only stores a builder; the
//! first `get_runtime()` (which every `future_into_py` makes) builds the
//! runtime from it, and an `init` after that is silently ignored. `configure`
//! turns that silence into an error.

// ANCHOR: runtime
use std::sync::{Mutex, PoisonError};

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use tokio::runtime::{Builder, Runtime};

use crate::args::int_in_range;

/// The most worker threads `configure` accepts.
pub const MAX_WORKER_THREADS: u64 = 256;

/// Whether a function of this module has started the runtime. The lock is
/// never held while calling Python, so holding it while attached is safe.
static STARTED: Mutex<bool> = Mutex::new(false);

/// Set how many worker threads the tokio runtime gets (1 to 256). Call it
/// before the first `sleep` or `map_async`: after that the runtime is running,
/// and this raises `RuntimeError`.
#[pyfunction]
pub fn configure(worker_threads: &Bound<'_, PyAny>) -> PyResult<()> {
    let threads = int_in_range(
        worker_threads.as_borrowed(),
        "worker_threads",
        1,
        MAX_WORKER_THREADS,
    )?;
    let started = STARTED.lock().unwrap_or_else(PoisonError::into_inner);
    if *started {
        return Err(PyRuntimeError::new_err(
            "configure() came too late: the tokio runtime is already running (the first \
             sleep() or map_async() started it), and its worker threads cannot change now. \
             Call configure() once, before any other function of ch09_async_bridge",
        ));
    }
    let mut builder = Builder::new_multi_thread();
    // The range check above makes this conversion lossless.
    builder.worker_threads(threads as usize).enable_all();
    // Only stores the builder: the runtime is built on first use.
    pyo3_async_runtimes::tokio::init(builder);
    Ok(())
}

/// The runtime, built on first use from what `configure` stored (or tokio's
/// default: one worker thread per CPU). Every bridge call goes through here,
/// so that `configure` knows when it is too late.
pub fn runtime() -> &'static Runtime {
    let mut started = STARTED.lock().unwrap_or_else(PoisonError::into_inner);
    *started = true;
    pyo3_async_runtimes::tokio::get_runtime()
}
// ANCHOR_END: runtime

/// How many worker threads the runtime has (starting it if needed).
#[pyfunction]
pub fn worker_threads() -> usize {
    runtime().metrics().num_workers()
}

/// Whether a function of this module has started the runtime.
#[pyfunction]
pub fn runtime_started() -> bool {
    *STARTED.lock().unwrap_or_else(PoisonError::into_inner)
}
