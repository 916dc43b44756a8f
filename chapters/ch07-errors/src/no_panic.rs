//! The fix for `panics.rs`: the same average, returning an error instead
//! of panicking.

// ANCHOR: fixed
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// The average of several durations in whole seconds, rounded down; a
/// `ValueError` for an empty list.
#[pyfunction]
pub fn average(seconds: Vec<u64>) -> PyResult<u64> {
    if seconds.is_empty() {
        return Err(PyValueError::new_err(
            "average() needs at least one duration, got an empty list",
        ));
    }
    let total: u128 = seconds.iter().map(|&s| u128::from(s)).sum();
    let count = seconds.len() as u128;
    Ok((total / count) as u64)
}
// ANCHOR_END: fixed

#[cfg(test)]
mod tests {
    use super::*;
    use crate::panics::average_panicking;

    #[test]
    fn the_average_is_rounded_down_and_never_overflows() {
        assert_eq!(average(vec![60, 90]).unwrap(), 75);
        assert_eq!(average(vec![1, 2]).unwrap(), 1);
        assert_eq!(average(vec![u64::MAX, u64::MAX]).unwrap(), u64::MAX);
    }

    #[test]
    fn an_empty_list_is_an_error_not_a_panic() {
        let error = average(Vec::new()).unwrap_err();
        Python::attach(|py| {
            assert!(error.is_instance_of::<PyValueError>(py));
            assert_eq!(
                error.value(py).to_string(),
                "average() needs at least one duration, got an empty list"
            );
        });
    }

    #[test]
    fn both_agree_wherever_the_demonstration_does_not_panic() {
        for seconds in [vec![7], vec![1, 2, 4], vec![u64::MAX, 3]] {
            assert_eq!(
                average(seconds.clone()).unwrap(),
                average_panicking(seconds)
            );
        }
    }
}
