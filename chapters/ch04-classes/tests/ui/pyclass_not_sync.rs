use std::cell::Cell;

use pyo3::prelude::*;

// A class whose count lives in a `Cell`: mutable through `&self`, on one thread only.
#[pyclass]
struct Hits {
    count: Cell<u64>,
}

fn main() {}
