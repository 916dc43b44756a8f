//! Workshop, chapter 3: giving values back to Python. A solution.

use std::collections::BTreeMap;

use pyo3::prelude::*;

/// `divide(7, 2) == (3, 1)`: the quotient and the remainder, as a tuple.
/// Dividing by zero has no answer, so `divide(7, 0) is None`.
#[pyfunction]
fn divide(dividend: u64, divisor: u64) -> Option<(u64, u64)> {
    if divisor == 0 {
        return None;
    }
    Some((dividend / divisor, dividend % divisor))
}

/// How often each letter occurs in `text`, ignoring case:
/// `letter_counts("Hello!") == {"e": 1, "h": 1, "l": 2, "o": 1}`.
/// Characters that are not letters (`char::is_alphabetic`) are not counted.
#[pyfunction]
fn letter_counts(text: &str) -> BTreeMap<char, usize> {
    let mut counts = BTreeMap::new();
    for letter in text.chars().filter(|c| c.is_alphabetic()) {
        for lower in letter.to_lowercase() {
            *counts.entry(lower).or_insert(0) += 1;
        }
    }
    counts
}

/// What `summarize` returns. Python receives it as the dict
/// `{"count": 3, "total": 6.0, "mean": 2.0}`, and `mean` is None when there
/// are no values.
#[derive(IntoPyObject)]
struct Summary {
    count: usize,
    total: f64,
    mean: Option<f64>,
}

#[pyfunction]
fn summarize(values: Vec<f64>) -> Summary {
    let total: f64 = values.iter().sum();
    Summary {
        count: values.len(),
        total,
        mean: (!values.is_empty()).then(|| total / values.len() as f64),
    }
}

#[pymodule]
mod ch03_exercise {
    #[pymodule_export]
    use super::{divide, letter_counts, summarize};
}
