//! Recipe: logging from Rust into Python's `logging`.
//!
//! Rust code logs with the `log` crate's macros (`info!`, `debug!`...), as it
//! would anywhere. `pyo3-log` is the logger those macros talk to: it hands
//! each record to `logging.getLogger(target)`, where the target is the Rust
//! module path with `::` turned into `.`. So `ch13_recipes::logging::rows`
//! logs to the Python logger `ch13_recipes.logging.rows`, and whatever
//! handlers, levels and filters the application set up in Python apply.
//!
//! - `install`: called once from the module's `#[pymodule_init]`.
//! - `import_rows`: logs at every level, from two Rust modules.
//! - `checksum`: a hot loop with a `debug!` per byte, to show what a disabled
//!   line costs once pyo3-log has cached the level.
//! - `reset_logging_cache`: what to call after changing levels in Python.
//! - `import_batches_in_threads`: records from threads that Rust started.
//! - `Ticker`: a Rust thread that logs until it is stopped, which must
//!   happen before Python exits.
//! - `report_with_tracing`: `tracing` events, delivered through `log`.

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Mutex, OnceLock};
use std::thread::JoinHandle;
use std::time::Duration;

use log::{LevelFilter, error, info};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use pyo3_log::{Caching, Logger, ResetHandle};

// ANCHOR: install
/// The handle that empties pyo3-log's cache of loggers and levels.
static LOGGING: OnceLock<ResetHandle> = OnceLock::new();

/// Make Rust's `log` records go to Python's `logging`.
///
/// `pyo3_log::init()` does the same with defaults, but panics when a logger
/// is already installed, and a module's init can run twice in one process
/// (`del sys.modules[...]`, then import again): the second time, keep the
/// logger the first one installed.
pub fn install(py: Python<'_>) -> PyResult<()> {
    if LOGGING.get().is_some() {
        return Ok(());
    }
    // pyo3-log drops records below Debug unless told otherwise. Let every
    // level through to Python, whose levels then decide.
    let logger = Logger::new(py, Caching::LoggersAndLevels)?.filter(LevelFilter::Trace);
    let handle = logger.install().map_err(|error| {
        PyRuntimeError::new_err(format!("cannot send Rust's log records to Python: {error}"))
    })?;
    let _ = LOGGING.set(handle);
    Ok(())
}

/// Forget the Python loggers and levels pyo3-log has cached, so that the next
/// record from each Rust module reads them again. Call it after changing a
/// level in Python.
#[pyfunction]
pub fn reset_logging_cache() {
    if let Some(handle) = LOGGING.get() {
        handle.reset();
    }
}
// ANCHOR_END: install

// ANCHOR: import_rows
/// Parse "sku,quantity" rows and return how many were good. A bad row is
/// skipped, with a warning that says why.
#[pyfunction]
pub fn import_rows(rows: Vec<String>) -> usize {
    // Logger "ch13_recipes.logging": this module's path.
    info!("rows received: {}", rows.len());
    let imported = rows::parse_all(&rows, 1);
    if imported == 0 && !rows.is_empty() {
        error!("no row could be imported, of {}", rows.len());
    } else {
        info!("rows imported: {imported} of {}", rows.len());
    }
    imported
}

/// One row at a time. Records from here go to "ch13_recipes.logging.rows".
mod rows {
    use log::{debug, trace, warn};

    /// Parse `rows`, the first of which is row number `first`; return how
    /// many were good.
    pub fn parse_all(rows: &[String], first: usize) -> usize {
        let mut imported = 0;
        for (number, line) in (first..).zip(rows) {
            trace!("row {number}: {line:?}");
            match parse(line) {
                Ok((sku, quantity)) => {
                    debug!("row {number}: {quantity} x {sku}");
                    imported += 1;
                }
                Err(why) => warn!("row {number} skipped: {why}"),
            }
        }
        imported
    }

    fn parse(line: &str) -> Result<(&str, u32), String> {
        let Some((sku, quantity)) = line.split_once(',') else {
            return Err("no comma".to_owned());
        };
        let sku = sku.trim();
        if sku.is_empty() {
            return Err("empty sku".to_owned());
        }
        let quantity = quantity
            .trim()
            .parse()
            .map_err(|_| format!("quantity {:?} is not a whole number", quantity.trim()))?;
        Ok((sku, quantity))
    }
}
// ANCHOR_END: import_rows

// ANCHOR: checksum
/// The sum of the bytes, with a `debug!` for every one of them: the kind of
/// line that is left in a hot loop, disabled in production.
#[pyfunction]
pub fn checksum(data: &[u8]) -> u64 {
    hot::checksum(data)
}

mod hot {
    use log::debug;

    pub fn checksum(data: &[u8]) -> u64 {
        let mut sum = 0u64;
        for (index, byte) in data.iter().enumerate() {
            // Once pyo3-log has cached that Python drops DEBUG here, this
            // line is a lookup in Rust: no call into Python, and the message
            // is never formatted.
            debug!("byte {index}: {byte:#04x}");
            sum += u64::from(*byte);
        }
        sum
    }
}
// ANCHOR_END: checksum

// ANCHOR: threads
/// The most batches `import_batches_in_threads` takes: one thread each.
pub const MAX_BATCHES: usize = 16;

/// `import_rows` for several batches at once, one Rust thread per batch.
/// Their records reach Python's handlers too: pyo3-log attaches each thread
/// to the interpreter for the time it takes to hand a record over.
#[pyfunction]
pub fn import_batches_in_threads(py: Python<'_>, batches: Vec<Vec<String>>) -> PyResult<usize> {
    if batches.len() > MAX_BATCHES {
        return Err(PyValueError::new_err(format!(
            "at most {MAX_BATCHES} batches (one thread each), not {}",
            batches.len()
        )));
    }
    // Detach while the threads run: each of them needs to attach to log, and
    // would wait for ever if this thread held on while joining them.
    let counts = py.detach(|| {
        std::thread::scope(|scope| {
            let workers: Vec<_> = batches
                .iter()
                .map(|batch| scope.spawn(|| rows::parse_all(batch, 1)))
                .collect();
            workers
                .into_iter()
                .map(|worker| worker.join())
                .collect::<Result<Vec<usize>, _>>()
        })
    });
    let imported: usize = counts
        .map_err(|_| PyRuntimeError::new_err("a batch's thread panicked"))?
        .into_iter()
        .sum();
    info!("rows imported: {imported}, from {} batches", batches.len());
    Ok(imported)
}
// ANCHOR_END: threads

// ANCHOR: tracing
/// A `tracing` event and a span, as a library written with `tracing` emits
/// them. With `tracing`'s `log` feature and no `tracing` subscriber set, each
/// one becomes a `log` record, which pyo3-log hands to Python.
#[pyfunction]
pub fn report_with_tracing(imported: u64, skipped: u64) {
    let span = tracing::info_span!("report", imported);
    let _entered = span.enter();
    tracing::info!(imported, skipped, "import finished");
}
// ANCHOR_END: tracing

// ANCHOR: ticker
/// A Rust thread that logs "tick N" every `every_ms` milliseconds until it
/// is stopped: a stand-in for a background worker that logs.
///
/// Stop it before Python exits: `stop()`, a `with` block, or
/// `atexit.register(ticker.stop)`. A thread still logging while the
/// interpreter shuts down loses its records, and may panic or hang on the
/// way in.
#[pyclass(module = "ch13_recipes", frozen)]
pub struct Ticker {
    /// Dropping the sender is the signal to stop.
    stop: Mutex<Option<Sender<()>>>,
    thread: Mutex<Option<JoinHandle<u64>>>,
}

#[pymethods]
impl Ticker {
    #[new]
    fn new(every_ms: u64) -> PyResult<Self> {
        if !(1..=60_000).contains(&every_ms) {
            return Err(PyValueError::new_err(format!(
                "every_ms must be from 1 to 60000, not {every_ms}"
            )));
        }
        let (stop, stopped) = mpsc::channel::<()>();
        let every = Duration::from_millis(every_ms);
        let thread = std::thread::spawn(move || {
            let mut ticks = 0;
            // Wait `every` for a stop signal; no signal in time means tick.
            while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(every) {
                ticks += 1;
                info!("tick {ticks}");
            }
            ticks
        });
        Ok(Ticker {
            stop: Mutex::new(Some(stop)),
            thread: Mutex::new(Some(thread)),
        })
    }

    /// Stop the thread, wait for it, and return how many ticks it logged.
    /// Every one of them has reached Python's handlers by then. Calling it
    /// again returns 0.
    fn stop(&self, py: Python<'_>) -> PyResult<u64> {
        drop(lock(&self.stop)?.take());
        let Some(thread) = lock(&self.thread)?.take() else {
            return Ok(0);
        };
        // Detached while joining: the thread may be waiting to attach, to
        // hand over its last record.
        py.detach(|| thread.join())
            .map_err(|_| PyRuntimeError::new_err("the ticker's thread panicked"))
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    /// Leaving a `with` block stops the ticker; an exception that ended the
    /// block goes on (the `false`).
    #[pyo3(signature = (*_exception))]
    fn __exit__(&self, py: Python<'_>, _exception: &Bound<'_, PyTuple>) -> PyResult<bool> {
        self.stop(py)?;
        Ok(false)
    }
}

fn lock<T>(mutex: &Mutex<T>) -> PyResult<std::sync::MutexGuard<'_, T>> {
    mutex
        .lock()
        .map_err(|_| PyRuntimeError::new_err("the ticker's lock is poisoned"))
}
// ANCHOR_END: ticker
