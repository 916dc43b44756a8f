// A tutorial for PyO3 0.21 or 0.22 writes the module function with a `Python`
// token before the `&Bound<'_, PyModule>`. PyO3 0.30 still accepts this form,
// without a deprecation warning: this program must compile with them denied.
#![deny(deprecated)]
use pyo3::prelude::*;

#[pyfunction]
fn kilograms_to_pounds(kilograms: f64) -> f64 {
    kilograms * 2.204_622_621_8
}

#[pymodule]
fn scales(_py: Python<'_>, m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(kilograms_to_pounds, m)?)?;
    Ok(())
}

fn main() {}
