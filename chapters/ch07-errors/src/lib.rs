//! Chapter 7: errors both ways, between Rust and Python.
//!
//! `duration` is a parser in plain Rust with its own error enum (derived with
//! `thiserror`); `exceptions` declares the Python exception classes and the
//! one `From` impl that maps the enum onto them, with a cause and a note
//! where they help. `describe` catches a Python exception in Rust and
//! inspects it; `panics` shows a panic becoming `PanicException`, and
//! `no_panic` the fix; `boundary` degrades errors to data. Python imports
//! this crate as `ch07_errors._native`; `cargo test` runs the tests with an
//! embedded interpreter.

pub mod boundary;
pub mod describe;
pub mod duration;
pub mod exceptions;
pub mod no_panic;
pub mod panics;

pub use boundary::parse_durations;
pub use describe::describe_failure;
pub use no_panic::average;
pub use panics::average_panicking;

// ANCHOR: pyfunction
use pyo3::prelude::*;

/// The number of seconds in a duration such as "1h30m", "45s" or "2d 4h".
///
/// Returning `Result<u64, duration::DurationError>` is enough: PyO3 converts
/// the error with `impl From<duration::DurationError> for PyErr`.
#[pyfunction]
pub fn parse_duration(text: &str) -> Result<u64, duration::DurationError> {
    duration::parse_duration(text)
}
// ANCHOR_END: pyfunction

// ANCHOR: module
/// The compiled half of `ch07_errors`. Import the package, not this.
#[pymodule]
pub mod _native {
    #[pymodule_export]
    use super::exceptions::{
        DurationError, EmptyDurationError, MissingNumberError, MissingUnitError,
        NegativeNumberError, RepeatedUnitError, UnitOrderError, UnknownUnitError,
    };
    #[pymodule_export]
    use super::{average, average_panicking, describe_failure, parse_duration, parse_durations};
}
// ANCHOR_END: module
