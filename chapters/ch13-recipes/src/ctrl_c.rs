//! Recipe: Ctrl-C during long Rust work.
//!
//! Python does not act on Ctrl-C when it arrives. The C-level signal handler
//! only sets a flag; the interpreter runs the Python-level handler (the one
//! that raises `KeyboardInterrupt`) later, between two bytecodes of the main
//! thread, or when someone calls `PyErr_CheckSignals`. A Rust function runs
//! no bytecode, so unless it calls `py.check_signals()`, Ctrl-C waits for it
//! to return.
//!
//! `count_primes` does its work detached, in slices of about 20 ms, and
//! attaches between two slices to call `check_signals`: Ctrl-C stops it
//! within a slice. `count_primes_without_checks` does the same work in one
//! detached stretch: Ctrl-C lands only after it has returned.
//!
//! Both count the primes below `below` by trial division: a deliberately
//! plain algorithm, slow enough at large sizes to need Ctrl-C.

use std::time::{Duration, Instant};

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyInt};

/// The largest `below` accepted: 10**12. Counting that far by trial division
/// takes days; Ctrl-C is how a person gets out of it.
pub const MAX_BELOW: u64 = 1_000_000_000_000;

// ANCHOR: checked
/// How long the work runs detached before it looks for Ctrl-C: short enough
/// that nobody waits for a Ctrl-C to land, long enough that attaching again
/// (cheap when no other thread holds the interpreter) is rare.
const SLICE: Duration = Duration::from_millis(20);

/// How many numbers are examined between two looks at the clock.
const BATCH: u64 = 64;

/// The number of primes below `below` (0 to 10**12), found by trial division.
///
/// The work runs detached, so other Python threads run meanwhile, in slices
/// of about 20 ms. Between two slices it attaches and lets Python run its
/// signal handlers: on the main thread, Ctrl-C raises `KeyboardInterrupt`
/// from this call within a slice, with a note saying how far it got.
#[pyfunction]
pub fn count_primes(py: Python<'_>, below: &Bound<'_, PyAny>) -> PyResult<u64> {
    let below = int_in_range(below, "below", 0, MAX_BELOW)?;
    let mut progress = Progress::default();
    while progress.next < below {
        // Detached: no Python object is touched here, and none can be
        // (the closure must be `Send`, which `Bound` is not).
        progress = py.detach(|| progress.advance(below, Some(Instant::now() + SLICE)));
        // Attached again: run the signal handlers. The default SIGINT handler
        // raises KeyboardInterrupt, which arrives here as an `Err`.
        if let Err(interrupt) = py.check_signals() {
            // The note is a courtesy: if adding it fails, the interrupt
            // still goes up, unchanged.
            let _ = interrupt.add_note(py, progress.describe("count_primes", below));
            return Err(interrupt);
        }
    }
    Ok(progress.found)
}
// ANCHOR_END: checked

// ANCHOR: unchecked
/// The same count in one detached stretch, never looking for Ctrl-C: a
/// `KeyboardInterrupt` lands only after it has returned, and its result is
/// then lost.
#[pyfunction]
pub fn count_primes_without_checks(py: Python<'_>, below: &Bound<'_, PyAny>) -> PyResult<u64> {
    let below = int_in_range(below, "below", 0, MAX_BELOW)?;
    let done = py.detach(|| Progress::default().advance(below, None));
    Ok(done.found)
}
// ANCHOR_END: unchecked

// ANCHOR: progress
/// How far a count has got: every number below `next` has been examined,
/// and `found` of them are prime.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub next: u64,
    pub found: u64,
}

impl Progress {
    /// Examine numbers up to `below`, stopping early once `deadline` has
    /// passed (looked at every `BATCH` numbers). `None`: no deadline.
    pub fn advance(mut self, below: u64, deadline: Option<Instant>) -> Self {
        while self.next < below {
            let end = below.min(self.next.saturating_add(BATCH));
            self.found += (self.next..end).filter(|&n| is_prime(n)).count() as u64;
            self.next = end;
            if deadline.is_some_and(|deadline| Instant::now() >= deadline) {
                break;
            }
        }
        self
    }

    fn describe(self, function: &str, below: u64) -> String {
        let Progress { next, found } = self;
        format!(
            "{function}({below}) was interrupted after examining the numbers below {next}, \
             of which {found} are prime"
        )
    }
}
// ANCHOR_END: progress

/// Trial division by 2 and the odd numbers up to the square root.
pub fn is_prime(n: u64) -> bool {
    if n < 4 {
        return n >= 2;
    }
    if n.is_multiple_of(2) {
        return false;
    }
    // n <= 10**12, so divisor * divisor stays far below u64::MAX.
    let mut divisor = 3;
    while divisor * divisor <= n {
        if n.is_multiple_of(divisor) {
            return false;
        }
        divisor += 2;
    }
    true
}

/// `obj` as a `u64` from `min` to `max`, or an exception that names the
/// argument: `TypeError` for anything but an `int` (a `bool` included),
/// `ValueError`, showing the value, for an `int` out of range.
pub(crate) fn int_in_range(
    obj: &Bound<'_, PyAny>,
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
            // Python refuses to write an int of more than 4300 digits.
            let shown = obj
                .repr()
                .map(|repr| repr.to_string())
                .unwrap_or_else(|_| "an int too large to show".to_owned());
            Err(PyValueError::new_err(format!(
                "{name} must be from {min} to {max}, got {shown}"
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_numbers_are_classified_by_hand() {
        let primes: Vec<u64> = (0..30).filter(|&n| is_prime(n)).collect();
        assert_eq!(primes, [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]);
        assert!(is_prime(999_983)); // the largest prime below a million
        assert!(!is_prime(999_983 * 999_983)); // a square, as large as the range goes
        assert!(is_prime(999_999_999_989)); // the largest prime below 10**12
    }

    #[test]
    fn counts_match_the_known_values() {
        for (below, count) in [(0, 0), (2, 0), (3, 1), (10, 4), (100, 25), (100_000, 9_592)] {
            assert_eq!(Progress::default().advance(below, None).found, count);
        }
    }

    #[test]
    fn a_count_in_slices_ends_where_one_stretch_does() {
        // A deadline already past: one batch per slice, resumed every time.
        let mut progress = Progress::default();
        let mut slices = 0;
        while progress.next < 10_000 {
            progress = progress.advance(10_000, Some(Instant::now()));
            slices += 1;
        }
        assert_eq!(slices, 10_000_u64.div_ceil(BATCH));
        assert_eq!(progress, Progress::default().advance(10_000, None));
        assert_eq!(progress.found, 1_229);
    }

    #[test]
    fn counting_from_python_matches_and_bad_arguments_say_what_to_fix() {
        Python::attach(|py| {
            let below = 10_000_u64.into_pyobject(py).unwrap().into_any();
            assert_eq!(count_primes(py, &below).unwrap(), 1_229);
            assert_eq!(count_primes_without_checks(py, &below).unwrap(), 1_229);
            for (code, error) in [
                (c"-1", "below must be from 0 to 1000000000000, got -1"),
                (
                    c"10**12 + 1",
                    "below must be from 0 to 1000000000000, got 1000000000001",
                ),
                (
                    c"10**5000",
                    "below must be from 0 to 1000000000000, got an int too large to show",
                ),
                (c"True", "below must be an int, not bool"),
                (c"1e3", "below must be an int, not float"),
            ] {
                let value = py.eval(code, None, None).unwrap();
                let err = count_primes(py, &value).unwrap_err();
                assert_eq!(err.value(py).to_string(), error);
            }
        });
    }
}
