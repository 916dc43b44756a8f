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

// Until the TODOs are done, some code is unused; that is expected.
#![allow(unused_variables, unused_imports, dead_code)]

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
    // TODO (1 of 3): a callback is someone else's code: it may return None, a
    // list, a dict, or a tuple of the wrong length, and each `unwrap()` below
    // turns such a mistake into a panic. Cast `returned` to a `PyTuple` and
    // return `Err(format!(...))` when it is not a tuple, or when extracting
    // three items from it fails. `type_name` writes the type for the message.
    let (code, data, delay): (Bound<'_, PyAny>, Bound<'_, PyAny>, Bound<'_, PyAny>) =
        returned.extract().unwrap();

    // TODO (2 of 3): the same care for each item. The code and the delay must
    // be ints (`as_int` refuses bools too), the data exactly `bytes` (cast it:
    // extracting a `PyBackedBytes` would accept a bytearray as well), and the
    // delay 0 or more. Each `Err` names the item that is wrong.
    let code: i64 = code.extract().unwrap();
    let data: PyBackedBytes = data.extract().unwrap();
    let after_ms: u64 = delay.extract().unwrap();

    // TODO (3 of 3): the code decides. 0 is a success, 2 a retry, and every
    // other code is a failure whose message is the data read as UTF-8
    // (`String::from_utf8_lossy`). An int too large for an i64 is a code you
    // do not know, so it is a failure too, not a malformed outcome.
    match code {
        0 => Ok(Outcome::Success(data)),
        _ => todo!("a retry and a failure"),
    }
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
