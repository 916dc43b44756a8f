// A tutorial for PyO3 0.21 or 0.22 builds Python containers with the `_bound`
// constructors that 0.21 added next to the GIL-reference ones. PyO3 0.23 gave
// the plain names (`PyList::new`, ...) to the Bound API and deprecated
// `_bound`; 0.25 removed the `_bound` names.
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

fn main() {
    Python::attach(|py| {
        let sizes = PyList::new_bound(py, [36, 38, 40]);
        let prices = PyDict::new_bound(py);
        let colours = PyTuple::new_bound(py, ["red", "blue"]);
        prices.set_item("socks", 4).unwrap();
        println!("{sizes} {prices} {colours}");
    });
}
