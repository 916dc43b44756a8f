//! Chapter 8: calling your Python function from Rust.
//!
//! The synchronous heart of a task queue. A `Worker` keeps a Python callback
//! and runs a task by calling `callback(task_id, payload, tries)`. The
//! callback answers with a flat tuple, `(code, data, retry_after_ms)`, which
//! `parse_outcome` reads into the `Outcome` enum: success, retry (after a
//! delay), or failure. `execute` makes one call and turns whatever goes
//! wrong into a failure; `Worker::run` retries, at most `max_tries` times,
//! sleeping with the interpreter detached; a `Report` says how it ended.
//!
//! What each crossing copies:
//! - in: `run` takes `task_id` and `payload` as the Python objects
//!   (`Bound<PyString>`, `Bound<PyBytes>`) and passes those very objects to
//!   the callback: no copy. `tries` becomes a new Python int.
//! - out: a success's `data` is kept as a `PyBackedBytes`, which holds the
//!   `bytes` object the callback returned; `Report.data` hands that object
//!   back: no copy. A failure's message is read into a Rust `String` (a
//!   copy, checked as UTF-8), and each read of `Report.error` makes a new
//!   Python `str` from it (another copy of a short message).
//!
//! Python imports this crate as `ch08_callbacks._native`; `cargo test` runs
//! the tests with an embedded interpreter.

use pyo3::prelude::*;

mod execute;
mod outcome;
mod report;
mod worker;

pub use execute::execute;
pub use outcome::{
    MAX_RETRY_DELAY_MS, Malformed, Outcome, RETRY, SUCCESS, failure_message, parse_outcome,
    retry_delay,
};
pub use report::{Ending, Report};
pub use worker::{MAX_TRIES, MaxTries, Worker};

// ANCHOR: module
/// The compiled half of `ch08_callbacks`. Import the package, not this.
#[pymodule]
pub mod _native {
    #[pymodule_export]
    use super::{Report, Worker};

    /// The most calls `Worker.run` makes for one task (`max_tries`).
    #[pymodule_export]
    const MAX_TRIES: u32 = super::MAX_TRIES;

    /// The longest wait before a retry, in milliseconds: a larger
    /// `retry_after_ms` waits this long.
    #[pymodule_export]
    const MAX_RETRY_DELAY_MS: u64 = super::MAX_RETRY_DELAY_MS;
}
// ANCHOR_END: module
