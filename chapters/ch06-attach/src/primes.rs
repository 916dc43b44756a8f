//! CPU-bound work, run detached (`count_primes`) and attached
//! (`count_primes_attached`): the same loop, and the same answers.

// ANCHOR: loop
/// Whether `n` is prime, by trial division: deliberately simple, and slow
/// enough to keep a CPU busy. Touches no Python object.
pub fn is_prime(n: u32) -> bool {
    if n < 2 {
        return false;
    }
    if n.is_multiple_of(2) {
        return n == 2;
    }
    let mut divisor = 3;
    // `divisor <= n / divisor` is `divisor * divisor <= n` without overflow.
    while divisor <= n / divisor {
        if n.is_multiple_of(divisor) {
            return false;
        }
        divisor += 2;
    }
    true
}

/// How many primes are below `limit`: `count_primes_below(10)` is 4 (2, 3, 5, 7).
pub fn count_primes_below(limit: u32) -> u32 {
    let mut count = 0;
    for n in 0..limit {
        if is_prime(n) {
            count += 1;
        }
    }
    count
}
// ANCHOR_END: loop

// ANCHOR: functions
use pyo3::prelude::*;

// ANCHOR: detached
/// How many primes are below `limit`, computed with the thread detached from
/// the interpreter: other Python threads run meanwhile.
#[pyfunction]
pub fn count_primes(py: Python<'_>, limit: Limit) -> u32 {
    // `detach` lets go of the interpreter (with a GIL: releases it), runs the
    // closure, then attaches again before returning. The closure gets no
    // `Python` token, so it cannot touch a Python object; it captures only a
    // `u32`, which the compiler checks is safe to use from any thread.
    py.detach(|| count_primes_below(limit.0))
}
// ANCHOR_END: detached

// ANCHOR: attached
/// The same count, computed while holding on to the interpreter: with a GIL,
/// no other Python thread runs until it returns.
#[pyfunction]
pub fn count_primes_attached(_py: Python<'_>, limit: Limit) -> u32 {
    // A `#[pyfunction]` is called attached: the `Python` token is the proof.
    // Nothing here detaches, so the loop runs with the GIL held throughout.
    count_primes_below(limit.0)
}
// ANCHOR_END: attached
// ANCHOR_END: functions

// ANCHOR: limit
use crate::args::int_in_range;

/// The largest `limit` the prime counters accept. The work grows faster than
/// the limit: at the maximum a call takes seconds, while a limit a hundred
/// times larger would keep a thread busy for many minutes. Anything above
/// the maximum is refused at once.
pub const MAX_LIMIT: u32 = 10_000_000;

/// A `limit` from Python: an `int` from 0 to `MAX_LIMIT`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit(pub u32);

impl<'py> FromPyObject<'_, 'py> for Limit {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, 'py, PyAny>) -> Result<Self, Self::Error> {
        let limit = int_in_range(obj, "limit", 0, MAX_LIMIT.into())?;
        // In range, so it fits: `MAX_LIMIT` is a u32.
        Ok(Limit(u32::try_from(limit)?))
    }
}
// ANCHOR_END: limit

/// How this module was compiled, "debug" or "release". The benchmark uses it
/// to refuse to present a debug build's timings as if they meant something.
#[pyfunction]
pub fn build_profile() -> &'static str {
    if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_numbers() {
        let primes: Vec<u32> = (0..30).filter(|&n| is_prime(n)).collect();
        assert_eq!(primes, [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]);
    }

    #[test]
    fn squares_of_primes_are_not_prime() {
        for p in [3u32, 5, 7, 65_521] {
            assert!(is_prime(p));
            assert!(!is_prime(p * p), "{p} squared");
        }
    }

    #[test]
    fn the_largest_u32_values_do_not_overflow() {
        assert!(is_prime(4_294_967_291)); // the largest prime below 2**32
        assert!(!is_prime(u32::MAX)); // 3 * 5 * 17 * 257 * 65537
    }

    #[test]
    fn counts_match_known_values_of_pi() {
        // π(x) counts the primes up to x; below 10**k is the same thing here.
        assert_eq!(count_primes_below(0), 0);
        assert_eq!(count_primes_below(2), 0);
        assert_eq!(count_primes_below(3), 1);
        assert_eq!(count_primes_below(10), 4);
        assert_eq!(count_primes_below(100), 25);
        assert_eq!(count_primes_below(100_000), 9_592);
    }

    #[test]
    fn detached_and_attached_agree() {
        Python::attach(|py| {
            for limit in [0, 1, 2, 3, 97, 1_000] {
                assert_eq!(
                    count_primes(py, Limit(limit)),
                    count_primes_attached(py, Limit(limit))
                );
            }
        });
    }
}
