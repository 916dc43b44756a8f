use pyo3::prelude::*;

// A class that keeps a callback as a `Bound`.
#[pyclass]
struct Subscriber<'py> {
    callback: Bound<'py, PyAny>,
}

fn main() {}
