// A tutorial for PyO3 0.25 or older runs Python code from Rust inside
// `Python::with_gil`. PyO3 0.26 renamed it `Python::attach` (a thread attaches
// to the interpreter; free-threaded Python has no GIL), and 0.28 removed the
// old name.
use pyo3::prelude::*;
use pyo3::types::PyList;

fn main() {
    let count = Python::with_gil(|py| PyList::new(py, ["tea", "milk"]).unwrap().len());
    assert_eq!(count, 2);
}
