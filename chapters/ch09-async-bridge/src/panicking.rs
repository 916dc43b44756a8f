//! A demonstration: a Rust future that panics, and how to keep its message.

// ANCHOR: panic_after
use std::time::Duration;

use pyo3::prelude::*;

use crate::args::int_in_range;
use crate::live::Live;
use crate::runtime::runtime;
use crate::timer::MAX_MS;

/// A demonstration of a bug: after `ms` milliseconds, the Rust future
/// panics. The tokio task running it catches the panic, and the awaiting
/// coroutine receives `pyo3_async_runtimes.RustPanic` (an `Exception`).
/// Left to pyo3-async-runtimes 0.30, the exception always says "rust future
/// panicked: unknown error"; with `keep_message=True`, the future catches its
/// own panic first, and the exception carries the panic's message.
#[pyfunction]
#[pyo3(signature = (ms, message, *, keep_message = false))]
pub fn panic_after<'py>(
    py: Python<'py>,
    ms: &Bound<'py, PyAny>,
    message: String,
    keep_message: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let ms = int_in_range(ms.as_borrowed(), "ms", 0, MAX_MS)?;
    runtime();
    let live = Live::track();
    pyo3_async_runtimes::tokio::future_into_py(py, async move {
        let _live = live; // dropped while the panic unwinds
        let buggy = async {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            a_bug(&message)
        };
        if keep_message {
            keeping_panic_message(buggy).await
        } else {
            buggy.await
        }
    })
}

/// Panics with `message`: the bug the demonstration needs. (Never do this in
/// a library: return an `Err` instead.)
fn a_bug(message: &str) -> PyResult<()> {
    panic!("{message}")
}
// ANCHOR_END: panic_after

// ANCHOR: keeping_panic_message
use std::any::Any;
use std::future::Future;
use std::panic::AssertUnwindSafe;

use futures_util::FutureExt;
use pyo3_async_runtimes::err::RustPanic;

/// Await `future`; if it panics, catch the panic here and return `RustPanic`
/// with the panic's own message, instead of letting the panic reach the
/// bridge, which loses the message.
pub async fn keeping_panic_message<T>(future: impl Future<Output = PyResult<T>>) -> PyResult<T> {
    // `AssertUnwindSafe`: after a panic the future is dropped, never polled
    // again, so no half-changed state of it can be seen.
    match AssertUnwindSafe(future).catch_unwind().await {
        Ok(result) => result,
        Err(payload) => Err(RustPanic::new_err(format!(
            "rust future panicked: {}",
            panic_message(&*payload)
        ))),
    }
}

/// The message of a panic. `panic!("literal")` carries a `&'static str`,
/// `panic!("{x}")` a `String`. `payload` must be the box's *contents*
/// (`&*boxed`): a `&Box<dyn Any>` is itself a `dyn Any`, of type `Box`, and
/// would match neither.
fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text
    } else {
        "a panic whose payload is not text"
    }
}
// ANCHOR_END: keeping_panic_message

#[cfg(test)]
mod tests {
    use super::panic_message;

    #[test]
    fn the_message_is_read_from_the_box_contents_not_the_box() {
        let boxed = std::panic::catch_unwind(|| panic!("from a {}", "format")).unwrap_err();
        assert_eq!(panic_message(&*boxed), "from a format");
        // What pyo3-async-runtimes 0.30 does: hand over the box itself.
        let the_box: &(dyn std::any::Any + Send) = &boxed;
        assert_eq!(panic_message(the_box), "a panic whose payload is not text");
        let literal = std::panic::catch_unwind(|| panic!("literal")).unwrap_err();
        assert_eq!(panic_message(&*literal), "literal");
    }
}
