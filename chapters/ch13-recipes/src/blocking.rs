//! Recipe: blocking work and asyncio.
//!
//! Detaching from the interpreter lets other *threads* run. An asyncio event
//! loop is one thread: a synchronous Rust function called from a coroutine
//! holds that thread until it returns, detached or not, and every other task
//! on the loop waits. Three ways to call the same blocking wait:
//!
//! - `blocking_wait`: synchronous and detached; it blocks the loop;
//! - `bridged_wait`: an awaitable from pyo3-async-runtimes, whose Rust future
//!   runs on tokio and sends the wait to tokio's blocking pool;
//! - `coroutine_wait`: PyO3's own `async fn` (the `experimental-async`
//!   feature), driven by asyncio itself, which hands the wait to the same
//!   pool through the runtime's handle.
//!
//! And two things a PyO3 `async fn` cannot do: block inside its body without
//! blocking the loop (`coroutine_wait_inline`), and use tokio's ambient
//! functions, which need a runtime the asyncio thread does not have
//! (`coroutine_wait_without_runtime`).
//!
//! Both awaitables wake asyncio from a tokio thread, which must be done with
//! the interpreter before it shuts down: the first of them registers an exit
//! hook that waits for that (`settle_before_exit`).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use tokio::runtime::Runtime;
use tokio::sync::oneshot;

use crate::ctrl_c::int_in_range;

/// The longest wait accepted, in milliseconds: a minute.
pub const MAX_MS: u64 = 60_000;

// ANCHOR: millis
/// A wait in milliseconds, 0 to 60,000.
///
/// The arguments of an `async fn` must be `Send + 'static` (they live in the
/// coroutine), so no `Bound` here: a small type of our own, which PyO3
/// extracts with this check. It does so when a plain function is called,
/// but for an `async fn` only when the coroutine first runs: a bad argument
/// raises at the `await`, not at the call.
#[derive(Clone, Copy, Debug)]
pub struct Millis(pub u64);

impl<'a, 'py> FromPyObject<'a, 'py> for Millis {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        int_in_range(&obj, "ms", 0, MAX_MS).map(Millis)
    }
}

impl Millis {
    fn duration(self) -> Duration {
        Duration::from_millis(self.0)
    }
}
// ANCHOR_END: millis

// ANCHOR: blocking
/// Stands in for any blocking call (a database driver, a C library that
/// reads a socket): it waits `ms` milliseconds, detached. Other threads run
/// meanwhile; the event loop that called it does not.
#[pyfunction]
pub fn blocking_wait(py: Python<'_>, ms: Millis) {
    py.detach(|| thread::sleep(ms.duration()));
}
// ANCHOR_END: blocking

// ANCHOR: bridged
/// The same wait, as an awaitable: pyo3-async-runtimes runs the Rust future
/// on its tokio runtime, and the future runs the wait on tokio's blocking
/// pool. The event loop is free until the result arrives.
#[pyfunction]
pub fn bridged_wait(py: Python<'_>, ms: Millis) -> PyResult<Bound<'_, PyAny>> {
    tokio_runtime(py)?;
    let flight = InFlight::start();
    pyo3_async_runtimes::tokio::future_into_py(py, async move {
        let _flight = flight; // ends with this future, however it ends
        // On tokio's runtime here, so tokio's ambient functions work.
        tokio::task::spawn_blocking(move || thread::sleep(ms.duration()))
            .await
            .map_err(|error| PyRuntimeError::new_err(format!("the wait failed: {error}")))?;
        // Not `Ok(())`: a `()` would reach Python as an empty tuple.
        Ok(None::<Py<PyAny>>)
    })
}
// ANCHOR_END: bridged

// ANCHOR: coroutine
/// The same wait, as PyO3's own coroutine: asyncio drives it, with no bridge.
/// Its body runs on the event loop's thread, attached, each time the loop
/// polls it. The wait itself runs on tokio's blocking pool, reached through
/// the runtime's handle; a oneshot channel brings the news back.
#[pyfunction]
pub async fn coroutine_wait(ms: Millis) -> PyResult<()> {
    let runtime = Python::attach(tokio_runtime)?;
    let flight = InFlight::start();
    let (done, finished) = oneshot::channel();
    runtime.spawn_blocking(move || {
        thread::sleep(ms.duration());
        // Wakes the coroutine: PyO3's waker attaches to the interpreter, on
        // this thread, to call the loop's `call_soon_threadsafe`. Nothing to
        // wake if the coroutine was cancelled meanwhile.
        let _ = done.send(());
        drop(flight); // only now is this thread done with Python
    });
    finished
        .await
        .map_err(|_| PyRuntimeError::new_err("the wait failed: its thread panicked"))
}
// ANCHOR_END: coroutine

// ANCHOR: cannot
/// What a PyO3 coroutine cannot do, 1: block in its body. The body runs on
/// the event loop's thread, attached, so this blocks the loop (and, being
/// attached, every other Python thread that needs the interpreter) exactly
/// as `blocking_wait` does.
#[pyfunction]
pub async fn coroutine_wait_inline(ms: Millis) {
    thread::sleep(ms.duration());
}

/// What a PyO3 coroutine cannot do, 2: call tokio's ambient functions.
/// `tokio::task::spawn_blocking` looks for the runtime of the current
/// thread, and the asyncio thread has none: it panics, and the coroutine
/// raises `pyo3_runtime.PanicException`.
#[pyfunction]
pub async fn coroutine_wait_without_runtime(ms: Millis) -> PyResult<()> {
    tokio::task::spawn_blocking(move || thread::sleep(ms.duration()))
        .await
        .map_err(|error| PyRuntimeError::new_err(format!("the wait failed: {error}")))
}
// ANCHOR_END: cannot

// ANCHOR: exit
/// Waits handed to tokio whose thread may still touch the interpreter.
static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);

/// Counts one wait in flight for as long as it exists.
struct InFlight(());

impl InFlight {
    fn start() -> Self {
        IN_FLIGHT.fetch_add(1, Ordering::SeqCst);
        InFlight(())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
    }
}

static EXIT_HOOK: PyOnceLock<()> = PyOnceLock::new();

/// pyo3-async-runtimes' tokio runtime (built on first use), after making
/// sure that an exit hook will let tokio's threads finish with Python.
///
/// Both awaitables wake asyncio from a tokio thread, which attaches to the
/// interpreter to do it. A script that exits right after its last await can
/// begin shutting the interpreter down while such a thread is still
/// attaching or detaching, and the process dies (a segfault or an abort).
fn tokio_runtime(py: Python<'_>) -> PyResult<&'static Runtime> {
    EXIT_HOOK.get_or_try_init(py, || -> PyResult<()> {
        let hook = wrap_pyfunction!(settle_before_exit, py)?;
        py.import("atexit")?.call_method1("register", (hook,))?;
        Ok(())
    })?;
    Ok(pyo3_async_runtimes::tokio::get_runtime())
}

/// Run by `atexit`, before the interpreter shuts down: wait, detached, for
/// the waits in flight (a second at most), then a little longer for
/// pyo3-async-runtimes, which delivers a result from a thread of its own
/// after the Rust future has ended.
#[pyfunction]
fn settle_before_exit(py: Python<'_>) {
    py.detach(|| {
        let deadline = Instant::now() + Duration::from_secs(1);
        while IN_FLIGHT.load(Ordering::SeqCst) > 0 && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(1));
        }
        thread::sleep(Duration::from_millis(50));
    });
}
// ANCHOR_END: exit
