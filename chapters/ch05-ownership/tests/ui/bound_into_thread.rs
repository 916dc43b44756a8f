use pyo3::prelude::*;
use pyo3::types::PyList;

// A `Bound` moved into a thread that Rust starts.
fn main() {
    Python::attach(|py| {
        let list = PyList::empty(py);
        let worker = std::thread::spawn(move || list.len());
        println!("{}", worker.join().unwrap());
    });
}
