//! Two counters that Python threads share: one frozen, over an atomic, that
//! any number of threads can use at once; one with `&mut self` methods, which
//! PyO3 lets only one caller at a time borrow.

use pyo3::exceptions::PyOverflowError;
use pyo3::prelude::*;

fn overflow(current: u64, by: u64) -> PyErr {
    PyOverflowError::new_err(format!(
        "a counter cannot go past {}: it is at {current}, and {by} more does not fit",
        u64::MAX
    ))
}

// ANCHOR: atomic_counter
use std::sync::atomic::{AtomicU64, Ordering};

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
            Err(current) => Err(overflow(current, by)),
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

// ANCHOR: plain_counter
/// A counter with `&mut self` methods. PyO3 checks each borrow at run time,
/// as a `RefCell` does: while one caller holds `&mut self`, any other call
/// raises `RuntimeError` instead of seeing the value half-changed.
#[pyclass(module = "ch06_attach")]
#[derive(Debug, Default)]
pub struct PlainCounter {
    value: u64,
}

#[pymethods]
impl PlainCounter {
    #[new]
    #[pyo3(signature = (start = 0))]
    pub fn new(start: u64) -> Self {
        Self { value: start }
    }

    /// Add `by` and return the new value.
    #[pyo3(signature = (by = 1))]
    pub fn increment(&mut self, by: u64) -> PyResult<u64> {
        self.value = self
            .value
            .checked_add(by)
            .ok_or_else(|| overflow(self.value, by))?;
        Ok(self.value)
    }

    /// Add one, then call `callback(value)` while still holding `&mut self`:
    /// the borrow lasts until this method returns, whatever the callback does.
    pub fn increment_and_call(&mut self, callback: &Bound<'_, PyAny>) -> PyResult<u64> {
        let value = self.increment(1)?;
        callback.call1((value,))?;
        Ok(value)
    }

    /// The count so far (a shared borrow: `&self`).
    #[getter]
    pub fn value(&self) -> u64 {
        self.value
    }

    fn __repr__(&self) -> String {
        format!("PlainCounter({})", self.value)
    }
}
// ANCHOR_END: plain_counter

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
    fn neither_counter_wraps_around() {
        let atomic = AtomicCounter::new(u64::MAX - 1);
        assert!(atomic.increment(2).is_err());
        assert_eq!(
            atomic.value(),
            u64::MAX - 1,
            "a refused increment changes nothing"
        );
        let mut plain = PlainCounter::new(u64::MAX);
        assert!(plain.increment(1).is_err());
        assert_eq!(plain.value(), u64::MAX);
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
