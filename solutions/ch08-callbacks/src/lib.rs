//! Workshop, chapter 8: read a callback's outcome into an enum, never panicking.
//!
//! A task callback answers with a flat tuple, `(code, data, retry_after_ms)`:
//! code 0 is a success whose result is `data`, code 2 asks to be called
//! again after `retry_after_ms` milliseconds, and any other code is a
//! failure whose message is `data` as UTF-8. `parse_outcome` reads that
//! tuple into `Outcome`; anything that is not such a tuple must come back as
//! an error value, because a callback is someone else's code and may return
//! anything at all. Three jobs, each marked TODO. Check your work with
//!
//!     uv run workshop check ch08-callbacks
//!
//! and ask for a nudge with `uv run workshop hint ch08-callbacks`.

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedBytes;
use pyo3::types::{PyBool, PyBytes, PyInt, PyTuple};

/// What a task callback asked for.
#[derive(Debug)]
enum Outcome {
    /// Code 0: done; the result (the very `bytes` object, not a copy).
    Success(PyBackedBytes),
    /// Code 2: call again after this many milliseconds.
    Retry { after_ms: u64 },
    /// Any other code: failed, for this reason.
    Failure(String),
}

/// The name of `value`'s type, for messages: "str", "NoneType".
fn type_name(value: &Bound<'_, PyAny>) -> String {
    match value.get_type().name() {
        Ok(name) => name.to_string_lossy().into_owned(),
        Err(_) => "an object of unknown type".to_owned(),
    }
}

/// `item` as an int, or `None`. A `bool` is an int to Python, but it is
/// never a code or a delay.
fn as_int<'a, 'py>(item: &'a Bound<'py, PyAny>) -> Option<&'a Bound<'py, PyInt>> {
    if item.is_instance_of::<PyBool>() {
        return None;
    }
    item.cast::<PyInt>().ok()
}

/// Read what a callback returned. `Err(reason)` for anything that is not a
/// well-formed outcome: never a panic.
fn parse_outcome(returned: &Bound<'_, PyAny>) -> Result<Outcome, String> {
    let Ok(tuple) = returned.cast::<PyTuple>() else {
        return Err(format!(
            "expected a tuple (code, data, retry_after_ms), not {}",
            type_name(returned)
        ));
    };
    let Ok((code, data, delay)) =
        tuple.extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>, Bound<'_, PyAny>)>()
    else {
        return Err(format!(
            "expected a tuple of 3 items (code, data, retry_after_ms), not {}",
            tuple.len()
        ));
    };

    let Some(code) = as_int(&code) else {
        return Err(format!("code must be an int, not {}", type_name(&code)));
    };
    let Ok(data) = data.cast::<PyBytes>() else {
        return Err(format!("data must be bytes, not {}", type_name(&data)));
    };
    let Some(delay) = as_int(&delay) else {
        return Err(format!(
            "retry_after_ms must be an int, not {}",
            type_name(&delay)
        ));
    };
    // Negative, or too large for a u64.
    let Ok(after_ms) = delay.extract::<u64>() else {
        return Err("retry_after_ms must be from 0 to 2**64 - 1".to_owned());
    };

    Ok(match code.extract::<i64>() {
        Ok(0) => Outcome::Success(PyBackedBytes::from(data.clone())),
        Ok(2) => Outcome::Retry { after_ms },
        // Any other code, an int too large for an i64 included.
        _ => Outcome::Failure(String::from_utf8_lossy(data.as_bytes()).into_owned()),
    })
}

/// What `parse_outcome` made of `returned`, as a tuple Python can check:
/// `("success", data)`, `("retry", after_ms)`, `("failure", message)` or
/// `("malformed", reason)`.
#[pyfunction]
fn read_outcome<'py>(returned: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyTuple>> {
    let py = returned.py();
    match parse_outcome(returned) {
        Ok(Outcome::Success(data)) => ("success", data).into_pyobject(py),
        Ok(Outcome::Retry { after_ms }) => ("retry", after_ms).into_pyobject(py),
        Ok(Outcome::Failure(message)) => ("failure", message).into_pyobject(py),
        Err(reason) => ("malformed", reason).into_pyobject(py),
    }
}

#[pymodule]
mod ch08_exercise {
    #[pymodule_export]
    use super::read_outcome;
}
