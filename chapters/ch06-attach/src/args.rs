//! Integer arguments with a documented range, and errors that say what to fix.

use pyo3::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyInt};

// ANCHOR: int_in_range
/// `obj` as a `u64` from `min` to `max`, or an exception that names the argument:
/// a `TypeError` for anything but an `int` (`True` included), a `ValueError`
/// showing the value for an `int` out of range.
pub(crate) fn int_in_range(
    obj: Borrowed<'_, '_, PyAny>,
    name: &str,
    min: u64,
    max: u64,
) -> PyResult<u64> {
    if !obj.is_instance_of::<PyInt>() || obj.is_instance_of::<PyBool>() {
        let kind = obj.get_type().name()?;
        return Err(PyTypeError::new_err(format!(
            "{name} must be an int, not {kind}"
        )));
    }
    match obj.extract::<u64>() {
        Ok(value) if (min..=max).contains(&value) => Ok(value),
        _ => {
            // An int with more than 4300 digits has no repr (Python refuses
            // to convert it): the message still says what the range is.
            let shown = obj
                .repr()
                .map(|repr| repr.to_string())
                .unwrap_or_else(|_| "an int too large to show".to_string());
            Err(PyValueError::new_err(format!(
                "{name} must be from {min} to {max}, got {shown}"
            )))
        }
    }
}
// ANCHOR_END: int_in_range

/// What a counter raises rather than wrap around past `u64::MAX`.
pub(crate) fn counter_overflow(current: u64, by: u64) -> PyErr {
    PyOverflowError::new_err(format!(
        "a counter cannot go past {}: it is at {current}, and {by} more does not fit",
        u64::MAX
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(py: Python<'_>, code: &std::ffi::CStr) -> PyResult<u64> {
        let value = py.eval(code, None, None)?;
        int_in_range(value.as_borrowed(), "n", 1, 10)
    }

    #[test]
    fn ints_in_range_pass_and_others_say_what_to_fix() {
        Python::attach(|py| {
            assert_eq!(check(py, c"1").unwrap(), 1);
            assert_eq!(check(py, c"10").unwrap(), 10);
            for (code, message) in [
                (c"0", "n must be from 1 to 10, got 0"),
                (c"-1", "n must be from 1 to 10, got -1"),
                (
                    c"2**70",
                    "n must be from 1 to 10, got 1180591620717411303424",
                ),
                (
                    c"10**5000",
                    "n must be from 1 to 10, got an int too large to show",
                ),
            ] {
                let error = check(py, code).unwrap_err();
                assert!(error.is_instance_of::<PyValueError>(py));
                assert_eq!(error.value(py).to_string(), message);
            }
            for (code, message) in [
                (c"True", "n must be an int, not bool"),
                (c"2.0", "n must be an int, not float"),
                (c"'2'", "n must be an int, not str"),
            ] {
                let error = check(py, code).unwrap_err();
                assert!(error.is_instance_of::<PyTypeError>(py));
                assert_eq!(error.value(py).to_string(), message);
            }
        });
    }
}
