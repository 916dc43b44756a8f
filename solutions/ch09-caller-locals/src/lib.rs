//! Workshop, chapter 9, solved: await Python coroutines from Rust, with the
//! caller's locals.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

/// An awaitable of `[await f() for f in funcs]`, all awaited at once.
#[pyfunction]
fn call_all<'py>(py: Python<'py>, funcs: Vec<Py<PyAny>>) -> PyResult<Bound<'py, PyAny>> {
    // On the loop's thread: the running loop and a copy of the context.
    let locals = pyo3_async_runtimes::tokio::get_current_locals(py)?;
    pyo3_async_runtimes::tokio::future_into_py_with_locals(py, locals.clone(), async move {
        let mut calls = Vec::new();
        for func in funcs {
            let locals = locals.clone();
            calls.push(tokio::spawn(async move {
                let call = Python::attach(|py| {
                    let coroutine = func.bind(py).call0()?;
                    pyo3_async_runtimes::into_future_with_locals(&locals, coroutine)
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
