//! Workshop, chapter 12: turn what a task did into the stored outcome; a solution.
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
//!     uv run workshop check ch12-outcomes --solution

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
    match func.call1(args) {
        Ok(value) => match encode(&value, 0) {
            Ok(json) => Ok(("ok", json.to_string())),
            Err(offender) => Ok(("error", format!("NotJsonable: {}", type_name(&offender)))),
        },
        // The task failed: that is an outcome like any other.
        Err(error) if error.is_instance_of::<PyException>(py) => {
            Ok(("error", describe(py, &error)?))
        }
        // KeyboardInterrupt, SystemExit, asyncio.CancelledError...: not the
        // task's failure but a request to stop. The very same object goes on.
        Err(error) => Err(error),
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
    if let Ok(list) = value.cast_exact::<PyList>() {
        let mut items = Vec::with_capacity(list.len());
        for item in list.iter() {
            items.push(encode(&item, depth + 1)?);
        }
        return Ok(Value::Array(items));
    }
    if let Ok(tuple) = value.cast_exact::<PyTuple>() {
        let mut items = Vec::with_capacity(tuple.len());
        for item in tuple.iter() {
            items.push(encode(&item, depth + 1)?);
        }
        return Ok(Value::Array(items));
    }
    if let Ok(dict) = value.cast_exact::<PyDict>() {
        let mut map = Map::new();
        for (key, item) in dict.iter() {
            let Ok(text) = key.cast_exact::<PyString>() else {
                return Err(key);
            };
            let Ok(text) = text.to_str() else {
                return Err(key);
            };
            map.insert(text.to_owned(), encode(&item, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    Err(value.clone())
}

/// "ZeroDivisionError: division by zero": the exception's type and message.
///
/// `str(error)` runs the exception's own `__str__`, which is the task's code
/// too: when it raises an `Exception`, the message is "<unprintable>"; when
/// it raises a `KeyboardInterrupt`, that goes on up like any other.
fn describe(py: Python<'_>, error: &PyErr) -> PyResult<String> {
    let value = error.value(py);
    let message = match value.str() {
        Ok(text) => text.to_string_lossy().into_owned(),
        Err(failure) if failure.is_instance_of::<PyException>(py) => "<unprintable>".to_owned(),
        Err(failure) => return Err(failure),
    };
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
