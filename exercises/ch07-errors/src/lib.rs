//! Workshop, chapter 7: map a Rust error enum onto Python exception classes.
//!
//! `parse_version("1.4.2")` returns `(1, 4, 2)`. The parser and its error
//! enum are written; what is missing is the way from a Rust `VersionError`
//! to a Python exception. Three small jobs, each marked TODO. Check your work
//! with
//!
//!     uv run workshop check ch07-errors
//!
//! and ask for a nudge with `uv run workshop hint ch07-errors`.

use std::num::ParseIntError;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use thiserror::Error;

/// The Python classes. `VersionError` is a `ValueError`; the other two are
/// `VersionError`s. Their `__module__` is `ch07_exercise`, the first argument.
pub mod exceptions {
    use pyo3::create_exception;
    use pyo3::exceptions::PyValueError;

    create_exception!(ch07_exercise, VersionError, PyValueError, "Not a version.");
    create_exception!(
        ch07_exercise,
        PartCountError,
        VersionError,
        "A version without exactly three parts."
    );
    create_exception!(
        ch07_exercise,
        NotANumberError,
        VersionError,
        "A part of a version that is not a whole number."
    );
}

/// What can be wrong with a version, in Rust. `thiserror` writes the messages.
#[derive(Debug, Error)]
pub enum VersionError {
    #[error("version '{text}' has {found} part(s); expected 3, as in '1.4.2'")]
    PartCount { text: String, found: usize },

    #[error("part {index} of version '{text}' is '{part}', not a whole number")]
    NotANumber {
        text: String,
        /// Counted from 1: the first part is part 1.
        index: usize,
        part: String,
        /// Why Rust could not read the number, such as "invalid digit found
        /// in string". `#[source]` makes it the error's `source()`.
        #[source]
        reason: ParseIntError,
    },
}

/// The one place where a `VersionError` becomes a Python exception.
impl From<VersionError> for PyErr {
    fn from(error: VersionError) -> PyErr {
        let message = error.to_string();
        // TODO (1 of 3): every error is a plain ValueError for now. Match on
        // `&error` and make a `PartCount` an `exceptions::PartCountError` and
        // a `NotANumber` an `exceptions::NotANumberError`, with the same message.
        let exception = PyValueError::new_err(message);

        // TODO (2 of 3): for a `NotANumber`, Python should also see why:
        // make a `PyValueError` whose message is the `reason`, and set it as
        // the exception's `__cause__` (`PyErr::set_cause` needs a `py`:
        // `Python::attach(|py| ...)` gives you one).
        exception
    }
}

/// `"1.4.2"` -> `(1, 4, 2)`. Three whole numbers separated by dots.
#[pyfunction]
fn parse_version(text: &str) -> Result<(u64, u64, u64), VersionError> {
    let parts: Vec<&str> = text.split('.').collect();
    let [major, minor, patch] = parts[..] else {
        return Err(VersionError::PartCount {
            text: text.to_string(),
            found: parts.len(),
        });
    };
    let number = |index: usize, part: &str| {
        part.parse::<u64>()
            .map_err(|reason| VersionError::NotANumber {
                text: text.to_string(),
                index,
                part: part.to_string(),
                reason,
            })
    };
    Ok((number(1, major)?, number(2, minor)?, number(3, patch)?))
}

#[pymodule]
mod ch07_exercise {
    // TODO (3 of 3): Python can catch only the classes it can import. Export
    // `PartCountError` and `NotANumberError` next to `VersionError`.
    #[pymodule_export]
    use super::exceptions::VersionError;
    #[pymodule_export]
    use super::parse_version;
}
