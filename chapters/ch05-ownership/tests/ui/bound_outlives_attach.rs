use pyo3::prelude::*;
use pyo3::types::PyList;

// A `Bound` returned out of the closure that `Python::attach` runs.
fn main() {
    let list = Python::attach(|py| PyList::empty(py));
    println!("{}", list.len());
}
