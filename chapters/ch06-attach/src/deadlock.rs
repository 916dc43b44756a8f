//! A lock held across an attach: the deadlock, and the fix PyO3 provides.
//!
//! This is a demonstration, not an API: with `fixed=False` it never returns,
//! and nothing (not even Ctrl-C) can stop it but killing the process. It is
//! reachable only as `ch06_attach._native._deadlock_demo`; the tests run it
//! in a child process, with a timeout, and kill it.

// ANCHOR: deadlock
use std::sync::mpsc;
use std::sync::{Mutex, PoisonError};
use std::thread;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::MutexExt;

/// A worker thread locks a `Mutex`, then attaches to the interpreter while
/// still holding the lock. This thread, attached, then wants the same lock.
///
/// With `fixed = false` it calls `Mutex::lock`, which waits for the lock
/// while holding the GIL: the worker waits for the GIL while holding the
/// lock, and neither can ever go on. With `fixed = true` it calls
/// `lock_py_attached`, which detaches while it waits: the worker attaches,
/// finishes, lets go of the lock, and both go on.
///
/// Returns how many entries the worker wrote (1).
#[pyfunction]
#[pyo3(name = "_deadlock_demo")]
pub fn deadlock_demo(py: Python<'_>, fixed: bool) -> PyResult<usize> {
    let entries: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let (locked, wait_until_locked) = mpsc::channel();
    thread::scope(|scope| {
        let worker = scope.spawn(|| {
            let mut guard = entries.lock().unwrap_or_else(PoisonError::into_inner);
            let _ = locked.send(()); // "I hold the lock now"
            // Attaching with the lock held: this waits for the GIL.
            let entry = Python::attach(|py| format!("Python {}", py.version_info().major));
            guard.push(entry);
        });
        // This thread waits for the worker's word *attached*, on purpose:
        // the demonstration needs it to hold the interpreter when the worker
        // tries to attach. (Real code would detach around any wait; on a
        // free-threaded Python, a thread waiting attached also holds up
        // stop-the-world pauses such as garbage collection.)
        wait_until_locked
            .recv()
            .map_err(|_| PyRuntimeError::new_err("the worker thread stopped early"))?;
        let written = if fixed {
            // Detaches, waits for the lock, attaches again: no deadlock.
            entries.lock_py_attached(py)
        } else {
            // Waits for the lock while attached: with a GIL, deadlock for
            // ever. Without one, usually not: but a stop-the-world pause
            // that waits for this thread, attached and stuck, still hangs.
            entries.lock()
        }
        .unwrap_or_else(PoisonError::into_inner)
        .len();
        // The worker has let go of the lock, so it is done with Python; wait
        // for it detached all the same, as one always should.
        py.detach(|| worker.join())
            .map_err(|_| PyRuntimeError::new_err("the worker thread panicked"))?;
        Ok(written)
    })
}
// ANCHOR_END: deadlock

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fixed_version_finishes() -> PyResult<()> {
        Python::attach(|py| {
            for _ in 0..20 {
                assert_eq!(deadlock_demo(py, true)?, 1);
            }
            Ok(())
        })
    }
}
