//! `execute`: one call of the task callback, with everything that can go
//! wrong in it turned into an `Outcome`.

// ANCHOR: execute
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use crate::outcome::{Outcome, parse_outcome, type_name};

/// One call of the callback, inside the attach window that `py` proves.
///
/// An `Exception` the callback raises, and an outcome it returns malformed,
/// become `Outcome::Failure`: data, so the worker carries on. A
/// `BaseException` that is not an `Exception` (`KeyboardInterrupt`,
/// `SystemExit`) is the `Err`: it asks the program to stop, so it goes on up.
pub fn execute(
    py: Python<'_>,
    callback: &Py<PyAny>,
    task_id: &Bound<'_, PyString>,
    payload: &Bound<'_, PyBytes>,
    tries: u32,
) -> PyResult<Outcome> {
    // `bind` ties the stored `Py` to this window; it adds no reference.
    let returned = match callback.bind(py).call1((task_id, payload, tries)) {
        Ok(returned) => returned,
        Err(error) if error.is_instance_of::<PyException>(py) => {
            return Ok(Outcome::Failure(describe(py, &error)));
        }
        Err(error) => return Err(error),
    };
    Ok(parse_outcome(&returned)
        .unwrap_or_else(|malformed| Outcome::Failure(format!("malformed outcome: {malformed}"))))
}

/// "ValueError: boom", the way a traceback's last line names an exception.
fn describe(py: Python<'_>, error: &PyErr) -> String {
    let name = type_name(error.value(py).as_any());
    // `str()` of an exception runs Python code, which may raise in turn.
    let message = match error.value(py).str() {
        Ok(message) => message.to_string_lossy().into_owned(),
        Err(_) => "<exception str() failed>".to_owned(),
    };
    if message.is_empty() {
        name
    } else {
        format!("{name}: {message}")
    }
}
// ANCHOR_END: execute
