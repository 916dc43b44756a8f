//! Workshop, chapter 5: keep a Python callback in a Rust struct, call it later.
//!
//! `Later(callback)` holds on to `callback` until you `run` it or `cancel` it.
//! Three small jobs, each marked TODO. Check your work with
//!
//!     uv run workshop check ch05-ownership
//!
//! and ask for a nudge with `uv run workshop hint ch05-ownership`.

// Until the TODOs are done, some code is unused; that is expected.
#![allow(unused_variables, dead_code)]

use pyo3::exceptions::{PyRuntimeError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

/// A callback kept for later: `Later(print)`, then `later.run("hi")`.
#[pyclass]
struct Later {
    /// `Py<PyAny>` owns a reference to the callback and has no lifetime, so it
    /// can be stored here. `None` once the callback is cancelled.
    callback: Option<Py<PyAny>>,
}

#[pymethods]
impl Later {
    #[new]
    fn new(callback: Bound<'_, PyAny>) -> PyResult<Self> {
        if !callback.is_callable() {
            return Err(PyTypeError::new_err(format!(
                "Later() needs something to call, got {}",
                callback.get_type().name()?
            )));
        }
        // TODO (1 of 3): keep the callback. `callback` is a `Bound`, tied to
        // this call; the field wants a `Py`, which has no lifetime. One method
        // turns the first into the second.
        Ok(Self { callback: None })
    }

    /// Whether there is still a callback to run.
    #[getter]
    fn pending(&self) -> bool {
        self.callback.is_some()
    }

    /// Call the callback with `args` and return what it returns.
    #[pyo3(signature = (*args))]
    fn run<'py>(&self, py: Python<'py>, args: &Bound<'py, PyTuple>) -> PyResult<Bound<'py, PyAny>> {
        let Some(callback) = &self.callback else {
            return Err(PyRuntimeError::new_err(
                "nothing to run: the callback was cancelled",
            ));
        };
        // TODO (2 of 3): a `Py` cannot be called as it is. Tie it to this
        // attach window first (you have `py`), then call it with `args`.
        todo!("call the stored callback")
    }

    /// Let go of the callback. `True` if there was one to let go of.
    fn cancel(&mut self) -> bool {
        // TODO (3 of 3): drop the stored `Py` (that gives Python its reference
        // back) and say whether there was one. `Option::take` does both halves.
        false
    }
}

#[pymodule]
mod ch05_exercise {
    #[pymodule_export]
    use super::Later;
}
