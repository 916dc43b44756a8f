// A tutorial for PyO3 0.25 or older starts the interpreter in a Rust program
// with `pyo3::prepare_freethreaded_python()`. PyO3 0.26 renamed it
// `Python::initialize()`, and 0.28 removed the old name.
use pyo3::prelude::*;

fn main() {
    pyo3::prepare_freethreaded_python();
    Python::attach(|py| py.run(c"print('ready')", None, None)).unwrap();
}
