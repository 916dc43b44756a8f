//! The checks' allocation counter. You do not need to edit this file: your
//! work is in src/lib.rs.
//!
//! The `allocation-counter` crate replaces this module's global allocator
//! with one that counts, per thread, every heap allocation made by the Rust
//! code in this module: each `String`, `Vec` and `Box`. Python's own objects
//! come from CPython's allocator and are not counted. A count, unlike a time,
//! is the same on a busy machine as on an idle one.

use std::cell::Cell;

use pyo3::exceptions::PyRecursionError;
use pyo3::prelude::*;

/// How deeply `allocations_during` calls may nest. `allocation_counter::measure`
/// panics beyond 63 levels; refusing earlier keeps that panic out of reach.
const MAX_NESTING: u32 = 32;

thread_local! {
    /// How many `allocations_during` calls are running on this thread.
    static NESTING: Cell<u32> = const { Cell::new(0) };
}

/// How many times the Rust code in this module allocated on the heap while
/// `func()` ran on this thread. An exception from `func` comes through as it is.
#[pyfunction]
pub fn allocations_during(func: &Bound<'_, PyAny>) -> PyResult<u64> {
    let depth = NESTING.get();
    if depth >= MAX_NESTING {
        return Err(PyRecursionError::new_err(format!(
            "allocations_during calls nest more than {MAX_NESTING} deep"
        )));
    }
    NESTING.set(depth + 1);
    let mut outcome = Ok(());
    let info = allocation_counter::measure(|| {
        outcome = func.call0().map(drop);
    });
    NESTING.set(depth);
    outcome?;
    Ok(info.count_total)
}

/// Used by the checks to prove that the counter counts: extracting a
/// `Vec<String>` copies every str into a new `String`, one allocation for each
/// non-empty str. Returns how many strings it copied.
#[pyfunction]
#[pyo3(name = "_copy_each")]
pub fn copy_each(texts: Vec<String>) -> usize {
    texts.len()
}
