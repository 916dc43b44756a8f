//! Exceptions that carry data, checked with Python embedded in the test binary:
//! the `create_exception!` class the wheel ships, and the
//! `#[pyclass(extends = PyValueError)]` class that a Python 3.12 floor
//! would allow instead.
//!
//! `cargo test` builds PyO3 for the full C API, where a `#[pyclass]` may
//! extend an exception type. The wheel is built for `abi3-py311`, where it
//! may not (PyO3 implements `PyClassBaseType` for the exception types under
//! `Py_LIMITED_API` only from `Py_3_12` on), which is why the second class
//! lives only in this test.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use ch13_recipes::rich_errors::{SizeError, parse_size};

/// `pickle.loads(pickle.dumps(value))`. Pickle finds a class again by its
/// `__module__`, "ch13_recipes", which this test binary cannot import: a
/// module of that name, holding the two classes, stands in for it.
fn round_trip<'py>(value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = value.py();
    let package = PyModule::new(py, "ch13_recipes")?;
    package.add("SizeError", py.get_type::<SizeError>())?;
    package.add("SizeErrorWithFields", py.get_type::<SizeErrorWithFields>())?;
    py.import("sys")?
        .getattr("modules")?
        .set_item("ch13_recipes", package)?;
    let pickle = py.import("pickle")?;
    let data = pickle.call_method1("dumps", (value,))?;
    pickle.call_method1("loads", (data,))
}

#[test]
fn the_rust_error_becomes_a_size_error_with_its_fields() -> PyResult<()> {
    Python::attach(|py| {
        let error: PyErr = parse_size("12 XB").expect_err("not a size").into();
        assert!(error.is_instance_of::<SizeError>(py));
        assert!(error.is_instance_of::<PyValueError>(py));
        let value = error.value(py);
        assert_eq!(value.getattr("position")?.extract::<usize>()?, 3);
        assert_eq!(value.getattr("unit")?.extract::<String>()?, "XB");
        assert_eq!(value.getattr("text")?.extract::<String>()?, "12 XB");
        // No unit to speak of: None.
        let error: PyErr = parse_size("GB").expect_err("not a size").into();
        assert!(error.value(py).getattr("unit")?.is_none());
        Ok(())
    })
}

#[test]
fn the_fields_survive_pickling() -> PyResult<()> {
    Python::attach(|py| {
        let error: PyErr = parse_size("12 XB").expect_err("not a size").into();
        let copy = round_trip(error.value(py).as_any())?;
        assert!(copy.is_instance_of::<SizeError>());
        assert_eq!(copy.getattr("position")?.extract::<usize>()?, 3);
        assert_eq!(copy.str()?.to_string(), error.value(py).str()?.to_string());
        Ok(())
    })
}

// ANCHOR: extends
/// What a Python 3.12 floor (or a build without abi3) allows: an exception
/// class with typed, read-only fields, stored in the Rust struct.
#[pyclass(frozen, extends = PyValueError, module = "ch13_recipes")]
struct SizeErrorWithFields {
    #[pyo3(get)]
    position: usize,
    #[pyo3(get)]
    unit: Option<String>,
}

#[pymethods]
impl SizeErrorWithFields {
    /// Python calls `__new__` and then `ValueError.__init__` with the same
    /// arguments, which become `args`: (message, position, unit).
    #[new]
    #[pyo3(signature = (message, position, unit = None))]
    fn new(message: &str, position: usize, unit: Option<String>) -> Self {
        let _ = message; // kept by ValueError.__init__, in args
        SizeErrorWithFields { position, unit }
    }
}
// ANCHOR_END: extends

#[pyfunction]
fn round_trip_py<'py>(value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    round_trip(value)
}

fn extends_class(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let globals = PyDict::new(py);
    globals.set_item("SizeErrorWithFields", py.get_type::<SizeErrorWithFields>())?;
    globals.set_item("round_trip", wrap_pyfunction!(round_trip_py, py)?)?;
    Ok(globals)
}

#[test]
fn made_in_python_the_subclass_has_fields_args_and_pickles() -> PyResult<()> {
    Python::attach(|py| {
        let globals = extends_class(py)?;
        py.run(
            c"
error = SizeErrorWithFields('unknown unit', 3, 'XB')
assert (error.position, error.unit) == (3, 'XB')
assert isinstance(error, ValueError)
# Every argument is in args, so str() shows the tuple, not the message.
assert error.args == ('unknown unit', 3, 'XB')
assert str(error) == \"('unknown unit', 3, 'XB')\"
# pickle calls SizeErrorWithFields(*args): the same three arguments again.
copy = round_trip(error)
assert (copy.position, copy.unit, copy.args) == (3, 'XB', error.args)
",
            Some(&globals),
            None,
        )?;
        Ok(())
    })
}

#[test]
fn made_in_rust_the_subclass_has_empty_args_and_does_not_unpickle() -> PyResult<()> {
    Python::attach(|py| {
        let fields = SizeErrorWithFields {
            position: 3,
            unit: Some("XB".into()),
        };
        // Bound::new calls no __init__: ValueError never sees a message.
        let error = Bound::new(py, fields)?;
        assert_eq!(error.get().position, 3);
        let args = error.getattr("args")?;
        assert!(args.cast::<PyTuple>()?.is_empty());
        assert_eq!(error.str()?.to_string(), "");
        // pickle would call SizeErrorWithFields() with no arguments.
        let failed = round_trip(error.as_any()).expect_err("nothing to rebuild it from");
        assert_eq!(
            failed.value(py).to_string(),
            "SizeErrorWithFields.__new__() missing 2 required positional arguments: \
             'message' and 'position'"
        );
        // The remedy: call the class, as `raise SizeErrorWithFields(...)` would.
        let error = py
            .get_type::<SizeErrorWithFields>()
            .call1(("unknown unit", 3, "XB"))?;
        let copy = round_trip(&error)?;
        assert_eq!(copy.getattr("position")?.extract::<usize>()?, 3);
        assert_eq!(copy.getattr("args")?.len()?, 3);
        Ok(())
    })
}
