//! `Report`: how one task ended, as Python sees it.

// ANCHOR: report
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedBytes;
use pyo3::types::PyBytes;

/// How a task ended: `status` is "success" or "failed"; `data` is the
/// result (empty when the task failed); `tries` counts the calls of the
/// callback; `error` says why it failed (None on success).
#[pyclass(
    // A report never changes once made: no setters, and no run-time borrow
    // checking. Frozen also makes it safe to hash.
    frozen,
    // `==` and `hash()` from the derived `PartialEq` and `Hash`.
    eq,
    hash,
    module = "ch08_callbacks"
)]
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Report {
    ending: Ending,
    tries: u32,
}

/// Success and failure carry different things. An enum makes a report with
/// both a result and an error impossible to build.
#[derive(Debug, PartialEq, Eq, Hash)]
pub enum Ending {
    /// The result: the very `bytes` object the callback returned.
    Success(PyBackedBytes),
    /// Why the task failed.
    Failed(String),
}

impl Report {
    pub fn new(ending: Ending, tries: u32) -> Self {
        Self { ending, tries }
    }
}
// ANCHOR_END: report

// ANCHOR: report_methods
#[pymethods]
impl Report {
    /// "success" or "failed".
    #[getter]
    pub fn status(&self) -> &'static str {
        match self.ending {
            Ending::Success(_) => "success",
            Ending::Failed(_) => "failed",
        }
    }

    /// The task's result; `b""` when it failed. Reading it copies nothing:
    /// it is the object the callback returned, with one more reference.
    #[getter]
    pub fn data<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        match &self.ending {
            Ending::Success(data) => {
                // This conversion cannot fail (its error type, `Infallible`,
                // has no values), so the pattern needs no `else`.
                let Ok(bytes) = data.clone_ref(py).into_pyobject(py);
                bytes
            }
            // CPython keeps one empty bytes object, so this allocates nothing.
            Ending::Failed(_) => PyBytes::new(py, b""),
        }
    }

    /// How many times the callback was called, from 1 to `max_tries`.
    #[getter]
    pub fn tries(&self) -> u32 {
        self.tries
    }

    /// Why the task failed, or None. Each read makes a new Python `str`
    /// from the Rust `String` (a copy of a short message).
    #[getter]
    pub fn error(&self) -> Option<&str> {
        match &self.ending {
            Ending::Success(_) => None,
            Ending::Failed(error) => Some(error),
        }
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        // Python's own reprs of bytes and str: quotes and escapes as Python writes them.
        let data = self.data(py).repr()?;
        let error = self.error().into_pyobject(py)?.repr()?;
        Ok(format!(
            "Report(status='{}', data={data}, tries={}, error={error})",
            self.status(),
            self.tries
        ))
    }
}
// ANCHOR_END: report_methods
