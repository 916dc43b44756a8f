//! Threads that Rust starts, attaching to the interpreter inside this test binary.

use std::thread;

use ch06_attach::{AtomicCounter, PlainCounter};
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// Globals holding the native module as `native`.
fn globals_with_native(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let globals = PyDict::new(py);
    globals.set_item("native", pyo3::wrap_pymodule!(ch06_attach::_native)(py))?;
    Ok(globals)
}

// ANCHOR: attach_from_rust_thread
#[test]
fn a_thread_that_rust_started_attaches_to_run_python() -> PyResult<()> {
    // A new thread is not attached: it has no `Python` token until it asks.
    let answer = thread::spawn(|| {
        Python::attach(|py| -> PyResult<u32> {
            let globals = globals_with_native(py)?;
            py.eval(c"native.count_primes(100)", Some(&globals), None)?
                .extract()
        })
    })
    .join()
    .expect("the thread does not panic")?;
    assert_eq!(answer, 25);
    Ok(())
}
// ANCHOR_END: attach_from_rust_thread

// ANCHOR: frozen_without_attaching
#[test]
fn threads_share_a_frozen_counter_without_attaching() -> PyResult<()> {
    let counter: Py<AtomicCounter> = Python::attach(|py| Py::new(py, AtomicCounter::new(0)))?;
    thread::scope(|scope| {
        for _ in 0..4 {
            // `Py::get` needs no `Python` token: a frozen class is only ever
            // borrowed shared, and this one is `Sync`.
            scope.spawn(|| {
                for _ in 0..1_000 {
                    counter.get().increment(1).expect("far from the maximum");
                }
            });
        }
    });
    assert_eq!(counter.get().value(), 4_000);
    Ok(())
}
// ANCHOR_END: frozen_without_attaching

#[test]
fn python_code_calls_back_from_rust_threads() -> PyResult<()> {
    Python::attach(|py| {
        let globals = globals_with_native(py)?;
        py.run(
            c"
import threading
lock = threading.Lock()
seen = []
def record(thread_index, call_index):
    with lock:
        seen.append((thread_index, call_index, threading.get_ident()))
assert native.call_from_threads(record, 3, 4) == 12
assert sorted((t, c) for t, c, _ in seen) == [(t, c) for t in range(3) for c in range(4)]
assert threading.get_ident() not in {ident for _, _, ident in seen}
",
            Some(&globals),
            None,
        )
    })
}

#[test]
fn a_second_mut_borrow_is_a_runtime_error_naming_the_problem() -> PyResult<()> {
    Python::attach(|py| {
        let counter = Bound::new(py, PlainCounter::new(0))?;
        let globals = globals_with_native(py)?;
        globals.set_item("counter", &counter)?;
        py.run(
            c"
errors = []
def meanwhile(value):
    try:
        counter.increment()
    except RuntimeError as error:
        errors.append(str(error))
counter.increment_and_call(meanwhile)
assert errors == ['Already borrowed'], errors
",
            Some(&globals),
            None,
        )?;
        // From Rust, the same rule: one `&mut` borrow at a time.
        let guard = counter.borrow_mut();
        let error = counter.try_borrow_mut().expect_err("already borrowed");
        assert_eq!(error.to_string(), "Already borrowed");
        drop(guard);
        assert_eq!(counter.borrow().value(), 1);
        Ok(())
    })
}

#[test]
fn the_fixed_deadlock_demo_finishes_from_python_too() -> PyResult<()> {
    Python::attach(|py| {
        let globals = globals_with_native(py)?;
        let written: usize = py
            .eval(c"native._deadlock_demo(True)", Some(&globals), None)?
            .extract()?;
        assert_eq!(written, 1);
        Ok(())
    })
}
