//! A finished module whose packaging is the exercise: see pyproject.toml.

use pyo3::prelude::*;

/// The text in capitals, with an exclamation mark.
#[pyfunction]
fn shout(text: &str) -> String {
    format!("{}!", text.to_uppercase())
}

/// Imported by the package as `ch10_packaging._native`.
#[pymodule(gil_used = false)]
mod _native {
    #[pymodule_export]
    use super::shout;
}
