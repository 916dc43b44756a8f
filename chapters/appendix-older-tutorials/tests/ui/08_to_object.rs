// A tutorial for PyO3 0.22 or older converts a borrowed Rust value with
// `ToPyObject`'s `.to_object(py)`. PyO3 0.23 deprecated `ToPyObject` in favour
// of `IntoPyObject` implemented for references; 0.25 removed it.
use pyo3::prelude::*;
use pyo3::types::PyDict;

fn main() {
    Python::attach(|py| {
        let stock = PyDict::new(py);
        let name = String::from("kettle");
        stock.set_item(name.to_object(py), 3).unwrap();
        println!("{name}: {stock}");
    });
}
