//! The 0.26 renames: `Python::attach`, `py.detach`, `Python::initialize`,
//! `PyOnceLock`, and `Py<PyAny>` for the `PyObject` alias.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyList, PyType};

// ANCHOR: fix_10
/// A basket of any Python objects, kept as `Py<PyAny>`.
#[pyclass(module = "appendix_older_tutorials")]
#[derive(Default)]
pub struct Basket {
    items: Vec<Py<PyAny>>,
}

#[pymethods]
impl Basket {
    #[new]
    pub fn new() -> Self {
        Basket::default()
    }

    /// Puts any object in the basket.
    pub fn add(&mut self, item: Py<PyAny>) {
        self.items.push(item);
    }

    fn __len__(&self) -> usize {
        self.items.len()
    }
}
// ANCHOR_END: fix_10

// ANCHOR: fix_11
/// The number of items in a Python list made for the purpose. Rust code that
/// is not called from Python attaches to the interpreter first.
pub fn count_in_python(items: &[&str]) -> PyResult<usize> {
    Python::attach(|py| Ok(PyList::new(py, items)?.len()))
}
// ANCHOR_END: fix_11

// ANCHOR: fix_12
/// The sum of the bytes. The loop runs detached from the interpreter, so
/// other Python threads can run meanwhile; `data` is plain Rust data.
#[pyfunction]
pub fn checksum(py: Python<'_>, data: Vec<u8>) -> u64 {
    py.detach(|| data.iter().map(|&byte| u64::from(byte)).sum())
}
// ANCHOR_END: fix_12

// ANCHOR: fix_13
/// Starts the interpreter (if it is not running yet) in a Rust program that
/// embeds Python and does not use the `auto-initialize` feature.
pub fn start_python_and_run(code: &std::ffi::CStr) -> PyResult<()> {
    Python::initialize();
    Python::attach(|py| py.run(code, None, None))
}
// ANCHOR_END: fix_13

// ANCHOR: fix_14
static FRACTION: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// `fractions.Fraction(numerator, denominator)`. The class is imported once
/// and kept in a static `PyOnceLock`.
#[pyfunction]
pub fn ratio(py: Python<'_>, numerator: i64, denominator: i64) -> PyResult<Bound<'_, PyAny>> {
    let fraction = FRACTION.import(py, "fractions", "Fraction")?;
    fraction.call1((numerator, denominator))
}
// ANCHOR_END: fix_14

#[cfg(test)]
mod tests {
    use super::*;
    use pyo3::IntoPyObjectExt;

    #[test]
    fn a_basket_holds_any_objects() -> PyResult<()> {
        Python::attach(|py| {
            let mut basket = Basket::new();
            basket.add(py.None());
            basket.add(42.into_py_any(py)?);
            assert_eq!(basket.__len__(), 2);
            Ok(())
        })
    }

    #[test]
    fn attach_from_plain_rust() -> PyResult<()> {
        assert_eq!(count_in_python(&["tea", "milk"])?, 2);
        Ok(())
    }

    #[test]
    fn checksum_adds_the_bytes() {
        Python::attach(|py| assert_eq!(checksum(py, b"abc".to_vec()), 294));
    }

    #[test]
    fn initialize_may_be_called_again() -> PyResult<()> {
        start_python_and_run(c"x = 1")?;
        start_python_and_run(c"y = 2")
    }

    #[test]
    fn ratio_uses_the_cached_class() -> PyResult<()> {
        Python::attach(|py| {
            let half = ratio(py, 2, 4)?;
            assert_eq!(half.str()?.to_str()?, "1/2");
            let again = ratio(py, 1, 3)?;
            assert!(half.get_type().is(again.get_type()));
            Ok(())
        })
    }
}
