//! `call_from_threads`: threads that Rust starts, each attaching to the
//! interpreter to call a Python function.

// ANCHOR: call_from_threads
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;

/// Start `threads` threads; each calls `callback(thread_index, call_index)`
/// `calls_per_thread` times and the result is the number of calls made. If a
/// call raises, the other threads stop early and, once every thread has
/// stopped, the first exception raised is raised here.
#[pyfunction]
pub fn call_from_threads(
    py: Python<'_>,
    callback: &Bound<'_, PyAny>,
    threads: Threads,
    calls_per_thread: CallsPerThread,
) -> PyResult<u64> {
    if !callback.is_callable() {
        let kind = callback.get_type().name()?;
        return Err(PyTypeError::new_err(format!(
            "callback must be callable, such as a function taking \
             (thread_index, call_index); got {kind}"
        )));
    }
    // A `Bound` is tied to this thread's attachment; a `Py` is not, so the
    // threads share the callback as a `&Py<PyAny>`.
    let callback = callback.as_unbound();
    let calls_made = AtomicU64::new(0);
    let failed = AtomicBool::new(false);

    // ANCHOR: wait_detached
    // Detach while the threads run and this thread waits for them. Each of
    // them must attach to call the callback. Were this thread still attached
    // (holding the GIL) while it waits in `join`, they would wait for the GIL
    // and this thread would wait for them: a deadlock that never ends.
    let (spawn_error, outcomes) = py.detach(|| {
        thread::scope(|scope| {
            let mut handles = Vec::with_capacity(threads.0);
            let mut spawn_error = None;
            for thread_index in 0..threads.0 {
                let (calls_made, failed) = (&calls_made, &failed);
                let spawned = thread::Builder::new().spawn_scoped(scope, move || {
                    let calls = calls_per_thread.0;
                    call_repeatedly(callback, thread_index, calls, calls_made, failed)
                });
                match spawned {
                    Ok(handle) => handles.push(handle),
                    Err(error) => {
                        // The system refused a thread: stop the ones started.
                        failed.store(true, Ordering::Relaxed);
                        spawn_error = Some(error);
                        break;
                    }
                }
            }
            let outcomes: Vec<_> = handles.into_iter().map(|handle| handle.join()).collect();
            (spawn_error, outcomes)
        })
    });
    // ANCHOR_END: wait_detached

    if let Some(error) = spawn_error {
        return Err(error.into()); // an OSError saying why
    }
    for outcome in outcomes {
        // `call_repeatedly` never panics; if it did, pass the panic on.
        outcome.unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
    }
    Ok(calls_made.into_inner())
}

// ANCHOR: attach_in_thread
/// One thread's work. It starts detached, as every thread Rust starts does,
/// and attaches once for all of its calls.
fn call_repeatedly(
    callback: &Py<PyAny>,
    thread_index: usize,
    calls: usize,
    calls_made: &AtomicU64,
    failed: &AtomicBool,
) -> PyResult<()> {
    Python::attach(|py| {
        let callback = callback.bind(py);
        for call_index in 0..calls {
            if failed.load(Ordering::Relaxed) {
                break; // another thread's call raised: stop early
            }
            if let Err(error) = callback.call1((thread_index, call_index)) {
                // Keep the first exception; a later one from another thread
                // is dropped here, while attached.
                let first = !failed.swap(true, Ordering::Relaxed);
                return if first { Err(error) } else { Ok(()) };
            }
            calls_made.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    })
}
// ANCHOR_END: attach_in_thread
// ANCHOR_END: call_from_threads

// ANCHOR: arguments
use crate::args::int_in_range;

/// At most this many threads: enough to show threads waiting for the GIL in
/// turn, few enough that a typo cannot start thousands of them.
pub const MAX_THREADS: usize = 64;
/// At most this many calls per thread (64 million calls in all, with the most
/// threads), so a mistaken argument cannot keep the caller waiting for hours.
pub const MAX_CALLS_PER_THREAD: usize = 1_000_000;

/// `threads` from Python: an `int` from 1 to `MAX_THREADS`.
#[derive(Clone, Copy, Debug)]
pub struct Threads(pub usize);

/// `calls_per_thread` from Python: an `int` from 0 to `MAX_CALLS_PER_THREAD`.
#[derive(Clone, Copy, Debug)]
pub struct CallsPerThread(pub usize);

impl<'py> FromPyObject<'_, 'py> for Threads {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, 'py, PyAny>) -> Result<Self, Self::Error> {
        let threads = int_in_range(obj, "threads", 1, MAX_THREADS as u64)?;
        Ok(Threads(usize::try_from(threads)?))
    }
}

impl<'py> FromPyObject<'_, 'py> for CallsPerThread {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, 'py, PyAny>) -> Result<Self, Self::Error> {
        let calls = int_in_range(obj, "calls_per_thread", 0, MAX_CALLS_PER_THREAD as u64)?;
        Ok(CallsPerThread(usize::try_from(calls)?))
    }
}
// ANCHOR_END: arguments

#[cfg(test)]
mod tests {
    use super::*;
    use pyo3::exceptions::PyValueError;
    use pyo3::types::PyDict;

    #[test]
    fn every_thread_makes_every_call() -> PyResult<()> {
        Python::attach(|py| {
            let globals = PyDict::new(py);
            py.run(
                c"
import threading
seen = set()
lock = threading.Lock()
def record(thread_index, call_index):
    with lock:
        seen.add((thread_index, call_index))
",
                Some(&globals),
                None,
            )?;
            let record = globals.get_item("record")?.expect("defined above");
            let made = call_from_threads(py, &record, Threads(3), CallsPerThread(5))?;
            assert_eq!(made, 15);
            let seen = globals.get_item("seen")?.expect("defined above");
            assert_eq!(seen.len()?, 15);
            Ok(())
        })
    }

    #[test]
    fn the_first_exception_comes_back_and_the_threads_stop() -> PyResult<()> {
        Python::attach(|py| {
            let globals = PyDict::new(py);
            py.run(
                c"
import threading
calls = 0
lock = threading.Lock()
def fail_on_the_tenth(thread_index, call_index):
    global calls
    with lock:
        calls += 1
        if calls == 10:
            raise ValueError('the tenth call fails')
",
                Some(&globals),
                None,
            )?;
            let callback = globals.get_item("fail_on_the_tenth")?.expect("defined");
            let error = call_from_threads(py, &callback, Threads(4), CallsPerThread(100_000))
                .expect_err("the tenth call raises");
            assert!(error.is_instance_of::<PyValueError>(py));
            assert_eq!(error.value(py).to_string(), "the tenth call fails");
            // The other threads stopped early: far fewer than the 400,000
            // calls asked for were made. (Not exactly ten: a thread may lose
            // the GIL between raising and returning to Rust, and the others
            // keep calling for a moment.)
            let calls: u64 = globals.get_item("calls")?.expect("defined").extract()?;
            assert!((10..100_000).contains(&calls), "{calls} calls were made");
            Ok(())
        })
    }
}
