use pyo3::prelude::*;

// One Python class cannot stand for a family of Rust types.
#[pyclass]
struct Stack<T> {
    items: Vec<T>,
}

fn main() {}
