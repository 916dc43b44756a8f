// A tutorial for PyO3 0.18 or older documents a class constructor's signature
// with `#[pyclass(text_signature = "...")]`. PyO3 0.19 moved it to `#[new]`
// (and generates it there automatically), deprecating the class option;
// 0.21 removed it.
use pyo3::prelude::*;

#[pyclass(text_signature = "(name, price)")]
struct Item {
    name: String,
    price: u32,
}

#[pymethods]
impl Item {
    #[new]
    fn new(name: String, price: u32) -> Self {
        Item { name, price }
    }
}

fn main() {}
