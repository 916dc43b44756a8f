//! Workshop, chapter 9: expose a Rust async function to asyncio.
//!
//! `later(ms, value)` should return an awaitable that resolves to `value`
//! after `ms` milliseconds, without blocking the event loop meanwhile: a
//! thousand of them under `asyncio.gather` should take about one `ms`, not a
//! thousand. One TODO below. Check your work with
//!
//!     uv run workshop check ch09-async-bridge
//!
//! and ask for a nudge with `uv run workshop hint ch09-async-bridge`.

// Until the TODO is done, the arguments are unused; that is expected.
#![allow(unused_variables)]

use pyo3::prelude::*;

/// An awaitable that resolves to `value` after `ms` milliseconds.
#[pyfunction]
fn later<'py>(py: Python<'py>, ms: u64, value: Py<PyAny>) -> PyResult<Bound<'py, PyAny>> {
    // TODO: return `pyo3_async_runtimes::tokio::future_into_py(py, async move { ... })`
    // whose future waits with `tokio::time::sleep` (not `std::thread::sleep`,
    // which would stop a whole tokio thread) and then returns `Ok(value)`.
    todo!("turn a Rust future into a Python awaitable")
}

#[pymodule]
mod ch09_exercise {
    #[pymodule_export]
    use super::later;
}
