//! The Python exception classes, and the one place where a Rust
//! `DurationError` becomes one of them.

// ANCHOR: create_exception
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;

// `create_exception!(module, Name, Base, doc)` makes a new Python class.
// `module` is only a name: it becomes the class's `__module__`, so it names
// the public package, not `_native`.
create_exception!(
    ch07_errors,
    DurationError,
    PyValueError,
    "A text that is not a duration. Raised as it is for a duration too large \
     for 64 bits (with the OverflowError as its __cause__); otherwise as one \
     of its subclasses."
);
create_exception!(
    ch07_errors,
    EmptyDurationError,
    DurationError,
    "The text is empty or blank."
);
create_exception!(
    ch07_errors,
    MissingNumberError,
    DurationError,
    "Something other than a number where a number belongs, such as 'h'."
);
create_exception!(
    ch07_errors,
    NegativeNumberError,
    DurationError,
    "A negative number, such as '-5s'."
);
create_exception!(
    ch07_errors,
    MissingUnitError,
    DurationError,
    "A number without a unit right after it, such as the 30 in '1h30'."
);
create_exception!(
    ch07_errors,
    UnknownUnitError,
    DurationError,
    "A unit other than d, h, m and s, such as 'min'."
);
create_exception!(
    ch07_errors,
    RepeatedUnitError,
    DurationError,
    "A unit written twice, as in '1h1h'."
);
create_exception!(
    ch07_errors,
    UnitOrderError,
    DurationError,
    "A unit after a smaller one, as in '30m1h'."
);
// ANCHOR_END: create_exception

// ANCHOR: from_impl
use pyo3::exceptions::PyOverflowError;
use pyo3::intern;
use pyo3::prelude::*;

use crate::duration;

/// The one place where a Rust error becomes a Python exception. Because this
/// `impl` exists, `?` converts a `duration::DurationError` into a `PyErr`, and
/// a `#[pyfunction]` may return `Result<T, duration::DurationError>`.
impl From<duration::DurationError> for PyErr {
    fn from(error: duration::DurationError) -> PyErr {
        use duration::DurationError as E;

        let message = error.to_string();
        let exception = match &error {
            E::Empty { .. } => EmptyDurationError::new_err(message),
            E::MissingNumber { .. } => MissingNumberError::new_err(message),
            E::Negative { .. } => NegativeNumberError::new_err(message),
            E::MissingUnit { .. } => MissingUnitError::new_err(message),
            E::UnknownUnit { .. } => UnknownUnitError::new_err(message),
            E::RepeatedUnit { .. } => RepeatedUnitError::new_err(message),
            E::OutOfOrder { .. } => UnitOrderError::new_err(message),
            E::TooLarge { .. } => DurationError::new_err(message),
        };
        // The fields, the cause and the note are set on the exception
        // object, which needs the interpreter: attach (we already are, when
        // Python called us).
        Python::attach(|py| {
            // ANCHOR: set_fields
            // Data for code that handles the error, so that it never parses
            // the message: `error.text`, `error.position` and `error.unit`.
            let value = exception.value(py);
            let fields = value
                .setattr(intern!(py, "text"), error.text())
                .and_then(|()| value.setattr(intern!(py, "position"), error.position()))
                .and_then(|()| value.setattr(intern!(py, "unit"), error.unit()));
            if let Err(failed) = fields {
                return failed; // only if Python is out of memory, say
            }
            // ANCHOR_END: set_fields
            // ANCHOR: cause
            if let E::TooLarge { overflow, .. } = &error {
                // Python's `raise DurationError(...) from OverflowError(...)`.
                let cause = PyOverflowError::new_err(overflow.to_string());
                exception.set_cause(py, Some(cause));
            }
            // ANCHOR_END: cause
            // ANCHOR: note
            if let Some(hint) = error.hint() {
                // Python's `exception.add_note(hint)` (3.11+): printed under
                // the message in a traceback, kept in `__notes__`.
                if let Err(failed) = exception.add_note(py, hint) {
                    return failed; // only if Python is out of memory, say
                }
            }
            // ANCHOR_END: note
            exception
        })
    }
}
// ANCHOR_END: from_impl
