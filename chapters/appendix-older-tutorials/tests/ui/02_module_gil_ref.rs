// A tutorial for PyO3 0.20 or older writes the module function with a `Python`
// token and a `&PyModule` GIL reference. PyO3 0.21 deprecated `&PyModule` in
// favour of `&Bound<'_, PyModule>`, and 0.23 removed it.
use pyo3::prelude::*;

#[pyfunction]
fn celsius_to_fahrenheit(celsius: f64) -> f64 {
    celsius * 9.0 / 5.0 + 32.0
}

#[pymodule]
fn thermometer(_py: Python, m: &PyModule) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(celsius_to_fahrenheit, m)?)?;
    Ok(())
}

fn main() {}
