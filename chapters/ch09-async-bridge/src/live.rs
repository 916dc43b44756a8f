//! How many Rust futures of this module are alive: a counter that a guard
//! increments when a future is made and decrements when it is dropped.

// ANCHOR: live
use std::sync::atomic::{AtomicUsize, Ordering};

use pyo3::prelude::*;

static LIVE: AtomicUsize = AtomicUsize::new(0);

/// Counts one live future for as long as it exists. Moved into the future,
/// it is dropped with it: when the future finishes, fails, panics, or is
/// dropped half-way because Python cancelled the task awaiting it.
pub struct Live(());

impl Live {
    pub fn track() -> Self {
        LIVE.fetch_add(1, Ordering::SeqCst);
        Live(())
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        LIVE.fetch_sub(1, Ordering::SeqCst);
    }
}

/// How many Rust futures made by this module are still alive.
#[pyfunction]
pub fn live_futures() -> usize {
    LIVE.load(Ordering::SeqCst)
}
// ANCHOR_END: live
