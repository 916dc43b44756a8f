//! `Worker`: keeps a task callback, calls it, and retries as it asks.
//!
//! Three ideas of the chapters before meet here: the callback is stored as
//! an owned `Py<PyAny>` and bound to an attach window on each use (chapter
//! 5); the wait before a retry happens with the interpreter detached
//! (chapter 6); and what goes wrong inside the callback becomes data, a
//! failed `Report`, instead of an exception (chapter 7).

use pyo3::PyTraverseError;
use pyo3::gc::PyVisit;

use crate::outcome::type_name;

// ANCHOR: max_tries
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyInt};

/// The most calls `Worker.run` makes for one task.
pub const MAX_TRIES: u32 = 100;

/// A `max_tries` from Python: an int from 1 to `MAX_TRIES`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MaxTries(pub u32);

impl MaxTries {
    pub const DEFAULT: MaxTries = MaxTries(3);
}

impl<'py> FromPyObject<'_, 'py> for MaxTries {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, 'py, PyAny>) -> Result<Self, Self::Error> {
        // `True` is an int to Python, but never a number of tries.
        if !obj.is_instance_of::<PyInt>() || obj.is_instance_of::<PyBool>() {
            let kind = obj.get_type().name()?;
            return Err(PyTypeError::new_err(format!(
                "max_tries must be an int, not {kind}"
            )));
        }
        match obj.extract::<u32>() {
            Ok(tries @ 1..=MAX_TRIES) => Ok(MaxTries(tries)),
            // 0, a negative number, or more than MAX_TRIES.
            _ => Err(PyValueError::new_err(format!(
                "max_tries must be from 1 to {MAX_TRIES}, got {}",
                obj.repr()?
            ))),
        }
    }
}
// ANCHOR_END: max_tries

// ANCHOR: worker
use pyo3::types::{PyBytes, PyString};

use crate::execute::execute;
use crate::outcome::Outcome;
use crate::report::{Ending, Report};

/// Runs tasks by calling a Python function, `callback(task_id, payload,
/// tries)`, and reading the outcome it returns. A task is tried at most
/// `max_tries` times.
#[pyclass(
    // Nothing in a Worker changes after `Worker(...)`: two threads may call
    // `run` at once, and a callback may call `run` again.
    frozen,
    module = "ch08_callbacks"
)]
pub struct Worker {
    /// An owned reference: it outlives every attach window, and is bound to
    /// the current one on each call (chapter 5).
    callback: Py<PyAny>,
    max_tries: u32,
}
// ANCHOR_END: worker

#[pymethods]
impl Worker {
    // ANCHOR: worker_new
    #[new]
    #[pyo3(
        signature = (callback, *, max_tries = MaxTries::DEFAULT),
        // What `help(Worker)` shows; PyO3 would write `max_tries=...` for a
        // default that is Rust code.
        text_signature = "(callback, *, max_tries=3)"
    )]
    pub fn new(callback: Bound<'_, PyAny>, max_tries: MaxTries) -> PyResult<Self> {
        if !callback.is_callable() {
            return Err(PyTypeError::new_err(format!(
                "Worker() needs a function to call as callback(task_id, payload, tries), \
                 not {}",
                type_name(&callback)
            )));
        }
        Ok(Self {
            callback: callback.unbind(),
            max_tries: max_tries.0,
        })
    }
    // ANCHOR_END: worker_new

    /// The most calls `run` makes for one task.
    #[getter]
    pub fn max_tries(&self) -> u32 {
        self.max_tries
    }

    // ANCHOR: retry_loop
    /// Run one task: call the callback until it succeeds, fails, or has been
    /// called `max_tries` times, and report how it ended.
    ///
    /// `task_id` and `payload` reach the callback as the very objects passed
    /// in. As `&str` and `&[u8]` they would be borrowed without a copy, but
    /// calling the callback with those would build a new `str` and a new
    /// `bytes`, copying both. As `Bound<PyString>` and `Bound<PyBytes>`,
    /// the call only adds a reference to each.
    pub fn run(
        &self,
        py: Python<'_>,
        task_id: &Bound<'_, PyString>,
        payload: &Bound<'_, PyBytes>,
    ) -> PyResult<Report> {
        for tries in 1..=self.max_tries {
            // `?`: only a BaseException that is not an Exception leaves here.
            let after = match execute(py, &self.callback, task_id, payload, tries)? {
                Outcome::Success(data) => return Ok(Report::new(Ending::Success(data), tries)),
                Outcome::Failure(error) => return Ok(Report::new(Ending::Failed(error), tries)),
                Outcome::Retry { after } => after,
            };
            // No wait after the last try: no call would follow it.
            if tries < self.max_tries && !after.is_zero() {
                wait_detached(py, after)?;
            }
        }
        let error = format!(
            "ran out of tries (max_tries={}): every try asked to retry",
            self.max_tries
        );
        Ok(Report::new(Ending::Failed(error), self.max_tries))
    }
    // ANCHOR_END: retry_loop

    // ANCHOR: run_many
    /// Run several tasks, one after another, and return their reports in
    /// order. Every item is checked before the first task runs: a malformed
    /// one is a TypeError that names it, and then no task has run.
    pub fn run_many(&self, tasks: &Bound<'_, PyAny>) -> PyResult<Vec<Report>> {
        let py = tasks.py();
        // Any sequence but a str; only the type of the container is reworded.
        let items: Vec<Bound<'_, PyAny>> = tasks.extract().map_err(|error: PyErr| {
            if !error.is_instance_of::<PyTypeError>(py) {
                return error;
            }
            PyTypeError::new_err(format!(
                "run_many() takes a list of (task_id, payload) tuples, not {}",
                type_name(tasks)
            ))
        })?;
        let tasks = items
            .iter()
            .enumerate()
            .map(|(index, item)| task_at(index, item))
            .collect::<PyResult<Vec<_>>>()?;
        tasks
            .iter()
            .map(|(task_id, payload)| self.run(py, task_id, payload))
            .collect()
    }
    // ANCHOR_END: run_many

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let callback = self.callback.bind(py).repr()?;
        Ok(format!("Worker({callback}, max_tries={})", self.max_tries))
    }

    // ANCHOR: traverse
    /// A callback may refer back to its worker (a method of an object that
    /// holds the worker, say): tell the garbage collector about it. Nothing
    /// but `visit` here: no Python code, no locks, no allocation.
    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        visit.call(&self.callback)
    }
    // ANCHOR_END: traverse
}

// ANCHOR: task_at
use pyo3::types::PyTuple;

/// Item `index` of `run_many`'s tasks, checked: a `(str, bytes)` tuple.
fn task_at<'py>(
    index: usize,
    item: &Bound<'py, PyAny>,
) -> PyResult<(Bound<'py, PyString>, Bound<'py, PyBytes>)> {
    let refuse = |problem: String| PyTypeError::new_err(format!("tasks[{index}] {problem}"));
    let Ok(pair) = item.cast::<PyTuple>() else {
        let kind = type_name(item);
        return Err(refuse(format!(
            "must be a (task_id, payload) tuple, not {kind}"
        )));
    };
    let Ok((task_id, payload)) = pair.extract::<(Bound<'py, PyAny>, Bound<'py, PyAny>)>() else {
        let len = pair.len();
        return Err(refuse(format!(
            "must be a tuple of 2 items (task_id, payload), not {len}"
        )));
    };
    let Ok(task_id) = task_id.cast::<PyString>() else {
        let kind = type_name(&task_id);
        return Err(refuse(format!("has a task_id that is {kind}, not str")));
    };
    let Ok(payload) = payload.cast::<PyBytes>() else {
        let kind = type_name(&payload);
        return Err(refuse(format!("has a payload that is {kind}, not bytes")));
    };
    Ok((task_id.clone(), payload.clone()))
}
// ANCHOR_END: task_at

// ANCHOR: wait_detached
use std::time::{Duration, Instant};

/// How long one slice of a retry wait lasts: Ctrl-C is seen within this.
const SIGNAL_SLICE: Duration = Duration::from_millis(50);

/// Sleep for `wait` with the interpreter detached, in short slices, and let
/// Python run its signal handlers between them. On the main thread, Ctrl-C
/// during the wait raises `KeyboardInterrupt` within a slice, not when the
/// wait ends. On any other thread `check_signals` does nothing (CPython runs
/// signal handlers on the main thread only), and the wait runs to its end.
fn wait_detached(py: Python<'_>, wait: Duration) -> PyResult<()> {
    let deadline = Instant::now() + wait;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(());
        }
        // Other Python threads run while this one sleeps.
        py.detach(|| std::thread::sleep(left.min(SIGNAL_SLICE)));
        py.check_signals()?;
    }
}
// ANCHOR_END: wait_detached
