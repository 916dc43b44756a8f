// A tutorial for PyO3 0.22 or older turns Rust values of different types into
// one Python return value with `.into_py(py)`. PyO3 0.23 deprecated `into_py`
// in favour of the fallible `into_pyobject` (and 0.23.2's `into_py_any`);
// 0.25 removed it.
use pyo3::prelude::*;

#[pyfunction]
fn label(py: Python<'_>, grams: u32) -> Py<PyAny> {
    if grams % 1000 == 0 {
        (grams / 1000).into_py(py)
    } else {
        format!("{grams} g").into_py(py)
    }
}

fn main() {}
