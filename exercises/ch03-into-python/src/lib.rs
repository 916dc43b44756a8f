//! Workshop, chapter 3: giving values back to Python.
//!
//! Three functions, each returning a different Python shape: a tuple or
//! `None`, a dict, and a dict made from a Rust struct. Check your work with
//!
//!     uv run workshop check ch03-into-python
//!
//! and ask for a nudge with `uv run workshop hint ch03-into-python`.

// Until the TODOs are done, some code is unused; that is expected.
#![allow(unused_variables, dead_code)]

use std::collections::BTreeMap;

use pyo3::prelude::*;

/// `divide(7, 2) == (3, 1)`: the quotient and the remainder, as a tuple.
/// Dividing by zero has no answer, so `divide(7, 0) is None`.
#[pyfunction]
fn divide(dividend: u64, divisor: u64) -> Option<(u64, u64)> {
    // TODO (1 of 3): return `None` when `divisor` is 0, and otherwise
    // `Some((quotient, remainder))`. `Option<(u64, u64)>` reaches Python as
    // `tuple[int, int] | None`; you only write Rust.
    None
}

/// How often each letter occurs in `text`, ignoring case:
/// `letter_counts("Hello!") == {"e": 1, "h": 1, "l": 2, "o": 1}`.
/// Characters that are not letters (`char::is_alphabetic`) are not counted.
#[pyfunction]
fn letter_counts(text: &str) -> BTreeMap<char, usize> {
    // TODO (2 of 3): count the letters of `text`, lower-cased
    // (`char::to_lowercase` gives an iterator of chars). Each `char` key
    // becomes a one-character `str` in Python, and the BTreeMap a dict.
    BTreeMap::new()
}

/// What `summarize` should return. Python should receive it as the dict
/// `{"count": 3, "total": 6.0, "mean": 2.0}`, and `mean` is None when there
/// are no values.
struct Summary {
    count: usize,
    total: f64,
    mean: Option<f64>,
}

#[pyfunction]
fn summarize(values: Vec<f64>) -> (usize, f64) {
    // TODO (3 of 3): return a `Summary` instead of this tuple. Python cannot
    // receive a plain Rust struct: derive `IntoPyObject` on `Summary` first,
    // and it arrives as a dict whose keys are the field names.
    (values.len(), values.iter().sum())
}

#[pymodule]
mod ch03_exercise {
    #[pymodule_export]
    use super::{divide, letter_counts, summarize};
}
