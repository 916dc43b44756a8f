//! A Python coroutine awaited from Rust: `map_async(func, items, *, concurrency)`.
//!
//! Rust drives the loop over the items on tokio; every `func(item)` runs as a
//! task on the caller's asyncio loop, in the caller's context, and Rust awaits
//! it through `into_future_with_locals`. A tokio semaphore lets at most
//! `concurrency` calls be in flight at once; calls start in input order.

// ANCHOR: map_async
use std::sync::Arc;

use pyo3::exceptions::{PyRuntimeError, PyTypeError};
use pyo3::prelude::*;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::args::int_in_range;
use crate::call::start_call;
use crate::live::Live;
use crate::runtime::runtime;

/// The most calls `map_async` lets be in flight at once.
pub const MAX_CONCURRENCY: u64 = 10_000;

/// How many calls may be in flight at once: an int from 1 to `MAX_CONCURRENCY`.
pub struct Concurrency(usize);

impl Concurrency {
    pub const DEFAULT: Concurrency = Concurrency(8);
}

impl<'py> FromPyObject<'_, 'py> for Concurrency {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        let value = int_in_range(obj, "concurrency", 1, MAX_CONCURRENCY)?;
        // The range check makes this conversion lossless.
        Ok(Concurrency(value as usize))
    }
}

/// An awaitable of `[await func(item) for item in items]`, in input order,
/// with at most `concurrency` calls in flight at once.
#[pyfunction]
#[pyo3(
    signature = (func, items, *, concurrency = Concurrency::DEFAULT),
    text_signature = "(func, items, *, concurrency=8)"
)]
pub fn map_async<'py>(
    py: Python<'py>,
    func: &Bound<'py, PyAny>,
    items: &Bound<'py, PyAny>,
    concurrency: Concurrency,
) -> PyResult<Bound<'py, PyAny>> {
    if !func.is_callable() {
        let kind = func.get_type().name()?;
        return Err(PyTypeError::new_err(format!(
            "func must be a callable that returns an awaitable, such as an async def \
             function, not {kind}"
        )));
    }
    let items = collect_items(items)?;
    // The caller's loop and a copy of its contextvars, captured here, on the
    // loop's thread: tokio's threads have no running loop to ask.
    let locals = pyo3_async_runtimes::tokio::get_current_locals(py)?;
    let func = Arc::new(func.clone().unbind());
    runtime();
    let live = Live::track();
    let loop_locals = locals.clone();
    pyo3_async_runtimes::tokio::future_into_py_with_locals(py, loop_locals, async move {
        let _live = live;
        let semaphore = Arc::new(Semaphore::new(concurrency.0));
        let mut calls = JoinSet::new();
        let count = items.len();
        for (index, item) in items.into_iter().enumerate() {
            // A permit first, then the call: calls start in input order, the
            // first `concurrency` at once and each later one as an earlier one
            // ends. Closed when a call failed: nothing more starts.
            let Ok(permit) = Arc::clone(&semaphore).acquire_owned().await else {
                break;
            };
            let call = start_call(&locals, &func, item)?;
            // Each task owns its share: `Arc::clone`, as in Chapter 5.
            let semaphore = Arc::clone(&semaphore);
            calls.spawn(async move {
                let _live = Live::track();
                let _permit = permit; // held until this call ends
                let result = call.await;
                if result.is_err() {
                    semaphore.close(); // before this permit goes back
                }
                result.map(|value| (index, value))
            });
        }
        let mut results: Vec<Option<Py<PyAny>>> = (0..count).map(|_| None).collect();
        while let Some(joined) = calls.join_next().await {
            match joined {
                Ok(Ok((index, value))) => results[index] = Some(value),
                // Returning drops `calls`, which aborts every task left: each
                // drops its `CancelOnDrop`, which cancels its Python task.
                Ok(Err(error)) => return Err(error),
                Err(error) if error.is_panic() => std::panic::resume_unwind(error.into_panic()),
                Err(error) => return Err(PyRuntimeError::new_err(error.to_string())),
            }
        }
        results
            .into_iter()
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| PyRuntimeError::new_err("map_async lost a result: this is a bug"))
    })
}
// ANCHOR_END: map_async

// ANCHOR: collect_items
/// Every item of `items`, or a `TypeError` that says `items` must be iterable.
fn collect_items(items: &Bound<'_, PyAny>) -> PyResult<Vec<Py<PyAny>>> {
    let iterator = items.try_iter().map_err(|error| {
        let kind = items.get_type().name().map(|name| name.to_string());
        if error.is_instance_of::<PyTypeError>(items.py()) {
            PyTypeError::new_err(format!(
                "items must be an iterable, such as a list, not {}",
                kind.unwrap_or_else(|_| "that".into())
            ))
        } else {
            error
        }
    })?;
    iterator.map(|item| item.map(Bound::unbind)).collect()
}
// ANCHOR_END: collect_items
