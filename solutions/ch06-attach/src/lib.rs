//! Workshop, chapter 6: let other threads run; a solution.

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
    Ok(py.detach(|| count_primes_below(limit)))
}

/// How many primes are below each of `limits`: `count_primes_each([10, 100])`
/// is `[4, 25]`.
#[pyfunction]
fn count_primes_each(py: Python<'_>, limits: &Bound<'_, PyList>) -> PyResult<Vec<u32>> {
    // Attached: read the Python list into plain Rust values.
    let mut checked_limits = Vec::with_capacity(limits.len());
    for item in limits.iter() {
        checked_limits.push(checked(item.extract()?)?);
    }
    // Detached: count, touching no Python object.
    Ok(py.detach(|| {
        checked_limits
            .iter()
            .map(|&limit| count_primes_below(limit))
            .collect()
    }))
}

#[pymodule]
mod ch06_exercise {
    #[pymodule_export]
    use super::{count_primes, count_primes_attached, count_primes_each};
}
