//! Chapter 5: who owns a Python object that Rust holds.
//!
//! `EventBus` keeps Python callbacks as `Py<PyAny>` (owned, no lifetime) and
//! binds each one to the current attach window when it calls it; it takes
//! part in Python's garbage collection with `__traverse__` and `__clear__`.
//! `SharedCounter` shows `Arc::clone`, Rust's visible form of what Python
//! does on every assignment. Python imports this crate as
//! `ch05_ownership._native`; `cargo test` runs the tests with an embedded
//! interpreter, and tests/compile_fail.rs checks what the compiler refuses.

use pyo3::prelude::*;

mod event_bus;
mod shared_counter;

pub use event_bus::EventBus;
pub use shared_counter::SharedCounter;

// ANCHOR: module
/// The compiled half of `ch05_ownership`. Import the package, not this.
#[pymodule]
pub mod _native {
    #[pymodule_export]
    use super::{EventBus, SharedCounter};
}
// ANCHOR_END: module
