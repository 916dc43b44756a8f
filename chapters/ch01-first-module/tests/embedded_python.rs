//! Drive the module from Python code running inside this test binary.
//!
//! No wheel is built and nothing is installed: `cargo test` links the crate
//! against libpython, and `wrap_pymodule!` creates the module on the spot.

// ANCHOR: embedded
use pyo3::prelude::*;
use pyo3::types::PyDict;

#[test]
fn python_code_can_use_the_native_module() -> PyResult<()> {
    Python::attach(|py| {
        let native = pyo3::wrap_pymodule!(ch01_first_module::_native)(py);
        let globals = PyDict::new(py);
        globals.set_item("native", native)?;
        py.run(
            c"
assert native.count_words('the quick brown fox') == 4
message = native.Message('hi')
assert message.text == 'hi'
assert message.shout() == 'HI!'
assert native.Message.greet('Ferris') == 'Hello, Ferris!'
",
            Some(&globals),
            None,
        )
    })
}
// ANCHOR_END: embedded

#[test]
fn a_wrong_argument_type_is_a_type_error_in_python() -> PyResult<()> {
    Python::attach(|py| {
        let native = pyo3::wrap_pymodule!(ch01_first_module::_native)(py);
        let globals = PyDict::new(py);
        globals.set_item("native", native)?;
        py.run(
            c"
try:
    native.count_words(42)
except TypeError as error:
    assert str(error) == \"'int' object is not an instance of 'str'\", str(error)
else:
    raise AssertionError('count_words(42) should raise TypeError')
",
            Some(&globals),
            None,
        )
    })
}

#[test]
fn classes_report_the_module_they_live_in() -> PyResult<()> {
    Python::attach(|py| {
        let message = Bound::new(py, ch01_first_module::Message::new("x".into()))?;
        let module: String = message.get_type().getattr("__module__")?.extract()?;
        assert_eq!(module, "ch01_first_module._native");
        Ok(())
    })
}
