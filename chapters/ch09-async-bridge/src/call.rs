//! Awaiting one call from Rust, and cancelling its Python task when the Rust
//! future awaiting it is dropped.

// ANCHOR: cancel_on_drop
use std::future::Future;

use pyo3::prelude::*;
use pyo3_async_runtimes::TaskLocals;

use crate::flight::{Flight, Stage, call_in_flight};

/// Cancels the Python task of a call when the Rust future awaiting it is
/// dropped before the call is over: because another call failed, or because
/// whoever awaits `map_async` was cancelled.
struct CancelOnDrop {
    flight: Py<Flight>,
    event_loop: Py<PyAny>,
    over: bool,
}

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        if self.over {
            return; // nothing to cancel, and no need to attach
        }
        Python::attach(|py| {
            // A call that has not begun never will; a running one is cancelled.
            if let Stage::Running(task) = self.flight.get().set(Stage::Over) {
                // Only the loop's own thread may touch its tasks: ask it to.
                // A loop that is closed already has nothing left to cancel.
                let cancel = task.bind(py).getattr("cancel");
                if let Ok(cancel) = cancel {
                    let _ = self
                        .event_loop
                        .bind(py)
                        .call_method1("call_soon_threadsafe", (cancel,));
                }
            }
        });
    }
}
// ANCHOR_END: cancel_on_drop

// ANCHOR: call_one
/// Schedule `func(item)` as a task on the loop of `locals`, in its context,
/// now; the returned future resolves to its result. Calls scheduled one after
/// another from one thread start on the loop in that order.
pub(crate) fn start_call(
    locals: &TaskLocals,
    func: &Py<PyAny>,
    item: Py<PyAny>,
) -> PyResult<impl Future<Output = PyResult<Py<PyAny>>> + Send + 'static> {
    let (call, guard) = Python::attach(|py| -> PyResult<_> {
        let flight = Bound::new(py, Flight::default())?;
        // Making the coroutine runs none of its code.
        let coroutine = call_in_flight(py)?.call1((&flight, func.bind(py), item))?;
        let guard = CancelOnDrop {
            flight: flight.unbind(),
            event_loop: locals.event_loop(py).unbind(),
            over: false,
        };
        // Schedules `ensure_future(coroutine)` on the loop of `locals`, in
        // their context; the Rust future resolves when that task is done.
        match pyo3_async_runtimes::into_future_with_locals(locals, coroutine.clone()) {
            Ok(call) => Ok((call, guard)),
            Err(error) => {
                // A closed loop: close the coroutine, or Python warns that
                // it was never awaited.
                coroutine.call_method0("close")?;
                Err(error)
            }
        }
    })?;
    Ok(async move {
        // The whole guard moves in (a closure that only wrote `guard.over`
        // would capture just that field, and drop the guard right here).
        let mut guard = guard;
        let result = call.await;
        guard.over = true;
        result
    })
}
// ANCHOR_END: call_one
