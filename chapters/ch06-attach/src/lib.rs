//! Chapter 6: attaching to the interpreter, and detaching from it.
//!
//! A `Python<'py>` token is the proof that this thread is attached to the
//! interpreter (with a GIL: that it holds the GIL). This crate shows:
//!
//! - `primes`: CPU work run detached (`py.detach`), so other Python threads
//!   run meanwhile, and the same work run attached, which stalls them;
//! - `threads`: threads that Rust starts, each attaching (`Python::attach`)
//!   to call Python, while the thread that started them waits detached;
//! - `atomic_counter`: a frozen class over an atomic that threads share
//!   freely; `plain_counter`: a `&mut self` class that raises
//!   `RuntimeError: Already borrowed` when two callers want it at once;
//! - `deadlock`: a `Mutex` held across an attach, and `lock_py_attached`;
//! - `cache`: a Python class imported once, kept in a `PyOnceLock`.
//!
//! Python imports this crate as `ch06_attach._native`; `cargo test` runs the
//! tests with an embedded interpreter.

mod args;
mod atomic_counter;
mod cache;
mod deadlock;
mod plain_counter;
mod primes;
mod threads;

pub use atomic_counter::AtomicCounter;
pub use cache::to_decimal;
pub use deadlock::deadlock_demo;
pub use plain_counter::PlainCounter;
pub use primes::{
    Limit, MAX_LIMIT, build_profile, count_primes, count_primes_attached, count_primes_below,
    is_prime,
};
pub use threads::{CallsPerThread, MAX_CALLS_PER_THREAD, MAX_THREADS, Threads, call_from_threads};

// ANCHOR: module
/// The compiled half of `ch06_attach`. Import the package, not this.
///
/// `gil_used = false` is PyO3's default since 0.28, written out here because
/// it is a promise: everything in this module is safe to use from several
/// threads at once without a GIL to take turns. A free-threaded Python
/// (3.14t) reads it when importing the module and keeps running without a
/// GIL; with `gil_used = true` it would switch the GIL back on for the whole
/// process, with a `RuntimeWarning`. The Rust compiler backs most of the
/// promise: a `#[pyclass]` must be `Sync`, `detach` takes only what can
/// cross threads, and a second `&mut self` borrow is a `RuntimeError`, never
/// a data race. A GIL-enabled Python ignores the flag.
#[pyo3::pymodule(gil_used = false)]
pub mod _native {
    #[pymodule_export]
    use super::{count_primes, count_primes_attached};

    #[pymodule_export]
    use super::call_from_threads;

    #[pymodule_export]
    use super::{AtomicCounter, PlainCounter};

    #[pymodule_export]
    use super::to_decimal;

    // Not part of the package's API: a demonstration that can hang for ever,
    // and what the benchmark checks before it measures anything.
    #[pymodule_export]
    use super::{build_profile, deadlock_demo};
}
// ANCHOR_END: module
