//! What Python sees of the core: `Queue` (a backend, for producers) and
//! `Worker` (an engine, for `run_worker`). The public face in
//! `python/ch12_task_queue/` wraps both.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use pyo3::exceptions::{PyConnectionError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

use crate::backend::{Backend, Unavailable};
use crate::engine::{Engine, Outcome, Stats, WorkerConfig};
use crate::job::{Finished, NewJob, new_job_id};
use crate::json;
use crate::runtime::{awaitable, handle, stop_everything};

/// The most tasks one worker runs at once.
pub const MAX_CONCURRENCY: usize = 10_000;

fn unavailable(error: Unavailable) -> PyErr {
    if error.transient {
        PyConnectionError::new_err(format!(
            "the queue's Redis did not answer for {} s: {}",
            crate::backend::PATIENCE.as_secs(),
            error.message
        ))
    } else {
        PyConnectionError::new_err(format!("the queue's Redis refused: {}", error.message))
    }
}

/// Seconds from Python as a `Duration`: finite and not negative.
fn seconds(value: f64, what: &str) -> PyResult<Duration> {
    Duration::try_from_secs_f64(value).map_err(|_| {
        PyValueError::new_err(format!(
            "{what} must be a finite number of seconds >= 0, not {value}"
        ))
    })
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// One job to enqueue, as the package sends it: `(job_id or None, name,
/// args_json, max_tries, timeout_seconds or None, delay_seconds)`.
type JobArguments = (Option<String>, String, Vec<u8>, u32, Option<f64>, f64);

/// One queue in one backend: what producers (and `Job`) use.
#[pyclass(frozen, module = "ch12_task_queue._native")]
pub struct Queue {
    backend: Backend,
}

#[pymethods]
impl Queue {
    /// `url=None` keeps the queue in this process; `redis://...` opens it in Redis.
    #[new]
    #[pyo3(signature = (url, queue, lease, keep_results))]
    fn new(url: Option<&str>, queue: &str, lease: f64, keep_results: f64) -> PyResult<Self> {
        let lease = seconds(lease, "lease")?;
        let keep_results = seconds(keep_results, "keep_results")?;
        let backend = match url {
            None => Backend::memory(lease, keep_results),
            Some(url) => {
                let _inside = handle().map_err(PyRuntimeError::new_err)?.enter();
                Backend::redis(url, queue, lease, keep_results).map_err(|error| {
                    PyValueError::new_err(format!("cannot use the Redis URL {url:?}: {error}"))
                })?
            }
        };
        Ok(Queue { backend })
    }

    /// Enqueue jobs: each `(job_id or None, name, args_json, max_tries,
    /// timeout_seconds or None, delay_seconds)`. Resolves to `[(job_id, created)]`.
    fn enqueue<'py>(
        &self,
        py: Python<'py>,
        jobs: Vec<JobArguments>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut batch = Vec::with_capacity(jobs.len());
        for (id, name, args, max_tries, timeout, delay) in jobs {
            batch.push(NewJob {
                id: id.unwrap_or_else(new_job_id),
                name,
                args,
                max_tries,
                timeout_ms: timeout
                    .map(|timeout| seconds(timeout, "timeout").map(millis))
                    .transpose()?,
                delay_ms: millis(seconds(delay, "_delay")?),
            });
        }
        let backend = self.backend.clone();
        awaitable(py, async move {
            let done = backend.enqueue(batch).await.map_err(unavailable)?;
            Ok(done
                .into_iter()
                .map(|done| (done.id, done.created))
                .collect::<Vec<_>>())
        })
    }

    /// Resolves to the job's status, one of the `Status` names.
    fn status<'py>(&self, py: Python<'py>, job_id: String) -> PyResult<Bound<'py, PyAny>> {
        let backend = self.backend.clone();
        awaitable(py, async move {
            let status = backend.status(&job_id).await.map_err(unavailable)?;
            Ok(status.as_str())
        })
    }

    /// Resolves to `("succeeded", value)`, `("failed", error_type, message,
    /// tries)`, or `None` once `timeout` seconds passed first.
    #[pyo3(signature = (job_id, timeout))]
    fn result<'py>(
        &self,
        py: Python<'py>,
        job_id: String,
        timeout: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let timeout = timeout
            .map(|timeout| seconds(timeout, "timeout"))
            .transpose()?;
        let backend = self.backend.clone();
        awaitable(py, async move {
            let finished = backend
                .wait_finished(&job_id, timeout)
                .await
                .map_err(unavailable)?;
            Ok(ResultReply(finished))
        })
    }
}

/// What `Queue.result` resolves to. The JSON is decoded when the bridge
/// delivers it, attached, on the thread that delivers: never on a tokio
/// worker, which must not wait for the interpreter.
struct ResultReply(Option<Finished>);

impl<'py> IntoPyObject<'py> for ResultReply {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;

    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self.0 {
            None => Ok(py.None().into_bound(py)),
            Some(Finished::Succeeded(result)) => {
                let value = json::decode(py, &result)?;
                Ok(("succeeded", value).into_pyobject(py)?.into_any())
            }
            Some(Finished::Failed(failure)) => {
                Ok(
                    ("failed", failure.error_type, failure.message, failure.tries)
                        .into_pyobject(py)?
                        .into_any(),
                )
            }
        }
    }
}

/// One worker's engine. `run_worker` drives it from asyncio.
#[pyclass(frozen, module = "ch12_task_queue._native")]
pub struct Worker {
    engine: Arc<Engine>,
}

#[pymethods]
impl Worker {
    #[new]
    fn new(queue: &Queue, concurrency: usize, burst: bool, names: Vec<String>) -> PyResult<Self> {
        if !(1..=MAX_CONCURRENCY).contains(&concurrency) {
            return Err(PyValueError::new_err(format!(
                "concurrency must be between 1 and {MAX_CONCURRENCY}, not {concurrency}"
            )));
        }
        let config = WorkerConfig {
            concurrency,
            burst,
            known: names.into_iter().collect::<HashSet<_>>(),
        };
        let _inside = handle().map_err(PyRuntimeError::new_err)?.enter();
        let engine =
            Engine::start(queue.backend.clone(), config).map_err(PyRuntimeError::new_err)?;
        Ok(Worker { engine })
    }

    /// This worker's name in the queue (host, process id, a random part).
    #[getter]
    fn name(&self) -> &str {
        self.engine.name()
    }

    // ANCHOR: py_take
    /// Up to `max` jobs to start now: `(token, job_id, name, args, kwargs,
    /// try_number, timeout_seconds or None)` each. Never waits.
    fn take<'py>(&self, py: Python<'py>, max: usize) -> PyResult<Bound<'py, PyList>> {
        let taken = self.engine.take(max);
        let jobs = PyList::empty(py);
        for (token, ready) in taken {
            let delivery = ready.delivery;
            let timeout = delivery.timeout_ms.map(|ms| ms as f64 / 1000.0);
            let item = PyTuple::new(
                py,
                [
                    token.into_pyobject(py)?.into_any(),
                    delivery.job.into_pyobject(py)?.into_any(),
                    delivery.name.into_pyobject(py)?.into_any(),
                    json::from_value(py, &ready.args)?,
                    json::from_value(py, &ready.kwargs)?,
                    delivery.try_number.into_pyobject(py)?.into_any(),
                    timeout.into_pyobject(py)?.into_any(),
                ],
            )?;
            jobs.append(item)?;
        }
        Ok(jobs)
    }
    // ANCHOR_END: py_take

    /// Resolves to True when `take` has jobs, False when no more will come.
    fn wait_ready<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let engine = self.engine.clone();
        awaitable(py, async move { Ok(engine.wait_ready().await) })
    }

    /// The task returned `value`. A value JSON cannot carry fails the job for
    /// good, with a `TypeError` naming its type; returns whether it was stored.
    fn finish_returned(&self, token: u64, value: &Bound<'_, PyAny>) -> bool {
        match json::encode(value, "the task's return value") {
            Ok(result) => self.engine.finish(token, Outcome::Returned(result)),
            Err(error) => {
                let message = error
                    .to_string()
                    .trim_start_matches("TypeError: ")
                    .to_owned();
                self.engine.finish(
                    token,
                    Outcome::Failed {
                        error_type: "TypeError".to_owned(),
                        message,
                    },
                );
                false
            }
        }
    }

    /// The task raised an ordinary exception: retried while tries remain.
    fn finish_raised(&self, token: u64, error_type: String, message: String) {
        self.engine.finish(
            token,
            Outcome::Raised {
                error_type,
                message,
            },
        );
    }

    /// The task raised `Retry(delay)`.
    #[pyo3(signature = (token, delay))]
    fn finish_retry(&self, token: u64, delay: Option<f64>) -> PyResult<()> {
        let delay = delay
            .map(|delay| seconds(delay, "Retry's delay"))
            .transpose()?;
        self.engine.finish(token, Outcome::Retry(delay));
        Ok(())
    }

    /// The try ran past the task's timeout of `seconds`.
    fn finish_timed_out(&self, token: u64, limit: f64) -> PyResult<()> {
        self.engine
            .finish(token, Outcome::TimedOut(seconds(limit, "timeout")?));
        Ok(())
    }

    /// The job was not run (or was stopped): back to the queue, no try counted.
    fn hand_back(&self, token: u64) {
        self.engine.finish(token, Outcome::HandBack);
    }

    /// Stop claiming and hand back what was not started; `wait_ready`
    /// resolves to False from now on.
    fn stop(&self) {
        self.engine.stop();
    }

    /// Stop, hand back what was not started, write out what finished.
    /// Resolves to `(succeeded, failed, retried)`.
    fn close<'py>(&self, py: Python<'py>, patience: f64) -> PyResult<Bound<'py, PyAny>> {
        let patience = seconds(patience, "patience")?;
        let engine = self.engine.clone();
        awaitable(py, async move {
            let Stats {
                succeeded,
                failed,
                retried,
            } = engine.close(patience).await;
            Ok((succeeded, failed, retried))
        })
    }

    /// Trouble the engine rode out since the last call, for the log.
    fn warnings(&self) -> Vec<String> {
        self.engine.take_warnings()
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // `close` ends the engine; without it (a run that never got that
        // far), this does, instead of leaving its loops renewing forever.
        self.engine.abandon();
    }
}

/// The arguments of a call as JSON bytes; a `TypeError` names the first
/// argument JSON cannot carry.
#[pyfunction]
#[pyo3(signature = (args, kwargs))]
pub fn encode_call(
    args: &Bound<'_, PyTuple>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Vec<u8>> {
    json::encode_call(args, kwargs)
}

/// Stop every background loop of this module, wait (detached) up to
/// `patience` seconds for them and for every pending awaitable to end, and
/// shut the runtime down. The package calls it at exit; nothing of this
/// module works after it.
#[pyfunction]
pub fn shutdown(py: Python<'_>, patience: f64) -> PyResult<bool> {
    let patience = seconds(patience, "patience")?;
    Ok(py.detach(|| stop_everything(patience)))
}

/// How many background loops and pending awaitables are alive.
#[pyfunction]
pub fn live_tasks() -> usize {
    crate::runtime::live()
}
