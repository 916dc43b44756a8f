//! Workshop, chapter 12: turn what a task did into the outcome the engine stores.
//!
//! A worker calls a task function and must write down what happened as one
//! of two outcomes: `("ok", json)` when the task returned a value JSON can
//! carry, or `("error", "TypeName: message")` when it raised, or returned
//! something JSON cannot carry. The task is someone else's code, so whatever
//! it does (raise, return a set, hand back an object whose `__str__` raises)
//! becomes an outcome, and nothing may panic. One thing is not an outcome: a
//! `BaseException` that is not an `Exception`, such as `KeyboardInterrupt`
//! or `SystemExit`, is someone asking the whole worker to stop, and it goes
//! on up to the caller unchanged.
//!
//! Three jobs, each marked TODO; do them in order. Check your work with
//!
//!     uv run workshop check ch12-outcomes
//!
//! and ask for a nudge with `uv run workshop hint ch12-outcomes`.

// Until the TODOs are done, some code is unused; that is expected.
#![allow(unused_variables, unused_imports, dead_code)]

use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

/// How deep lists and dicts may nest. A list that contains itself would
/// otherwise recurse until the stack runs out, which no `Result` can catch.
const MAX_DEPTH: usize = 100;

/// Call `func(*args)` and return what the engine stores: `("ok", json)` or
/// `("error", "TypeName: message")`. Only a `BaseException` that is not an
/// `Exception` (`KeyboardInterrupt`, `SystemExit`) is raised, unchanged.
#[pyfunction]
fn call_to_outcome(
    func: &Bound<'_, PyAny>,
    args: &Bound<'_, PyTuple>,
) -> PyResult<(&'static str, String)> {
    let py = func.py();
    // TODO (1 of 3): decide the outcome from what the call gave back.
    // - `Ok(value)`: `encode(&value, 0)` gives the JSON (`json.to_string()`
    //   is its text) for ("ok", text), or `Err(offender)`, the value JSON
    //   cannot carry, for ("error", "NotJsonable: <its type name>").
    //   `type_name` writes the name.
    // - `Err(error)` that is an `Exception` (`error.is_instance_of::<PyException>(py)`):
    //   the task failed, and that is an outcome too: ("error", describe(py, &error)?).
    // - Any other `Err(error)` is a KeyboardInterrupt, a SystemExit, an
    //   asyncio.CancelledError: return it as it is, `Err(error)`, so that the
    //   caller gets the very same exception. Never swallow it.
    match func.call1(args) {
        Ok(value) => todo!("TODO 1: the value as ('ok', json), or as NotJsonable"),
        Err(error) => todo!("TODO 1: an Exception is an outcome; anything else goes on up"),
    }
}

/// `value` as JSON, or `Err(offender)`: the innermost value JSON cannot
/// carry (for a dict with a non-str key, that key).
///
/// Only the exact built-in types count. A subclass (an `IntEnum`, a list
/// subclass) would come back out of JSON as its plain base type, a silent
/// change of meaning, and a subclass may override what reading it does.
fn encode<'py>(value: &Bound<'py, PyAny>, depth: usize) -> Result<Value, Bound<'py, PyAny>> {
    if depth > MAX_DEPTH {
        return Err(value.clone());
    }
    if value.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(flag) = value.cast_exact::<PyBool>() {
        return Ok(Value::Bool(flag.is_true()));
    }
    if value.is_exact_instance_of::<PyInt>() {
        // An int beyond the i64 range fails to extract: not JSON here.
        return value
            .extract::<i64>()
            .map(Value::from)
            .map_err(|_| value.clone());
    }
    if value.is_exact_instance_of::<PyFloat>() {
        // `from_f64` is None for NaN and the infinities: JSON has no word for them.
        return value
            .extract::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| value.clone());
    }
    if let Ok(text) = value.cast_exact::<PyString>() {
        // A str with a lone surrogate has no UTF-8, so no JSON either.
        return text
            .to_str()
            .map(|text| Value::String(text.to_owned()))
            .map_err(|_| value.clone());
    }
    // TODO (2 of 3): the containers, which hold values of their own.
    // - An exact `PyList` or `PyTuple` (`value.cast_exact::<PyList>()`) is a
    //   `Value::Array` of its items, each encoded with `encode(&item, depth + 1)`.
    //   `?` hands an item's `Err(offender)` straight up.
    // - An exact `PyDict` is a `Value::Object` (build a `Map::new()`); each
    //   key must be an exact `str` with UTF-8 (`cast_exact::<PyString>()`,
    //   then `to_str()`), or the key itself is the offender: `return Err(key)`.
    // Always `depth + 1`, never `depth`: that is what stops a list that
    // contains itself.
    Err(value.clone())
}

/// "ZeroDivisionError: division by zero": the exception's type and message.
fn describe(py: Python<'_>, error: &PyErr) -> PyResult<String> {
    let value = error.value(py);
    // TODO (3 of 3): `str()` runs the exception's own `__str__`, which is the
    // task's code too, and it may raise. Match on `value.str()` instead of
    // unwrapping it: an `Exception` from `__str__` makes the message
    // "<unprintable>", and anything else (a KeyboardInterrupt, again) is
    // returned with `return Err(failure)`.
    let message = value.str().unwrap().to_string_lossy().into_owned();
    Ok(format!("{}: {message}", type_name(value)))
}

/// The `__qualname__` of `value`'s class: "ZeroDivisionError", "Order.Declined".
///
/// `get_type()` reads the type the object really has. `value.getattr("__class__")`
/// would run Python code, and an object may make `__class__` lie or raise.
fn type_name(value: &Bound<'_, PyAny>) -> String {
    match value.get_type().qualname() {
        Ok(name) => name.to_string_lossy().into_owned(),
        Err(_) => "<unknown type>".to_owned(),
    }
}

#[pymodule]
mod ch12_exercise {
    #[pymodule_export]
    use super::call_to_outcome;
}
