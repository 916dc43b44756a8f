// A tutorial for PyO3 0.21 to 0.26 checks a Python object's type with
// `.downcast::<T>()`, whose error is a `DowncastError`. PyO3 0.27 deprecated
// them in favour of `.cast::<T>()` and `CastError`; 0.29 removed them.
use pyo3::DowncastError;
use pyo3::prelude::*;
use pyo3::types::PyList;

#[pyfunction]
fn first_item<'py>(value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let list = value.downcast::<PyList>()?;
    list.get_item(0)
}

fn describe(error: DowncastError<'_, '_>) -> String {
    error.to_string()
}

fn main() {}
