//! Workshop, chapter 9, solved: expose a Rust async function to asyncio.

use std::time::Duration;

use pyo3::prelude::*;

/// An awaitable that resolves to `value` after `ms` milliseconds.
#[pyfunction]
fn later<'py>(py: Python<'py>, ms: u64, value: Py<PyAny>) -> PyResult<Bound<'py, PyAny>> {
    // The future runs on a tokio thread: it owns what it needs (`ms` and an
    // owned `Py`), so it is `Send + 'static`.
    pyo3_async_runtimes::tokio::future_into_py(py, async move {
        tokio::time::sleep(Duration::from_millis(ms)).await;
        Ok(value)
    })
}

#[pymodule]
mod ch09_exercise {
    #[pymodule_export]
    use super::later;
}
