//! A class with `&mut self` methods, which PyO3 lets one caller at a time borrow.

// ANCHOR: plain_counter
use pyo3::prelude::*;

use crate::args::counter_overflow;

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
            .ok_or_else(|| counter_overflow(self.value, by))?;
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
    fn a_plain_counter_does_not_wrap_around() {
        let mut plain = PlainCounter::new(u64::MAX);
        assert!(plain.increment(1).is_err());
        assert_eq!(plain.value(), u64::MAX);
    }
}
