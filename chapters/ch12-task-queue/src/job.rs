//! The data every backend stores and every worker handles: plain Rust values,
//! with no Python in them, so the core is tested without an interpreter.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A job on its way into the queue.
#[derive(Clone, Debug, PartialEq)]
pub struct NewJob {
    pub id: String,
    /// The registered task name a worker looks up.
    pub name: String,
    /// JSON bytes: `[[args...], {kwargs...}]`.
    pub args: Vec<u8>,
    pub max_tries: u32,
    /// Per-try time limit, in milliseconds.
    pub timeout_ms: Option<u64>,
    /// Run no earlier than this many milliseconds from now.
    pub delay_ms: u64,
}

/// What `enqueue` did with one job.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enqueued {
    pub id: String,
    /// False when a job with that id already existed (nothing was added).
    pub created: bool,
}

/// A job handed to a worker: one try of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Delivery {
    /// The backend's handle on this delivery (a stream entry id in Redis).
    pub entry: String,
    pub job: String,
    pub name: String,
    pub args: Vec<u8>,
    /// Which try this is, counting from 1 (redeliveries after a lost worker count).
    pub try_number: u32,
    pub max_tries: u32,
    pub timeout_ms: Option<u64>,
}

/// What a worker writes back about one delivery.
#[derive(Clone, Debug, PartialEq)]
pub enum Completion {
    /// The job succeeded; its result as JSON bytes.
    Succeed {
        entry: String,
        job: String,
        result: Vec<u8>,
        tries: u32,
    },
    /// The job failed for good.
    Fail {
        entry: String,
        job: String,
        failure: Failure,
    },
    /// Try again in `delay_ms` milliseconds (by the backend's clock).
    RetryAt {
        entry: String,
        job: String,
        tries: u32,
        delay_ms: u64,
    },
    /// Never started: put it back at once for any worker, without counting a try.
    HandBack { entry: String, job: String },
    /// A malformed entry with no job to record a failure on: remove it.
    Drop { entry: String },
}

impl Completion {
    pub fn entry(&self) -> &str {
        match self {
            Completion::Succeed { entry, .. }
            | Completion::Fail { entry, .. }
            | Completion::RetryAt { entry, .. }
            | Completion::HandBack { entry, .. }
            | Completion::Drop { entry } => entry,
        }
    }
}

/// An entry that cannot be run: missing fields, or fields of the wrong form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Malformed {
    pub entry: String,
    /// The job id, if the entry had one.
    pub job: Option<String>,
    pub reason: String,
}

/// Why a job failed for good.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub error_type: String,
    pub message: String,
    pub tries: u32,
}

/// What a job that was lost with its worker in every try fails with; the
/// Redis backend's reclaim script fills in `{tries}` itself.
pub const WORKER_LOST: &str = "the worker running this job was lost (killed, or stopped \
     renewing its lease) in each of its {tries} tries; the job may be what kills it";

/// The failure of a job whose worker was lost in every one of its tries.
pub fn worker_lost(tries: u32) -> Failure {
    Failure {
        error_type: "WorkerLost".to_owned(),
        message: WORKER_LOST.replace("{tries}", &tries.to_string()),
        tries,
    }
}

/// Where a job is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Queued,
    Deferred,
    Running,
    Succeeded,
    Failed,
    Unknown,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Queued => "queued",
            Status::Deferred => "deferred",
            Status::Running => "running",
            Status::Succeeded => "succeeded",
            Status::Failed => "failed",
            Status::Unknown => "unknown",
        }
    }
}

/// The end of a job's life, as kept for `keep_results`.
#[derive(Clone, Debug, PartialEq)]
pub enum Finished {
    Succeeded(Vec<u8>),
    Failed(Failure),
}

/// Milliseconds since the Unix epoch: the clock every process sharing a
/// Redis agrees on well enough for delays and backoff.
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

/// A fresh job id: 128 random bits as 32 hex digits.
pub fn new_job_id() -> String {
    format!("{:032x}", fastrand::u128(..))
}

// ANCHOR: backoff
/// How long to wait before try `next_try` (2, 3, ...) when the previous one
/// raised: 0.5 s, 1 s, 2 s, ... doubling up to 5 minutes, each scaled by a
/// random factor between 0.75 and 1.25 so that jobs which failed together do
/// not all come back at the same instant.
pub fn backoff(next_try: u32) -> Duration {
    let doublings = next_try.saturating_sub(2).min(20);
    let base_ms = (500u64 << doublings).min(300_000);
    let jitter = 0.75 + fastrand::f64() * 0.5;
    Duration::from_millis((base_ms as f64 * jitter) as u64)
}
// ANCHOR_END: backoff

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_jitter_and_stops_growing() {
        for _ in 0..200 {
            let second = backoff(2).as_millis();
            assert!((375..=625).contains(&second), "{second}");
            let third = backoff(3).as_millis();
            assert!((750..=1250).contains(&third), "{third}");
            let late = backoff(40).as_millis();
            assert!((225_000..=375_000).contains(&late), "{late}");
        }
    }

    #[test]
    fn job_ids_are_distinct_hex() {
        let first = new_job_id();
        assert_eq!(first.len(), 32);
        assert!(first.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(first, new_job_id());
    }
}
