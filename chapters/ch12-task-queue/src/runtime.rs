//! The tokio runtime this module owns, the bridge that hands its results to
//! asyncio, and an end for both at interpreter exit.
//!
//! Chapter 9 used pyo3-async-runtimes, which keeps its runtime in a static
//! for the life of the process. That is fine for a program, not for a library
//! whose processes start and exit by the thousand: when a tokio thread hands a
//! result to asyncio, it attaches to the interpreter, and if the interpreter
//! begins to finalize while that thread is half-way (it lets go of the
//! interpreter while it wakes the event loop), the process crashes at exit
//! (`PyGILState_Release`; pyo3-async-runtimes issue 40; the capstone's
//! producer test saw it). So this module keeps its own runtime, and the
//! package's exit hook calls `stop_everything`: stop the background loops,
//! then shut the runtime down, which joins every one of its threads, while
//! this thread is detached so that they can finish what they were doing.

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, Mutex, PoisonError};
use std::time::{Duration, Instant};

use pyo3::IntoPyObjectExt;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyCFunction;
use tokio::runtime::{Builder, Handle, Runtime};
use tokio::sync::watch;
use tokio::task::{AbortHandle, JoinHandle};

static STOP: LazyLock<watch::Sender<bool>> = LazyLock::new(|| watch::Sender::new(false));
static LIVE: AtomicUsize = AtomicUsize::new(0);
static RUNTIME: Mutex<Option<Runtime>> = Mutex::new(None);
static HANDLE: LazyLock<Option<Handle>> = LazyLock::new(|| {
    let runtime = Builder::new_multi_thread()
        .enable_all()
        .thread_name("ch12-tokio")
        .build()
        .ok()?;
    let handle = runtime.handle().clone();
    *RUNTIME.lock().unwrap_or_else(PoisonError::into_inner) = Some(runtime);
    Some(handle)
});

/// The runtime's handle: spawn on it, or `enter()` it. Fails after shutdown
/// (or if the operating system refused the runtime its threads).
pub fn handle() -> Result<&'static Handle, String> {
    if is_stopping() {
        return Err("the interpreter is shutting down".to_owned());
    }
    HANDLE
        .as_ref()
        .ok_or_else(|| "the tokio runtime could not start its threads".to_owned())
}

/// Counts one live task or future for as long as it exists.
pub struct Live(());

impl Live {
    pub fn new() -> Self {
        LIVE.fetch_add(1, Ordering::SeqCst);
        Live(())
    }
}

impl Default for Live {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        LIVE.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Resolves when the process is shutting down.
pub async fn stopping() {
    let mut stop = STOP.subscribe();
    // An error means the sender is gone, which never happens to a static.
    let _ = stop.wait_for(|stopping| *stopping).await;
}

pub fn is_stopping() -> bool {
    *STOP.borrow()
}

/// Spawn a background loop that ends when the process shuts down.
pub fn spawn<F>(future: F) -> Result<JoinHandle<()>, String>
where
    F: Future<Output = ()> + Send + 'static,
{
    let live = Live::new();
    let task = async move {
        let _live = live;
        tokio::select! {
            () = future => {}
            () = stopping() => {}
        }
    };
    handle().map(|handle| handle.spawn(task))
}

// ANCHOR: awaitable
/// Run `future` on the runtime and return an asyncio future of its output,
/// created on the caller's running event loop. Cancelling the asyncio future
/// aborts the Rust one at its next `.await`.
pub fn awaitable<'py, F, T>(py: Python<'py>, future: F) -> PyResult<Bound<'py, PyAny>>
where
    F: Future<Output = PyResult<T>> + Send + 'static,
    T: for<'a> IntoPyObject<'a> + Send + 'static,
{
    let handle = handle().map_err(PyRuntimeError::new_err)?;
    let event_loop = get_running_loop(py)?.call0()?;
    let asyncio_future = event_loop.call_method0("create_future")?;
    let (event_loop_ref, future_ref) = (event_loop.unbind(), asyncio_future.clone().unbind());
    let live = Live::new();
    let task = handle.spawn(async move {
        let output = future.await;
        // Attaching may wait for the interpreter: do it on a blocking
        // thread, never on one of the runtime's workers (they renew leases).
        let delivered = tokio::task::spawn_blocking(move || {
            Python::attach(|py| deliver(py, &event_loop_ref, &future_ref, output));
        });
        let _ = delivered.await;
        drop(live);
    });
    let abort = Abort(task.abort_handle());
    asyncio_future.call_method1("add_done_callback", (abort,))?;
    Ok(asyncio_future)
}

/// Hand `output` to the event loop's thread, which sets it on the future
/// unless the future was cancelled meanwhile.
fn deliver<T>(py: Python<'_>, event_loop: &Py<PyAny>, future: &Py<PyAny>, output: PyResult<T>)
where
    T: for<'a> IntoPyObject<'a>,
{
    let outcome = output.and_then(|value| value.into_py_any(py));
    let (setter, value) = match outcome {
        Ok(value) => ("set_result", value),
        Err(error) => ("set_exception", error.into_value(py).into_any()),
    };
    let Ok(settle) = settle_function(py) else {
        return;
    };
    // A loop that closed meanwhile refuses with RuntimeError: nobody awaits
    // the future any more, so there is nothing to tell.
    let _ = event_loop
        .bind(py)
        .call_method1("call_soon_threadsafe", (settle, future, setter, value));
}
// ANCHOR_END: awaitable

fn get_running_loop(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    static GET_RUNNING_LOOP: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    GET_RUNNING_LOOP.import(py, "asyncio", "get_running_loop")
}

/// `settle(future, "set_result" | "set_exception", value)`, run on the loop's
/// thread: does nothing to a future that is already done (cancelled).
fn settle_function(py: Python<'_>) -> PyResult<&Bound<'_, PyCFunction>> {
    static SETTLE: PyOnceLock<Py<PyCFunction>> = PyOnceLock::new();
    SETTLE
        .get_or_try_init(py, || {
            PyCFunction::new_closure(py, None, None, |args, _kwargs| -> PyResult<()> {
                let (future, setter, value): (Bound<'_, PyAny>, String, Bound<'_, PyAny>) =
                    args.extract()?;
                if !future.call_method0("done")?.is_truthy()? {
                    future.call_method1(setter.as_str(), (value,))?;
                }
                Ok(())
            })
            .map(Bound::unbind)
        })
        .map(|settle| settle.bind(py))
}

/// The done-callback of an asyncio future made by `awaitable`: if the future
/// was cancelled, abort the Rust task behind it.
#[pyclass(frozen, module = "ch12_task_queue._native")]
struct Abort(AbortHandle);

#[pymethods]
impl Abort {
    fn __call__(&self, future: &Bound<'_, PyAny>) -> PyResult<()> {
        if future.call_method0("cancelled")?.is_truthy()? {
            self.0.abort();
        }
        Ok(())
    }
}

// ANCHOR: stop_everything
/// Stop every background loop, wait up to `patience` for them and for every
/// pending awaitable to end, then shut the runtime down, joining its threads.
/// Call it detached: threads that are waiting to attach must be able to.
/// Returns whether everything ended in time.
pub fn stop_everything(patience: Duration) -> bool {
    STOP.send_replace(true);
    let deadline = Instant::now() + patience;
    while LIVE.load(Ordering::SeqCst) > 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(2));
    }
    let all_ended = LIVE.load(Ordering::SeqCst) == 0;
    let runtime = RUNTIME
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    if let Some(runtime) = runtime {
        runtime.shutdown_timeout(deadline.saturating_duration_since(Instant::now()));
    }
    all_ended
}
// ANCHOR_END: stop_everything

pub fn live() -> usize {
    LIVE.load(Ordering::SeqCst)
}
