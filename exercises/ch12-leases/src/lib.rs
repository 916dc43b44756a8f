//! Workshop, chapter 12: renew leases, so that a slow task is not run twice.
//!
//! A worker that claims a job holds it for a *lease*: a number of seconds.
//! Should the worker die, its lease lapses and another worker takes the job
//! over, so no job is lost. But a worker that is only slow must not lose its
//! job that way: while it runs the task, it *renews* the lease of every job
//! it holds, well before the lease lapses. And when a takeover did happen (the
//! worker stalled too long), renewing tells the worker which jobs it lost, so
//! it can drop them rather than run them a second time, and `finish` refuses
//! a result from a worker that no longer holds the job.
//!
//! The clock is explicit: every method that needs the time takes `now`, in
//! seconds, so the checks can play out minutes of work in no time at all.
//!
//! Two jobs, each marked TODO. Check your work with
//!
//!     uv run workshop check ch12-leases
//!
//! and ask for a nudge with `uv run workshop hint ch12-leases`.

// Until the TODOs are done, some code is unused; that is expected.
#![allow(unused_variables)]

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use pyo3::exceptions::{PyKeyError, PyValueError};
use pyo3::prelude::*;

/// Where one job is.
enum Job {
    /// Waiting in the queue for its first claim.
    Queued,
    /// Claimed: `worker` runs it, and holds it until someone takes it over
    /// after `deadline`.
    Held { worker: String, deadline: f64 },
    /// Finished by the worker that held it. The id stays known, so that the
    /// same job is never queued, or finished, a second time.
    Finished,
}

/// `now` itself if it is a finite number of seconds, or a `ValueError`.
fn checked_now(now: f64) -> PyResult<f64> {
    if !now.is_finite() {
        return Err(PyValueError::new_err(format!(
            "now must be a finite number of seconds, got {now}"
        )));
    }
    Ok(now)
}

/// The `KeyError` for a job id that was never added.
fn unknown(job_id: &str) -> PyErr {
    PyKeyError::new_err(format!("no job {job_id:?} was ever added"))
}

/// Jobs, the workers that hold them, and until when: `Leases(30.0)`, then
/// `add`, `claim`, `renew` and `finish`, each with the time it happens.
#[pyclass]
struct Leases {
    /// How long a claim or a renewal holds a job, in seconds.
    lease: f64,
    /// Every job ever added, by id.
    jobs: BTreeMap<String, Job>,
    /// The ids of the queued jobs, oldest first.
    queue: VecDeque<String>,
    /// For each worker, the jobs it claimed and has neither finished nor
    /// been told it lost: what it believes it is running.
    claimed: HashMap<String, BTreeSet<String>>,
}

#[pymethods]
impl Leases {
    #[new]
    fn new(lease: f64) -> PyResult<Self> {
        // `!(lease > 0.0)` is true for NaN as well.
        if !(lease > 0.0 && lease.is_finite()) {
            return Err(PyValueError::new_err(format!(
                "a lease must be a finite number of seconds above 0, got {lease}"
            )));
        }
        Ok(Self {
            lease,
            jobs: BTreeMap::new(),
            queue: VecDeque::new(),
            claimed: HashMap::new(),
        })
    }

    /// Queue a job. An id already known (queued, held or finished) is a `ValueError`.
    fn add(&mut self, job_id: &str) -> PyResult<()> {
        if self.jobs.contains_key(job_id) {
            return Err(PyValueError::new_err(format!(
                "job {job_id:?} was already added"
            )));
        }
        self.jobs.insert(job_id.to_owned(), Job::Queued);
        self.queue.push_back(job_id.to_owned());
        Ok(())
    }

    /// A job for `worker`: the oldest queued one, or else one whose lease
    /// lapsed while another worker held it (a takeover); `None` if there is none.
    fn claim(&mut self, worker: &str, now: f64) -> PyResult<Option<String>> {
        let now = checked_now(now)?;
        let Some(job_id) = self.queue.pop_front().or_else(|| self.lapsed(worker, now)) else {
            return Ok(None);
        };
        let held = Job::Held {
            worker: worker.to_owned(),
            deadline: now + self.lease,
        };
        self.jobs.insert(job_id.clone(), held);
        self.claimed
            .entry(worker.to_owned())
            .or_default()
            .insert(job_id.clone());
        Ok(Some(job_id))
    }

    /// Extend to `now + lease` the lease of every job `worker` still holds,
    /// and return, sorted, the jobs it claimed but lost to a takeover since:
    /// the worker drops those instead of running them twice.
    fn renew(&mut self, worker: &str, now: f64) -> PyResult<Vec<String>> {
        let now = checked_now(now)?;
        // TODO (1 of 2): walk the jobs this worker claimed,
        // `self.claimed.get_mut(worker)` (`None`: it never claimed any, so
        // nothing to renew and nothing lost). For each id, look the job up in
        // `self.jobs`:
        // - `Job::Held` by this very worker: set its deadline to
        //   `now + self.lease`. A lease that lapsed counts too, as long as
        //   nobody took the job over: the worker still holds it.
        // - anything else (another worker holds it, or already finished it):
        //   the job was lost. Put its id in the list you return, and take it
        //   out of the worker's claimed set, so it is reported only once.
        // `BTreeSet::retain` does both in one walk, in sorted order.
        todo!("TODO 1: renew the leases this worker holds; return the jobs it lost")
    }

    /// Record that `worker` finished `job_id`: `True` if it held the job,
    /// which is then done; `False` if it did not (another worker took it
    /// over), and its result does not count. A `KeyError` for an unknown id.
    fn finish(&mut self, worker: &str, job_id: &str) -> PyResult<bool> {
        let Some(job) = self.jobs.get_mut(job_id) else {
            return Err(unknown(job_id));
        };
        if let Some(claimed) = self.claimed.get_mut(worker) {
            claimed.remove(job_id);
        }
        // TODO (2 of 2): this finishes the job whoever holds it, so a worker
        // that stalled past its lease records a result for a job another
        // worker took over and is running again. Only the holder may finish:
        // when `job` is not `Job::Held` by this `worker` (`matches!` with an
        // `if` guard reads well), return `Ok(false)` and change nothing.
        *job = Job::Finished;
        Ok(true)
    }

    /// The worker that holds `job_id`, or `None` while it is queued or once
    /// it is finished. A `KeyError` for an unknown id.
    fn holder(&self, job_id: &str) -> PyResult<Option<String>> {
        match self.jobs.get(job_id) {
            None => Err(unknown(job_id)),
            Some(Job::Held { worker, .. }) => Ok(Some(worker.clone())),
            Some(Job::Queued | Job::Finished) => Ok(None),
        }
    }
}

impl Leases {
    /// The job whose lease lapsed first among those another worker holds
    /// (its deadline is `now` or earlier); ties go to the smaller id.
    fn lapsed(&self, worker: &str, now: f64) -> Option<String> {
        self.jobs
            .iter()
            .filter_map(|(job_id, job)| match job {
                Job::Held {
                    worker: holder,
                    deadline,
                } if holder != worker && *deadline <= now => Some((*deadline, job_id)),
                _ => None,
            })
            .min_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(b.1)))
            .map(|(_, job_id)| job_id.clone())
    }
}

#[pymodule]
mod ch12_leases_exercise {
    #[pymodule_export]
    use super::Leases;
}
