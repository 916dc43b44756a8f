// A tutorial for PyO3 0.22 or older uses what `PyTuple::new` returns as the
// tuple itself. Since PyO3 0.23 it converts each element with the fallible
// `IntoPyObject`, so it returns `PyResult<Bound<'py, PyTuple>>` (so does
// `PyList::new`).
use pyo3::prelude::*;
use pyo3::types::PyTuple;

fn main() {
    Python::attach(|py| {
        let sizes = PyTuple::new(py, ["S", "M", "L"]);
        assert_eq!(sizes.len(), 3);
    });
}
