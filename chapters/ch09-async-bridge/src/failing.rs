//! A demonstration: a Rust future that returns an error.

// ANCHOR: fail_after
use std::time::Duration;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::args::int_in_range;
use crate::live::Live;
use crate::runtime::runtime;
use crate::timer::MAX_MS;

/// A demonstration: after `ms` milliseconds, the Rust future returns an
/// error, which the awaiting coroutine receives as `ValueError(message)`.
#[pyfunction]
pub fn fail_after<'py>(
    py: Python<'py>,
    ms: &Bound<'py, PyAny>,
    message: String,
) -> PyResult<Bound<'py, PyAny>> {
    let ms = int_in_range(ms.as_borrowed(), "ms", 0, MAX_MS)?;
    runtime();
    let live = Live::track();
    pyo3_async_runtimes::tokio::future_into_py(py, async move {
        let _live = live;
        tokio::time::sleep(Duration::from_millis(ms)).await;
        Err::<(), _>(PyValueError::new_err(message))
    })
}
// ANCHOR_END: fail_after
