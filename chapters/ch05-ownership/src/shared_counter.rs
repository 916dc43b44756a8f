//! `SharedCounter`: `Arc::clone`, the visible form of Python's assignment.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use pyo3::exceptions::PyOverflowError;
use pyo3::prelude::*;

// ANCHOR: shared_counter
/// A count that several Python objects can share. `share()` returns a second
/// object over the same count; `handles` says how many objects share it.
#[pyclass(frozen, module = "ch05_ownership")]
pub struct SharedCounter {
    // One `AtomicU64` on the heap, and a count of the `Arc`s that point to it.
    count: Arc<AtomicU64>,
}

#[pymethods]
impl SharedCounter {
    #[new]
    #[pyo3(signature = (start = 0))]
    pub fn new(start: u64) -> Self {
        Self {
            count: Arc::new(AtomicU64::new(start)),
        }
    }

    /// A second `SharedCounter` over the same count.
    pub fn share(&self) -> Self {
        Self {
            // A new handle to the same value: the strong count goes up by one.
            count: Arc::clone(&self.count),
        }
    }

    /// Add one, and return the new value.
    pub fn increment(&self) -> PyResult<u64> {
        let before = self
            .count
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_add(1))
            .map_err(|_| PyOverflowError::new_err("the counter is at its maximum, 2**64 - 1"))?;
        Ok(before + 1)
    }

    #[getter]
    pub fn value(&self) -> u64 {
        self.count.load(Ordering::Relaxed)
    }

    /// How many `SharedCounter` objects share this count.
    #[getter]
    pub fn handles(&self) -> usize {
        Arc::strong_count(&self.count)
    }

    fn __repr__(&self) -> String {
        format!(
            "<SharedCounter value={} handles={}>",
            self.value(),
            self.handles()
        )
    }
}
// ANCHOR_END: shared_counter

#[cfg(test)]
mod tests {
    use super::*;

    // ANCHOR: arc_test
    #[test]
    fn every_handle_sees_the_same_count() {
        let first = SharedCounter::new(0);
        assert_eq!(first.handles(), 1);
        let second = first.share();
        assert_eq!((first.handles(), second.handles()), (2, 2));
        second.increment().unwrap();
        assert_eq!(first.value(), 1);
        drop(second); // the Arc's strong count goes back down
        assert_eq!(first.handles(), 1);
    }
    // ANCHOR_END: arc_test

    #[test]
    fn the_count_never_wraps_around() {
        let counter = SharedCounter::new(u64::MAX - 1);
        assert_eq!(counter.increment().unwrap(), u64::MAX);
        let error = counter.increment().unwrap_err();
        Python::attach(|py| assert!(error.is_instance_of::<PyOverflowError>(py)));
        assert_eq!(counter.value(), u64::MAX);
    }
}
