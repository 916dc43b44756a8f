//! A panic, shown on purpose (`no_panic.rs` has the fix). The rule the whole
//! cookbook follows: bad input never panics; it raises an exception that
//! says what to fix.

// ANCHOR: panicking
use pyo3::prelude::*;

/// DEMONSTRATION ONLY: do not write functions like this one.
///
/// The average of several durations in whole seconds, rounded down. For an
/// empty list, the integer division by zero panics, and Python gets a
/// `pyo3_runtime.PanicException`, which `except Exception` does not catch.
#[pyfunction]
pub fn average_panicking(seconds: Vec<u64>) -> u64 {
    // A u128 holds the sum of any list of u64s that fits in memory.
    let total: u128 = seconds.iter().map(|&s| u128::from(s)).sum();
    let count = seconds.len() as u128;
    // An average of u64s is never larger than the largest of them, so this
    // `as` cannot cut off any bits.
    (total / count) as u64 // panics: "attempt to divide by zero"
}
// ANCHOR_END: panicking

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_average_is_rounded_down_and_never_overflows() {
        assert_eq!(average_panicking(vec![60, 90]), 75);
        assert_eq!(
            average_panicking(vec![u64::MAX, u64::MAX - 2]),
            u64::MAX - 1
        );
    }

    #[test]
    #[should_panic(expected = "attempt to divide by zero")]
    fn the_demonstration_panics_on_an_empty_list() {
        average_panicking(Vec::new());
    }
}
