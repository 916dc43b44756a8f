//! Workshop, chapter 9: await Python coroutines from Rust, with the caller's locals.
//!
//! `call_all(funcs)` should return an awaitable of `[await f() for f in
//! funcs]`, in order, with every call awaited at once from its own tokio
//! task. Those tasks run on tokio's threads, where no asyncio loop runs:
//! they need to be told which loop (and which contextvars) the caller has.
//! Two TODOs below. Check your work with
//!
//!     uv run workshop check ch09-caller-locals
//!
//! and ask for a nudge with `uv run workshop hint ch09-caller-locals`.

// Until the TODOs are done, `py` is unused; that is expected.
#![allow(unused_variables)]

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3_async_runtimes::TaskLocals;

/// The caller's event loop and a copy of its context (contextvars).
fn caller_locals(py: Python<'_>) -> PyResult<TaskLocals> {
    // TODO 1: capture them here, on the thread that runs the caller's loop.
    // pyo3_async_runtimes::tokio has a function that returns them as
    // `TaskLocals`.
    todo!("capture the caller's TaskLocals")
}

/// An awaitable of `[await f() for f in funcs]`, all awaited at once.
#[pyfunction]
fn call_all<'py>(py: Python<'py>, funcs: Vec<Py<PyAny>>) -> PyResult<Bound<'py, PyAny>> {
    let locals = caller_locals(py)?;
    pyo3_async_runtimes::tokio::future_into_py_with_locals(py, locals.clone(), async move {
        let mut calls = Vec::new();
        for func in funcs {
            let locals = locals.clone();
            calls.push(tokio::spawn(async move {
                let call = Python::attach(|py| {
                    let coroutine = func.bind(py).call0()?;
                    // TODO 2: this task is not the one `future_into_py` made,
                    // so `into_future` finds no locals here ("no running event
                    // loop"). Hand it the caller's: `into_future_with_locals`.
                    pyo3_async_runtimes::tokio::into_future(coroutine)
                })?;
                call.await
            }));
        }
        let mut results = Vec::new();
        for call in calls {
            let result = call
                .await
                .map_err(|error| PyRuntimeError::new_err(error.to_string()))?;
            results.push(result?);
        }
        Ok(results)
    })
}

#[pymodule]
mod ch09_locals_exercise {
    #[pymodule_export]
    use super::call_all;
}
