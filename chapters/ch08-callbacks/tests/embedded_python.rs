//! Drive a `Worker` with Python callbacks, in an interpreter embedded in
//! this test binary.

use std::ffi::CString;

use pyo3::exceptions::{PyKeyboardInterrupt, PySystemExit};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};

use ch08_callbacks::{MaxTries, Outcome, Report, Worker, execute};

/// A Python function defined by `source`, which must define `callback`.
fn python_callback<'py>(py: Python<'py>, source: &str) -> PyResult<Bound<'py, PyAny>> {
    let globals = PyDict::new(py);
    let source = CString::new(source).expect("no NUL in the source");
    py.run(&source, Some(&globals), None)?;
    Ok(globals
        .get_item("callback")?
        .expect("the source defines `callback`"))
}

/// Run one task with a worker over `source`'s callback, from Rust.
fn run(source: &str, max_tries: u32) -> PyResult<(String, Vec<u8>, u32, Option<String>)> {
    Python::attach(|py| {
        let worker = Worker::new(python_callback(py, source)?, MaxTries(max_tries))?;
        let task_id = PyString::new(py, "task-1");
        let payload = PyBytes::new(py, b"payload");
        let report: Report = worker.run(py, &task_id, &payload)?;
        Ok((
            report.status().to_owned(),
            report.data(py).as_bytes().to_vec(),
            report.tries(),
            report.error().map(str::to_owned),
        ))
    })
}

// ANCHOR: embedded_run
#[test]
fn the_callback_gets_the_task_and_its_answer_becomes_the_report() -> PyResult<()> {
    let source = "
def callback(task_id, payload, tries):
    assert (task_id, payload, tries) == ('task-1', b'payload', 1)
    return (0, payload.upper(), 0)
";
    let (status, data, tries, error) = run(source, 3)?;
    assert_eq!(
        (status.as_str(), data.as_slice(), tries),
        ("success", &b"PAYLOAD"[..], 1)
    );
    assert_eq!(error, None);
    Ok(())
}

#[test]
fn a_retry_calls_again_with_tries_counting_up() -> PyResult<()> {
    let source = "
def callback(task_id, payload, tries):
    return (2, b'', 0) if tries < 3 else (0, str(tries).encode(), 0)
";
    let (status, data, tries, _) = run(source, 5)?;
    assert_eq!(
        (status.as_str(), data.as_slice(), tries),
        ("success", &b"3"[..], 3)
    );
    Ok(())
}

#[test]
fn retrying_every_time_runs_out_of_tries() -> PyResult<()> {
    let (status, _, tries, error) = run("def callback(*args): return (2, b'', 0)", 2)?;
    assert_eq!((status.as_str(), tries), ("failed", 2));
    assert_eq!(
        error.as_deref(),
        Some("ran out of tries (max_tries=2): every try asked to retry")
    );
    Ok(())
}
// ANCHOR_END: embedded_run

// ANCHOR: embedded_malformed
#[test]
fn malformed_outcomes_become_failed_reports() -> PyResult<()> {
    let cases = [
        (
            "'done'",
            "expected a tuple (code, data, retry_after_ms), not str",
        ),
        (
            "(0, b'')",
            "expected a tuple of 3 items (code, data, retry_after_ms), not 2",
        ),
        ("(None, b'', 0)", "code must be an int, not NoneType"),
        ("(0, 'text', 0)", "data must be bytes, not str"),
        ("(2, b'', '5')", "retry_after_ms must be an int, not str"),
        ("(2, b'', -1)", "retry_after_ms must be 0 or more, not -1"),
    ];
    for (returned, problem) in cases {
        let source = format!("def callback(*args): return {returned}");
        let (status, data, tries, error) = run(&source, 3)?;
        assert_eq!((status.as_str(), data.len(), tries), ("failed", 0, 1));
        assert_eq!(
            error,
            Some(format!("malformed outcome: {problem}")),
            "{returned}"
        );
    }
    Ok(())
}
// ANCHOR_END: embedded_malformed

// ANCHOR: embedded_execute
#[test]
fn execute_turns_an_exception_into_a_failure() -> PyResult<()> {
    Python::attach(|py| {
        let callback = python_callback(py, "def callback(*args): raise ValueError('boom')")?;
        let task_id = PyString::new(py, "task");
        let payload = PyBytes::new(py, b"");
        let outcome = execute(py, &callback.unbind(), &task_id, &payload, 1)?;
        assert_eq!(outcome, Outcome::Failure("ValueError: boom".into()));
        Ok(())
    })
}

#[test]
fn execute_lets_keyboard_interrupt_and_system_exit_through() -> PyResult<()> {
    Python::attach(|py| {
        let task_id = PyString::new(py, "task");
        let payload = PyBytes::new(py, b"");
        let stop = python_callback(py, "def callback(*args): raise KeyboardInterrupt")?;
        let error = execute(py, &stop.unbind(), &task_id, &payload, 1)
            .expect_err("KeyboardInterrupt is not degraded to data");
        assert!(error.is_instance_of::<PyKeyboardInterrupt>(py));

        let exit = python_callback(py, "def callback(*args): raise SystemExit(3)")?;
        let error = execute(py, &exit.unbind(), &task_id, &payload, 1)
            .expect_err("SystemExit is not degraded to data");
        assert!(error.is_instance_of::<PySystemExit>(py));
        Ok(())
    })
}
// ANCHOR_END: embedded_execute

// ANCHOR: embedded_python
#[test]
fn python_code_can_use_the_worker() -> PyResult<()> {
    Python::attach(|py| {
        let native = pyo3::wrap_pymodule!(ch08_callbacks::_native)(py);
        let globals = PyDict::new(py);
        globals.set_item("native", native)?;
        py.run(
            c"
def handle(task_id, payload, tries):
    if task_id == 'crash':
        raise RuntimeError('disk full')
    return (0, payload, 0)

worker = native.Worker(handle, max_tries=2)
ok, crash = worker.run_many([('a', b'1'), ('crash', b'')])
assert (ok.status, ok.data, ok.tries, ok.error) == ('success', b'1', 1, None)
assert (crash.status, crash.error) == ('failed', 'RuntimeError: disk full')
assert repr(ok) == \"Report(status='success', data=b'1', tries=1, error=None)\"
assert native.MAX_TRIES == 100 and native.MAX_RETRY_DELAY_MS == 10_000
",
            Some(&globals),
            None,
        )
    })
}
// ANCHOR_END: embedded_python

#[test]
fn a_keyboard_interrupt_leaves_run_as_it_is() -> PyResult<()> {
    Python::attach(|py| {
        let callback = python_callback(py, "def callback(*args): raise KeyboardInterrupt('stop')")?;
        let worker = Worker::new(callback, MaxTries::DEFAULT)?;
        let result = worker.run(py, &PyString::new(py, "t"), &PyBytes::new(py, b""));
        let error = result.expect_err("KeyboardInterrupt propagates");
        assert!(error.is_instance_of::<PyKeyboardInterrupt>(py));
        assert_eq!(error.value(py).to_string(), "stop");
        Ok(())
    })
}
