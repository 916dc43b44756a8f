//! Drive the classes from Python code running inside this test binary.

use pyo3::prelude::*;
use pyo3::types::PyDict;

/// Globals with the native module's names in them, as `from _native import *` would.
fn native_globals(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let native = pyo3::wrap_pymodule!(ch04_classes::_native)(py);
    let globals = PyDict::new(py);
    for name in ["Counter", "Reset", "Position", "earliest"] {
        globals.set_item(name, native.getattr(py, name)?)?;
    }
    Ok(globals)
}

// ANCHOR: embedded
#[test]
fn python_code_can_use_the_classes() -> PyResult<()> {
    Python::attach(|py| {
        let globals = native_globals(py)?;
        py.run(
            c"
counter = Counter('a', 2, Reset.ON_SPACE)
assert counter.has_count('banana')
assert not counter.has_count('a a a')
assert counter.find('x\\nbanana') == Position(2, 4)
assert counter.reset == Reset.ON_SPACE
counter.min_count = 3
assert repr(counter) == \"Counter('a', 3, Reset.ON_SPACE)\"
assert eval(repr(counter)) == counter
assert earliest([Position(2, 1), Position(1, 7)]) == Position(1, 7)
",
            Some(&globals),
            None,
        )
    })
}
// ANCHOR_END: embedded

// ANCHOR: without_eq
/// An enum like `Reset`, but declared without `eq`.
#[pyclass]
#[derive(Clone, Copy)]
enum NoEq {
    Never,
    OnSpace,
}

/// Returning the enum converts it with `IntoPyObject`, which hands out one
/// cached Python object per variant.
#[pyfunction]
fn on_space() -> NoEq {
    NoEq::OnSpace
}

/// `Py::new` always makes a new Python object.
#[pyfunction]
fn new_on_space(py: Python<'_>) -> PyResult<Py<NoEq>> {
    Py::new(py, NoEq::OnSpace)
}

#[test]
fn without_eq_python_compares_enum_values_by_identity() -> PyResult<()> {
    Python::attach(|py| {
        let globals = PyDict::new(py);
        globals.set_item("NoEq", py.get_type::<NoEq>())?;
        globals.set_item("on_space", wrap_pyfunction!(on_space, py)?)?;
        globals.set_item("new_on_space", wrap_pyfunction!(new_on_space, py)?)?;
        py.run(
            c"
# Without `eq`, == falls back on `is`. That works for converted values,
# which are the very objects stored as class attributes...
assert on_space() is NoEq.OnSpace
assert on_space() == NoEq.OnSpace
# ...but not for a second object holding the same variant.
assert repr(new_on_space()) == 'NoEq.OnSpace'
assert new_on_space() != NoEq.OnSpace
",
            Some(&globals),
            None,
        )
    })
}

#[test]
fn with_eq_python_compares_enum_values_by_value() -> PyResult<()> {
    Python::attach(|py| {
        let second = Bound::new(py, ch04_classes::Reset::OnSpace)?.into_any();
        let class_attribute = py.get_type::<ch04_classes::Reset>().getattr("ON_SPACE")?;
        assert!(!second.is(&class_attribute));
        assert!(second.eq(&class_attribute)?);
        Ok(())
    })
}
// ANCHOR_END: without_eq

#[test]
fn the_classes_report_the_public_package_as_their_module() -> PyResult<()> {
    Python::attach(|py| {
        for (name, class) in [
            ("Bookmark", py.get_type::<ch04_classes::Bookmark>()),
            ("Counter", py.get_type::<ch04_classes::Counter>()),
            ("Reset", py.get_type::<ch04_classes::Reset>()),
            ("Position", py.get_type::<ch04_classes::Position>()),
        ] {
            let module: String = class.getattr("__module__")?.extract()?;
            assert_eq!(module, "ch04_classes", "{name}");
        }
        Ok(())
    })
}

#[test]
fn rust_code_can_read_a_counter_that_python_changed() -> PyResult<()> {
    Python::attach(|py| {
        let globals = native_globals(py)?;
        let counter = py.eval(c"Counter('x', 1)", Some(&globals), None)?;
        counter.setattr("min_count", 2)?;
        let counter = counter.cast_into::<ch04_classes::Counter>()?;
        // A mutable class: borrow it (PyO3 checks at run time that no one
        // else is changing it), then call its Rust methods directly.
        let found = counter.borrow().find_in("x x".chars());
        assert_eq!(found, Some(ch04_classes::Position::new(1, 3)));
        Ok(())
    })
}

#[test]
fn a_wrong_min_count_is_a_value_error_that_says_what_it_got() -> PyResult<()> {
    Python::attach(|py| {
        let globals = native_globals(py)?;
        py.run(
            c"
for bad in (0, -3, 2**32):
    try:
        Counter('a', bad)
    except ValueError as error:
        assert str(error) == f'min_count must be from 1 to 4294967295, got {bad}', error
    else:
        raise AssertionError(f'Counter(a, {bad}) should be refused')
",
            Some(&globals),
            None,
        )
    })
}
