//! Module functions: from `&PyModule` to `&Bound<'_, PyModule>`, the form
//! with a `Python` token first, and from `#[pyfn]` to a declarative module.
//! Each is a module of its own, so Rust tests import it with `wrap_pymodule!`.

use pyo3::prelude::*;
use pyo3::types::PyTuple;

// ANCHOR: fix_02
#[pyfunction]
fn celsius_to_fahrenheit(celsius: f64) -> f64 {
    celsius * 9.0 / 5.0 + 32.0
}

/// One argument, `&Bound<'_, PyModule>`; `m.py()` gives the token if needed.
#[pymodule]
pub fn thermometer(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(celsius_to_fahrenheit, m)?)?;
    Ok(())
}
// ANCHOR_END: fix_02

// ANCHOR: fix_20
#[pyfunction]
fn kilograms_to_pounds(kilograms: f64) -> f64 {
    kilograms * 2.204_622_621_8
}

/// Still accepted: `Python<'_>` first, then the module. The token is also
/// `m.py()`, so the one-argument form of `thermometer` above loses nothing.
#[pymodule]
pub fn scales(py: Python<'_>, m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(kilograms_to_pounds, m)?)?;
    m.add("UNITS", PyTuple::new(py, ["kg", "lb"])?)?;
    Ok(())
}
// ANCHOR_END: fix_20

// ANCHOR: fix_23
/// A declarative module: each `#[pyfunction]` inside is added to it, as
/// `#[pyfn(m)]` did inside a module function.
#[pymodule]
pub mod shop {
    use pyo3::prelude::*;

    #[pyfunction]
    fn price_with_tax(cents: u64) -> u64 {
        cents.saturating_mul(120) / 100
    }
}
// ANCHOR_END: fix_23
