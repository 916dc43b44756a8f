//! Rust async tests of the bridge, run on a tokio runtime beside a Python
//! event loop. `harness = false` (see Cargo.toml): `main` below runs every
//! `#[pyo3_async_runtimes::tokio::test]`, four at a time, and prints
//! `test NAME ... ok` for each. There is no `test result:` summary: a failing
//! test panics the binary, which exits non-zero, and that fails `cargo test`.

// ANCHOR: async_main
use pyo3::prelude::*;

#[pyo3_async_runtimes::tokio::main]
async fn main() -> PyResult<()> {
    pyo3_async_runtimes::testing::main().await
}
// ANCHOR_END: async_main

// ANCHOR: async_tests
use std::time::Duration;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::types::PyModule;
use pyo3_async_runtimes::err::RustPanic;

/// Await, from Rust, an awaitable that a function of the crate returned.
async fn await_py(awaitable: PyResult<Py<PyAny>>) -> PyResult<Py<PyAny>> {
    let future =
        Python::attach(|py| pyo3_async_runtimes::tokio::into_future(awaitable?.into_bound(py)))?;
    future.await
}

fn int(py: Python<'_>, value: u64) -> PyResult<Bound<'_, PyAny>> {
    Ok(value.into_pyobject(py)?.into_any())
}

#[pyo3_async_runtimes::tokio::test]
async fn sleep_resolves_to_its_value() -> PyResult<()> {
    let awaitable = Python::attach(|py| {
        let value = "woken".into_pyobject(py)?.into_any().unbind();
        Ok(ch09_async_bridge::sleep(py, &int(py, 20)?, Some(value))?.unbind())
    });
    let value = await_py(awaitable).await?;
    Python::attach(|py| {
        assert_eq!(value.extract::<String>(py)?, "woken");
        Ok(())
    })
}

#[pyo3_async_runtimes::tokio::test]
async fn map_async_awaits_python_coroutines_in_input_order() -> PyResult<()> {
    let awaitable = Python::attach(|py| {
        let module = PyModule::from_code(
            py,
            c"import asyncio\nasync def double(x):\n    await asyncio.sleep(0.001 * (5 - x))\n    return 2 * x\n",
            c"double.py",
            c"double",
        )?;
        let func = module.getattr("double")?;
        let items = vec![1u64, 2, 3, 4].into_pyobject(py)?;
        let concurrency = 2u64.into_pyobject(py)?;
        let concurrency = concurrency.as_borrowed().extract()?;
        Ok(ch09_async_bridge::map_async(py, &func, &items, concurrency)?.unbind())
    });
    let results = await_py(awaitable).await?;
    Python::attach(|py| {
        assert_eq!(results.extract::<Vec<u64>>(py)?, vec![2, 4, 6, 8]);
        Ok(())
    })
}

#[pyo3_async_runtimes::tokio::test]
async fn an_error_from_a_rust_future_is_an_ordinary_exception() -> PyResult<()> {
    let awaitable = Python::attach(|py| {
        Ok(ch09_async_bridge::fail_after(py, &int(py, 1)?, "refused".into())?.unbind())
    });
    let error = await_py(awaitable).await.unwrap_err();
    Python::attach(|py| {
        assert!(error.is_instance_of::<PyValueError>(py));
        assert_eq!(error.value(py).to_string(), "refused");
    });
    Ok(())
}

#[pyo3_async_runtimes::tokio::test]
async fn a_panic_in_a_rust_future_becomes_rust_panic() -> PyResult<()> {
    let awaitable = Python::attach(|py| {
        Ok(ch09_async_bridge::panic_after(py, &int(py, 1)?, "on purpose".into(), false)?.unbind())
    });
    let error = await_py(awaitable).await.unwrap_err();
    Python::attach(|py| {
        assert!(error.is_instance_of::<RustPanic>(py));
        // pyo3-async-runtimes 0.30 loses the panic's own message.
        assert_eq!(
            error.value(py).to_string(),
            "rust future panicked: unknown error"
        );
    });
    Ok(())
}

#[pyo3_async_runtimes::tokio::test]
async fn a_panic_caught_inside_the_future_keeps_its_message() -> PyResult<()> {
    let error = ch09_async_bridge::keeping_panic_message(async {
        panic!("a message worth {}", "keeping");
        #[allow(unreachable_code)]
        Ok(())
    })
    .await
    .unwrap_err();
    Python::attach(|py| {
        assert!(error.is_instance_of::<RustPanic>(py));
        assert_eq!(
            error.value(py).to_string(),
            "rust future panicked: a message worth keeping"
        );
    });
    Ok(())
}

// ANCHOR: drop_does_not_cancel
/// Why `map_async` cancels Python tasks itself: dropping the Rust future that
/// `into_future` made does not cancel the Python task it was awaiting.
#[pyo3_async_runtimes::tokio::test]
async fn dropping_a_rust_future_leaves_its_python_task_running() -> PyResult<()> {
    let (future, finished) = Python::attach(|py| -> PyResult<_> {
        let module = PyModule::from_code(
            py,
            c"import asyncio\nfinished = []\nasync def work():\n    await asyncio.sleep(0.5)\n    finished.append(True)\n",
            c"work.py",
            c"work",
        )?;
        let finished = module.getattr("finished")?.unbind();
        let future = pyo3_async_runtimes::tokio::into_future(module.getattr("work")?.call0()?)?;
        Ok((future, finished))
    })?;
    // Give up on it after 5 ms: `timeout` drops the Rust future. (The task
    // sleeps far longer, because the harness runs four tests at once, and a
    // worker thread busy printing another test's panic can poll this one late.)
    let gave_up = tokio::time::timeout(Duration::from_millis(5), future).await;
    assert!(
        gave_up.is_err(),
        "the Python task should take longer than 5 ms"
    );
    // The Python task did not notice: it runs to its end regardless.
    for _ in 0..400 {
        if Python::attach(|py| finished.bind(py).len())? == 1 {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("the Python task never finished: was it cancelled after all?");
}
// ANCHOR_END: drop_does_not_cancel

// ANCHOR: late_init
/// `pyo3_async_runtimes::tokio::init` after the runtime started is silently
/// ignored: the runtime keeps its worker threads. `configure` refuses instead.
#[pyo3_async_runtimes::tokio::test]
async fn a_late_configuration_is_ignored_by_the_library_and_refused_by_configure() -> PyResult<()> {
    let workers = pyo3_async_runtimes::tokio::get_runtime()
        .metrics()
        .num_workers();
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    builder.worker_threads(workers + 3).enable_all();
    pyo3_async_runtimes::tokio::init(builder); // no error, no effect
    let now = pyo3_async_runtimes::tokio::get_runtime()
        .metrics()
        .num_workers();
    assert_eq!(now, workers);

    ch09_async_bridge::runtime(); // as every bridge call does
    Python::attach(|py| {
        let error = ch09_async_bridge::configure(&int(py, 2)?).unwrap_err();
        assert!(error.is_instance_of::<PyRuntimeError>(py));
        assert!(
            error
                .value(py)
                .to_string()
                .starts_with("configure() came too late")
        );
        Ok(())
    })
}
// ANCHOR_END: late_init
// ANCHOR_END: async_tests
