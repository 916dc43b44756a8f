// A tutorial for PyO3 0.25 or older stores Python objects as `PyObject`, an
// alias of `Py<PyAny>`. PyO3 0.26 deprecated the alias (it was easy to confuse
// with the C struct `pyo3::ffi::PyObject`), and 0.28 removed it.
use pyo3::prelude::*;

#[pyclass]
struct Basket {
    items: Vec<PyObject>,
}

fn main() {}
