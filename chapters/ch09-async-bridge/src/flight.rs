//! One call of `map_async`, seen from both sides of the bridge: the `Flight`
//! that the Python task and the Rust future share, and the coroutine that
//! runs the call on the caller's loop.

// ANCHOR: flight
use std::ffi::CStr;
use std::mem;
use std::sync::{Mutex, PoisonError};

use pyo3::PyTraverseError;
use pyo3::gc::PyVisit;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyModule;

/// Where one call stands, as seen from both sides of the bridge.
#[derive(Default)]
pub(crate) enum Stage {
    /// Rust has scheduled the call on the loop; its task has not begun.
    #[default]
    Scheduled,
    /// The task is running `func(item)`: this is the task to cancel.
    Running(Py<PyAny>),
    /// The task ended, or Rust gave up on it before it began.
    Over,
}

/// Shared by the Rust future awaiting one call and the Python task running
/// it. Dropping a Rust future made by `into_future_with_locals` does not
/// cancel the Python task it awaits: this is how the Rust side finds the task
/// to cancel, and how a call that has not begun learns that it never will.
#[pyclass(frozen, module = "ch09_async_bridge")]
#[derive(Default)]
pub struct Flight {
    stage: Mutex<Stage>,
}

impl Flight {
    /// Swap in a new stage, returning the old one. Its task, if any, is
    /// dropped by the caller, after the lock is released.
    pub(crate) fn set(&self, stage: Stage) -> Stage {
        mem::replace(
            &mut *self.stage.lock().unwrap_or_else(PoisonError::into_inner),
            stage,
        )
    }
}

#[pymethods]
impl Flight {
    /// Called by the task, on the loop's thread, before it calls `func`:
    /// whether it may. False when Rust gave up on the call already.
    fn begin(&self, task: Py<PyAny>) -> bool {
        let mut stage = self.stage.lock().unwrap_or_else(PoisonError::into_inner);
        if matches!(*stage, Stage::Scheduled) {
            *stage = Stage::Running(task);
            return true;
        }
        false
    }

    /// Called by the task when `func(item)` is over, however it ended.
    fn end(&self) {
        drop(self.set(Stage::Over));
    }

    /// The running task's coroutine holds this flight, and this flight holds
    /// the task: a cycle. Tell the collector about the task, without ever
    /// waiting for the lock: the collector can run while another thread holds
    /// it. A stage that cannot be read at that moment is skipped, and an edge
    /// the collector does not see only keeps objects alive a while longer.
    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        if let Ok(stage) = self.stage.try_lock()
            && let Stage::Running(task) = &*stage
        {
            visit.call(task)?;
        }
        Ok(())
    }

    /// Break the cycle: the flight is over, and lets go of its task.
    fn __clear__(&self) {
        drop(self.set(Stage::Over));
    }
}

/// The coroutine that runs one call on the caller's loop. It tells the
/// `Flight` which task runs it, so that Rust can cancel that task.
const CALL_IN_FLIGHT: &CStr = c"
import asyncio

async def call_in_flight(flight, func, item):
    if not flight.begin(asyncio.current_task()):
        raise asyncio.CancelledError('map_async stopped before this call began')
    try:
        return await func(item)
    finally:
        flight.end()
";

static CALL: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

pub(crate) fn call_in_flight(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    CALL.get_or_try_init(py, || {
        let module = PyModule::from_code(
            py,
            CALL_IN_FLIGHT,
            c"ch09_async_bridge/_call_in_flight.py",
            c"ch09_async_bridge._call_in_flight",
        )?;
        Ok::<_, PyErr>(module.getattr("call_in_flight")?.unbind())
    })
    .map(|function| function.bind(py))
}
// ANCHOR_END: flight

#[cfg(test)]
mod tests {
    use pyo3::prelude::*;
    use pyo3::types::PyDict;

    use super::Flight;

    #[test]
    fn a_cycle_through_a_running_flight_is_collected() -> PyResult<()> {
        Python::attach(|py| {
            // `Task` stands in for the asyncio task, whose coroutine holds
            // the flight while the call runs.
            let scope = PyDict::new(py);
            py.run(c"class Task: pass", None, Some(&scope))?;
            let task = scope.get_item("Task")?.expect("defined above").call0()?;
            let flight = Bound::new(py, Flight::default())?;
            task.setattr("flight", &flight)?;
            assert!(flight.call_method1("begin", (&task,))?.extract::<bool>()?);

            let alive = py.import("weakref")?.getattr("ref")?.call1((&task,))?;
            drop((flight, task));
            py.import("gc")?.call_method0("collect")?;
            assert!(alive.call0()?.is_none(), "the cycle survived gc.collect()");
            Ok(())
        })
    }
}
