//! A Rust future awaited from asyncio: `sleep`.

// ANCHOR: sleep
use std::time::Duration;

use pyo3::prelude::*;

use crate::args::int_in_range;
use crate::live::Live;
use crate::runtime::runtime;

/// The longest sleep accepted, in milliseconds: a day.
pub const MAX_MS: u64 = 86_400_000;

/// An awaitable that resolves to `value` after `ms` milliseconds of tokio time.
#[pyfunction]
#[pyo3(signature = (ms, value = None))]
pub fn sleep<'py>(
    py: Python<'py>,
    ms: &Bound<'py, PyAny>,
    value: Option<Py<PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let ms = int_in_range(ms.as_borrowed(), "ms", 0, MAX_MS)?;
    // An owned `Py`, not a `Bound`: the future outlives this call and runs
    // on a tokio thread, so all it holds must be `Send + 'static`.
    let value = value.unwrap_or_else(|| py.None());
    runtime();
    let live = Live::track();
    // Needs a running asyncio loop on this thread (it makes an asyncio
    // future there): call it from a coroutine.
    pyo3_async_runtimes::tokio::future_into_py(py, async move {
        let _live = live; // dropped with the future, however it ends
        if ms > 0 {
            // A tokio timer has millisecond granularity: even a zero
            // duration waits for the next tick, so 0 skips it.
            tokio::time::sleep(Duration::from_millis(ms)).await;
        }
        Ok(value)
    })
}
// ANCHOR_END: sleep
