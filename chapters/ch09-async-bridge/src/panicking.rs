//! A demonstration: a Rust future that panics.

// ANCHOR: panic_after
use std::time::Duration;

use pyo3::prelude::*;

use crate::args::int_in_range;
use crate::live::Live;
use crate::runtime::runtime;
use crate::timer::MAX_MS;

/// A demonstration of a bug: after `ms` milliseconds, the Rust future
/// panics. The tokio task running it catches the panic, and the awaiting
/// coroutine receives `pyo3_async_runtimes.RustPanic` (an `Exception`).
/// pyo3-async-runtimes 0.30 does not pass the panic's own message on: the
/// exception always says "rust future panicked: unknown error", and the
/// message appears only in what Rust prints to standard error.
#[pyfunction]
pub fn panic_after<'py>(
    py: Python<'py>,
    ms: &Bound<'py, PyAny>,
    message: String,
) -> PyResult<Bound<'py, PyAny>> {
    let ms = int_in_range(ms.as_borrowed(), "ms", 0, MAX_MS)?;
    runtime();
    let live = Live::track();
    pyo3_async_runtimes::tokio::future_into_py(py, async move {
        let _live = live; // dropped while the panic unwinds
        tokio::time::sleep(Duration::from_millis(ms)).await;
        a_bug(&message)
    })
}

/// Panics with `message`: the bug the demonstration needs. (Never do this in
/// a library: return an `Err` instead.)
fn a_bug(message: &str) -> PyResult<()> {
    panic!("{message}")
}
// ANCHOR_END: panic_after
