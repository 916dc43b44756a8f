//! The fix for each program in tests/ui/: where a `Bound` cannot go, a `Py` can.

use pyo3::prelude::*;
use pyo3::types::PyList;

// ANCHOR: outlives_attach
#[test]
fn unbind_keeps_an_object_after_the_attach_window_closes() -> PyResult<()> {
    // `unbind()` turns the `Bound<'py, PyList>` into a `Py<PyList>`, which
    // has no lifetime and may leave the closure.
    let list: Py<PyList> = Python::attach(|py| PyList::empty(py).unbind());
    // To use it, attach again and `bind` it to the new window.
    Python::attach(|py| {
        list.bind(py).append("still here")?;
        assert_eq!(list.bind(py).len(), 1);
        Ok(())
    })
}
// ANCHOR_END: outlives_attach

// ANCHOR: into_thread
#[test]
fn a_py_can_move_to_another_thread_and_be_bound_there() -> PyResult<()> {
    let list: Py<PyList> = Python::attach(|py| PyList::new(py, [1, 2, 3]).map(Bound::unbind))?;
    // `Py<T>` is `Send`: the thread takes ownership of the reference...
    let worker = std::thread::spawn(move || {
        // ...and attaches for itself before touching the list.
        Python::attach(|py| list.bind(py).len())
    });
    assert_eq!(worker.join().expect("the worker thread does not panic"), 3);
    Ok(())
}
// ANCHOR_END: into_thread
