// A tutorial for PyO3 0.22 or older makes its own type returnable to Python
// with `impl IntoPy<PyObject>` (written `Py<PyAny>` here, which is the same
// type). PyO3 0.23 replaced `IntoPy` with `IntoPyObject`; 0.25 removed it.
use pyo3::prelude::*;

struct Celsius(f64);

impl IntoPy<Py<PyAny>> for Celsius {
    fn into_py(self, py: Python<'_>) -> Py<PyAny> {
        self.0.into_py(py)
    }
}

fn main() {}
