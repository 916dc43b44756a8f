//! Workshop, chapter 6: let other threads run.
//!
//! Counting primes is CPU work that needs no Python object, yet both
//! functions below do it while holding on to the interpreter: with a GIL, no
//! other Python thread runs until they return. Two small jobs, each marked
//! TODO. Check your work with
//!
//!     uv run workshop check ch06-attach
//!
//! and ask for a nudge with `uv run workshop hint ch06-attach`.

// Until the TODOs are done, `py` is unused; that is expected.
#![allow(unused_variables)]

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyList;

/// The largest limit accepted: a larger one would keep a thread busy for minutes.
const MAX_LIMIT: u32 = 10_000_000;

/// `limit` itself if it is at most `MAX_LIMIT`, or a `ValueError` that shows it.
fn checked(limit: u32) -> PyResult<u32> {
    if limit > MAX_LIMIT {
        return Err(PyValueError::new_err(format!(
            "limit must be at most {MAX_LIMIT}, got {limit}"
        )));
    }
    Ok(limit)
}

/// Whether `n` is prime, by trial division.
fn is_prime(n: u32) -> bool {
    if n < 2 {
        return false;
    }
    if n.is_multiple_of(2) {
        return n == 2;
    }
    let mut divisor = 3;
    while divisor <= n / divisor {
        if n.is_multiple_of(divisor) {
            return false;
        }
        divisor += 2;
    }
    true
}

/// How many primes are below `limit`. Plain Rust: no Python object in sight.
fn count_primes_below(limit: u32) -> u32 {
    let mut count = 0;
    for n in 0..limit {
        if is_prime(n) {
            count += 1;
        }
    }
    count
}

/// The count, holding on to the interpreter throughout. The checks compare
/// your functions with this one.
#[pyfunction]
fn count_primes_attached(limit: u32) -> PyResult<u32> {
    Ok(count_primes_below(checked(limit)?))
}

/// How many primes are below `limit`, letting other Python threads run meanwhile.
#[pyfunction]
fn count_primes(py: Python<'_>, limit: u32) -> PyResult<u32> {
    let limit = checked(limit)?;
    // TODO (1 of 2): this loop runs attached, so no other Python thread runs
    // until it ends. Run it inside `py.detach(|| ...)` instead: the closure
    // runs with the interpreter let go, and what it returns comes back out.
    Ok(count_primes_below(limit))
}

/// How many primes are below each of `limits`: `count_primes_each([10, 100])`
/// is `[4, 25]`.
#[pyfunction]
fn count_primes_each(py: Python<'_>, limits: &Bound<'_, PyList>) -> PyResult<Vec<u32>> {
    // TODO (2 of 2): this loop reads a limit from the Python list, counts,
    // and reads the next, all attached. Split it in two: first read every
    // limit into a `Vec<u32>` (reading `limits`, a Python object, needs the
    // interpreter), then count them all inside `py.detach`. Try moving the
    // whole loop into the closure to see what the compiler says about `limits`.
    let mut counts = Vec::new();
    for item in limits.iter() {
        let limit = checked(item.extract()?)?;
        counts.push(count_primes_below(limit));
    }
    Ok(counts)
}

#[pymodule]
mod ch06_exercise {
    #[pymodule_export]
    use super::{count_primes, count_primes_attached, count_primes_each};
}
