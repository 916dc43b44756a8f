//! A Python exception caught in Rust, inspected, and turned into data.

// ANCHOR: describe_failure
use pyo3::exceptions::{PyException, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

/// Call `func(*args)`. `None` if it returns; if it raises an `Exception`, a
/// dict that describes it: its "type" (the fully qualified name of its class,
/// such as `ValueError` or `ch07_errors.UnitOrderError`), its "message"
/// (`str(exception)`) and its "traceback" (as Python prints it, without the
/// final line; empty if it has none). Any other `BaseException`, such as
/// `KeyboardInterrupt` or `SystemExit`, goes on up, as it should.
#[pyfunction]
#[pyo3(signature = (func, *args))]
pub fn describe_failure<'py>(
    func: &Bound<'py, PyAny>,
    args: &Bound<'py, PyTuple>,
) -> PyResult<Option<Bound<'py, PyDict>>> {
    let py = func.py();
    if !func.is_callable() {
        return Err(PyTypeError::new_err(format!(
            "describe_failure() needs something to call first, such as a function; got {}",
            func.get_type().name()?
        )));
    }
    let error = match func.call1(args) {
        Ok(_) => return Ok(None),
        Err(error) => error,
    };
    if !error.is_instance_of::<PyException>(py) {
        return Err(error); // not ours to swallow: raise it again
    }
    let traceback = match error.traceback(py) {
        Some(traceback) => traceback.format()?,
        None => String::new(),
    };
    let failure = PyDict::new(py);
    failure.set_item("type", error.get_type(py).fully_qualified_name()?)?;
    failure.set_item("message", error.value(py).str()?)?;
    failure.set_item("traceback", traceback)?;
    Ok(Some(failure))
}
// ANCHOR_END: describe_failure
