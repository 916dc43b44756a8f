// A tutorial for PyO3 0.20 or older turns a stored `Py<T>` back into something
// it can use with `obj.as_ref(py)`, which gave a `&T` GIL reference. PyO3 0.21
// added `obj.bind(py)` and deprecated `as_ref`; 0.23 removed it.
use pyo3::prelude::*;
use pyo3::types::PyList;

fn main() {
    let shelf: Py<PyList> = Python::attach(|py| PyList::empty(py).unbind());
    Python::attach(|py| {
        let shelf: &PyList = shelf.as_ref(py);
        shelf.append("teapot").unwrap();
    });
}
