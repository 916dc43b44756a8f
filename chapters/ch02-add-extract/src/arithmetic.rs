//! `add`, twice: once with typed parameters, once converting by hand.

use pyo3::exceptions::PyOverflowError;
use pyo3::prelude::*;

// ANCHOR: add
/// Add two integers that each fit in 64 bits.
///
/// Raises `TypeError` for anything that is not an `int`, and `OverflowError`
/// when an argument or the sum does not fit in a signed 64-bit integer.
#[pyfunction]
pub fn add(a: i64, b: i64) -> PyResult<i64> {
    a.checked_add(b)
        .ok_or_else(|| PyOverflowError::new_err(format!("{a} + {b} does not fit in 64 bits")))
}
// ANCHOR_END: add

// ANCHOR: add_by_hand
/// The same as `add`, with the conversions that `#[pyfunction]` generated for
/// `add` written out by hand.
#[pyfunction]
pub fn add_by_hand(a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<i64> {
    let a: i64 = a.extract()?;
    let b: i64 = b.extract()?;
    add(a, b)
}
// ANCHOR_END: add_by_hand

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_numbers_add_up() {
        assert_eq!(add(2, 3).unwrap(), 5);
        assert_eq!(add(i64::MIN, i64::MAX).unwrap(), -1);
    }

    // ANCHOR: overflow_test
    #[test]
    fn a_sum_past_i64_max_is_an_overflow_error_not_a_wrap() {
        let error = add(i64::MAX, 1).unwrap_err();
        Python::attach(|py| {
            assert!(error.is_instance_of::<PyOverflowError>(py));
            assert_eq!(
                error.value(py).to_string(),
                "9223372036854775807 + 1 does not fit in 64 bits"
            );
        });
    }
    // ANCHOR_END: overflow_test
}
