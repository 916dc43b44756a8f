//! A frozen class over an atomic: any number of threads can use it at once.

// ANCHOR: atomic_counter
use std::sync::atomic::{AtomicU64, Ordering};

use pyo3::prelude::*;

use crate::args::counter_overflow;

/// A counter that any number of threads can increment at once.
#[pyclass(
    // No `&mut self` anywhere: PyO3 hands out only shared borrows, and skips
    // its run-time borrow checking. Changes go through the atomic.
    frozen,
    module = "ch06_attach"
)]
#[derive(Debug, Default)]
pub struct AtomicCounter {
    value: AtomicU64,
}

#[pymethods]
impl AtomicCounter {
    #[new]
    #[pyo3(signature = (start = 0))]
    pub fn new(start: u64) -> Self {
        Self {
            value: AtomicU64::new(start),
        }
    }

    /// Add `by` and return the new value. Two threads can never both read
    /// the same old value: `fetch_update` retries until its write wins.
    #[pyo3(signature = (by = 1))]
    pub fn increment(&self, by: u64) -> PyResult<u64> {
        let add = |value: u64| value.checked_add(by);
        match self
            .value
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, add)
        {
            Ok(previous) => Ok(previous + by),
            Err(current) => Err(counter_overflow(current, by)),
        }
    }

    /// The count so far.
    #[getter]
    pub fn value(&self) -> u64 {
        self.value.load(Ordering::Relaxed)
    }

    fn __repr__(&self) -> String {
        format!("AtomicCounter({})", self.value())
    }
}
// ANCHOR_END: atomic_counter

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_atomic_counter_counts_from_its_start() -> PyResult<()> {
        let counter = AtomicCounter::new(5);
        assert_eq!(counter.increment(1)?, 6);
        assert_eq!(counter.increment(10)?, 16);
        assert_eq!(counter.value(), 16);
        Ok(())
    }

    #[test]
    fn an_atomic_counter_does_not_wrap_around() {
        let atomic = AtomicCounter::new(u64::MAX - 1);
        assert!(atomic.increment(2).is_err());
        assert_eq!(
            atomic.value(),
            u64::MAX - 1,
            "a refused increment changes nothing"
        );
    }

    #[test]
    fn rust_threads_share_an_atomic_counter_by_reference() {
        let counter = AtomicCounter::default();
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    for _ in 0..10_000 {
                        counter.increment(1).expect("far from u64::MAX");
                    }
                });
            }
        });
        assert_eq!(counter.value(), 40_000);
    }
}
