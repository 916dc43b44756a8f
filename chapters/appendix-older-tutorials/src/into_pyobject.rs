//! From `IntoPy` and `ToPyObject` to `IntoPyObject`, and the constructors
//! that became fallible with it.

use std::convert::Infallible;

use pyo3::IntoPyObjectExt; // not in the prelude
use pyo3::prelude::*;
use pyo3::types::{PyFloat, PyList, PyTuple};

// ANCHOR: fix_07
/// A temperature that Python sees as a plain `float`.
pub struct Celsius(pub f64);

impl<'py> IntoPyObject<'py> for Celsius {
    type Target = PyFloat; // the Python type it becomes
    type Output = Bound<'py, PyFloat>; // usually `Bound<'py, Self::Target>`
    type Error = Infallible; // making a float cannot fail

    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        Ok(PyFloat::new(py, self.0))
    }
}

/// `fahrenheit` in degrees Celsius, returned through `IntoPyObject`.
#[pyfunction]
pub fn to_celsius(fahrenheit: f64) -> Celsius {
    Celsius((fahrenheit - 32.0) * 5.0 / 9.0)
}
// ANCHOR_END: fix_07

// ANCHOR: fix_08
/// Python strings for names that Rust keeps. `IntoPyObject` is implemented for
/// `&String` (and `&str`), which is what `ToPyObject` did: convert without
/// giving the value away.
pub fn names_to_list<'py>(py: Python<'py>, names: &[String]) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for name in names {
        let name = name.into_pyobject(py)?; // a Bound<'py, PyString>
        list.append(name)?;
    }
    Ok(list)
}
// ANCHOR_END: fix_08

// ANCHOR: fix_09
/// Whole kilograms as an `int`, anything else as a `str` such as "250 g".
/// `into_py_any` converts each branch to the same `Py<PyAny>`; it returns a
/// `PyResult`, because a conversion may fail.
#[pyfunction]
pub fn label(py: Python<'_>, grams: u32) -> PyResult<Py<PyAny>> {
    if grams.is_multiple_of(1000) {
        (grams / 1000).into_py_any(py)
    } else {
        format!("{grams} g").into_py_any(py)
    }
}
// ANCHOR_END: fix_09

// ANCHOR: fix_21
/// How many sizes there are. `PyTuple::new` returns `PyResult<Bound<PyTuple>>`:
/// `?` first, then the tuple.
pub fn size_count(py: Python<'_>) -> PyResult<usize> {
    let sizes = PyTuple::new(py, ["S", "M", "L"])?;
    Ok(sizes.len())
}
// ANCHOR_END: fix_21

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn celsius_becomes_a_python_float() -> PyResult<()> {
        Python::attach(|py| {
            let boiling = Celsius(100.0).into_pyobject(py)?;
            assert_eq!(boiling.value(), 100.0);
            Ok(())
        })
    }

    #[test]
    fn borrowed_names_stay_with_rust() -> PyResult<()> {
        Python::attach(|py| {
            let names = vec![String::from("kettle"), String::from("teapot")];
            let list = names_to_list(py, &names)?;
            assert_eq!(list.extract::<Vec<String>>()?, names);
            Ok(())
        })
    }

    #[test]
    fn label_returns_an_int_or_a_str() -> PyResult<()> {
        Python::attach(|py| {
            assert_eq!(label(py, 2000)?.extract::<u32>(py)?, 2);
            assert_eq!(label(py, 250)?.extract::<String>(py)?, "250 g");
            Ok(())
        })
    }

    #[test]
    fn tuple_new_is_fallible() -> PyResult<()> {
        Python::attach(|py| {
            assert_eq!(size_count(py)?, 3);
            Ok(())
        })
    }
}
