use pyo3::prelude::*;

// A class that borrows its text from somewhere else, for as long as `'a`.
#[pyclass]
struct Excerpt<'a> {
    text: &'a str,
}

fn main() {}
