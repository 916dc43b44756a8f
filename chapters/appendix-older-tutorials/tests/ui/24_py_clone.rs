// A tutorial for PyO3 0.21 or older copies a struct holding Python objects with
// `#[derive(Clone)]`. PyO3 0.22 put `Clone for Py<T>` behind the `py-clone`
// feature (cloning while detached cannot be made sound), so the derive fails.
use pyo3::prelude::*;

#[derive(Clone)]
struct Listener {
    name: String,
    callback: Py<PyAny>,
}

fn main() {}
