// A tutorial for PyO3 0.21 or 0.22 imports a module with `py.import_bound` and
// fetches a type with `py.get_type_bound`. PyO3 0.23 gave the plain names
// (`import`, `get_type`) to the Bound API and deprecated `_bound`; 0.25
// removed the `_bound` names.
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

fn main() {
    Python::attach(|py| {
        let math = py.import_bound("math").unwrap();
        let error = py.get_type_bound::<PyValueError>();
        println!("{math} {error}");
    });
}
