//! `EventBus`: Python callbacks stored in a Rust struct, and called later.

use pyo3::PyTraverseError;
use pyo3::exceptions::PyTypeError;
use pyo3::gc::PyVisit;
use pyo3::prelude::*;
use pyo3::types::{PyInt, PyTuple};

// ANCHOR: struct
/// Calls every subscribed callback, in the order they subscribed, with the
/// arguments given to `emit`.
#[pyclass(module = "ch05_ownership")]
#[derive(Default)]
pub struct EventBus {
    subscribers: Vec<Subscriber>,
    next_token: u64,
}

/// One subscription. `Py<PyAny>` is an owned reference to a Python object:
/// it has no lifetime, so it can live in a struct for as long as the struct.
struct Subscriber {
    token: u64,
    callback: Py<PyAny>,
}
// ANCHOR_END: struct

#[pymethods]
impl EventBus {
    #[new]
    pub fn new() -> Self {
        Self::default()
    }

    // ANCHOR: subscribe
    /// Call `callback(*args)` on every `emit`, until `unsubscribe(token)`.
    pub fn subscribe(&mut self, callback: Bound<'_, PyAny>) -> PyResult<u64> {
        if !callback.is_callable() {
            return Err(PyTypeError::new_err(format!(
                "subscribe() needs something to call, such as a function or a lambda; \
                 got {}",
                callback.get_type().name()?
            )));
        }
        self.next_token += 1;
        // `Bound` -> `Py`: keep the reference, drop the tie to this attach window.
        let callback = callback.unbind();
        self.subscribers.push(Subscriber {
            token: self.next_token,
            callback,
        });
        Ok(self.next_token)
    }
    // ANCHOR_END: subscribe

    // ANCHOR: unsubscribe
    /// Stop calling the callback that `subscribe` returned `token` for.
    /// `False` when there is no such subscription (any more).
    pub fn unsubscribe(&mut self, token: &Bound<'_, PyInt>) -> bool {
        // A token is any int; one too large for a u64 was never handed out.
        let Ok(token) = token.extract::<u64>() else {
            return false;
        };
        let before = self.subscribers.len();
        // Dropping a `Subscriber` drops its `Py`, which gives the reference back.
        self.subscribers
            .retain(|subscriber| subscriber.token != token);
        self.subscribers.len() != before
    }
    // ANCHOR_END: unsubscribe

    // ANCHOR: emit
    /// Call every callback with `args`; return how many were called. The first
    /// exception a callback raises stops the loop and propagates as it is.
    #[pyo3(signature = (*args))]
    pub fn emit(slf: &Bound<'_, Self>, args: &Bound<'_, PyTuple>) -> PyResult<usize> {
        let py = slf.py();
        // Take a snapshot of the callbacks first, and let go of the bus: a
        // callback may subscribe or unsubscribe while we are calling, and it
        // must find the bus free. `clone_ref` adds a reference, so each
        // callback stays alive even if it is unsubscribed in the meantime.
        let callbacks: Vec<Py<PyAny>> = slf
            .try_borrow()? // RuntimeError, not a panic, if the bus is being changed
            .subscribers
            .iter()
            .map(|subscriber| subscriber.callback.clone_ref(py))
            .collect();
        for callback in &callbacks {
            // `Py` -> `Bound`: tie the stored reference to this attach window
            // (no reference is added), then call it.
            callback.bind(py).call1(args)?;
        }
        Ok(callbacks.len())
    }
    // ANCHOR_END: emit

    pub fn __len__(&self) -> usize {
        self.subscribers.len()
    }

    fn __repr__(&self) -> String {
        format!("<EventBus with {} subscriber(s)>", self.subscribers.len())
    }

    // ANCHOR: gc
    /// Tell Python's garbage collector about every object this bus holds, so
    /// that it can find reference cycles that pass through it.
    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        for subscriber in &self.subscribers {
            visit.call(&subscriber.callback)?;
        }
        Ok(())
    }

    /// Break a cycle the collector found: let go of every callback.
    fn __clear__(&mut self) {
        self.subscribers.clear();
    }
    // ANCHOR_END: gc
}
