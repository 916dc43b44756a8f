//! The embedded backend: the whole queue in this process's memory, with the
//! same semantics as the Redis backend (leases, delivery counts, retries,
//! delays, deduplication, results that expire), so that a program written
//! against it runs unchanged on Redis. Nothing survives the process.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use tokio::sync::Notify;

use crate::job::{
    Completion, Delivery, Enqueued, Failure, Finished, NewJob, Status, now_ms, worker_lost,
};
use crate::waiters::Waiters;

/// One delivery of a job: what a Redis stream entry is in the other backend.
struct Entry {
    job: String,
    /// Tries spent before this entry was created (by earlier retries).
    tries_before: u32,
    /// How many times this entry was handed to a worker.
    deliveries: u32,
    /// The worker holding it, and until when.
    holder: Option<(String, Instant)>,
}

enum State {
    Queued { entry: String },
    Deferred,
    Succeeded(Vec<u8>),
    Failed(Failure),
}

struct Record {
    name: String,
    args: Vec<u8>,
    max_tries: u32,
    timeout_ms: Option<u64>,
    /// Tries spent so far, kept while the job waits to be retried.
    tries: u32,
    state: State,
    /// When a finished job's result is forgotten.
    expires: Option<Instant>,
}

#[derive(Default)]
struct Inner {
    next_entry: u64,
    /// Entries nobody has been handed yet, oldest first.
    ready: VecDeque<String>,
    entries: HashMap<String, Entry>,
    /// (due in ms since the epoch, job id)
    deferred: BTreeSet<(u64, String)>,
    jobs: HashMap<String, Record>,
    /// (forget at, job id)
    expiries: BTreeSet<(Instant, String)>,
}

pub struct Memory {
    inner: Mutex<Inner>,
    lease: Duration,
    keep_results: Duration,
    /// Woken when an entry becomes ready.
    work: Notify,
    pub waiters: Waiters,
}

impl Memory {
    pub fn new(lease: Duration, keep_results: Duration) -> Self {
        Memory {
            inner: Mutex::default(),
            lease,
            keep_results,
            work: Notify::new(),
            waiters: Waiters::default(),
        }
    }

    pub fn lease(&self) -> Duration {
        self.lease
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // No code path panics while holding the lock; if one ever did, the
        // queue's state is still consistent operation by operation.
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        inner.forget_expired(Instant::now());
        inner
    }

    pub fn enqueue(&self, jobs: Vec<NewJob>) -> Vec<Enqueued> {
        let mut inner = self.lock();
        let now = now_ms();
        let mut added = false;
        let done = jobs
            .into_iter()
            .map(|job| {
                if inner.jobs.contains_key(&job.id) {
                    return Enqueued {
                        id: job.id,
                        created: false,
                    };
                }
                let mut record = Record {
                    name: job.name,
                    args: job.args,
                    max_tries: job.max_tries,
                    timeout_ms: job.timeout_ms,
                    tries: 0,
                    state: State::Deferred,
                    expires: None,
                };
                if job.delay_ms > 0 {
                    inner.deferred.insert((now + job.delay_ms, job.id.clone()));
                } else {
                    let entry = inner.add_entry(&job.id, 0);
                    record.state = State::Queued { entry };
                    added = true;
                }
                inner.jobs.insert(job.id.clone(), record);
                Enqueued {
                    id: job.id,
                    created: true,
                }
            })
            .collect();
        drop(inner);
        if added {
            self.work.notify_waiters();
        }
        done
    }

    /// Hand up to `max` ready entries to `worker`, waiting up to `block` for one.
    pub async fn read_new(&self, worker: &str, max: usize, block: Duration) -> Vec<Delivery> {
        let deadline = tokio::time::Instant::now() + block;
        loop {
            let notified = self.work.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let batch = self.lock().take_ready(worker, max, self.lease);
            if !batch.is_empty() {
                return batch;
            }
            tokio::select! {
                () = notified => {}
                () = tokio::time::sleep_until(deadline) => return Vec::new(),
            }
        }
    }

    /// Move deferred jobs that are due into the ready queue. Returns how
    /// long until the next one is due, if any.
    pub fn promote_due(&self) -> Option<Duration> {
        let mut inner = self.lock();
        let now = now_ms();
        let mut moved = false;
        while let Some((due, job)) = inner.deferred.first().cloned() {
            if due > now {
                break;
            }
            inner.deferred.remove(&(due, job.clone()));
            let tries = match inner.jobs.get(&job) {
                Some(record) => record.tries,
                None => continue,
            };
            let entry = inner.add_entry(&job, tries);
            if let Some(record) = inner.jobs.get_mut(&job) {
                record.state = State::Queued { entry };
            }
            moved = true;
        }
        let next = inner
            .deferred
            .first()
            .map(|(due, _)| Duration::from_millis(due.saturating_sub(now)));
        drop(inner);
        if moved {
            self.work.notify_waiters();
        }
        next
    }

    /// Take over entries whose holder let the lease run out. An entry already
    /// delivered `max_tries` times fails for good: its worker keeps dying.
    pub fn reclaim(&self, worker: &str, max: usize) -> Vec<Delivery> {
        let mut inner = self.lock();
        let now = Instant::now();
        let expired: Vec<String> = inner
            .entries
            .iter()
            .filter(|(_, entry)| matches!(entry.holder, Some((_, until)) if until <= now))
            .map(|(id, _)| id.clone())
            .take(max)
            .collect();
        let mut taken = Vec::new();
        for id in expired {
            let Some(entry) = inner.entries.get(&id) else {
                continue;
            };
            let (job, spent) = (entry.job.clone(), entry.tries_before + entry.deliveries);
            let max_tries = inner.jobs.get(&job).map_or(0, |record| record.max_tries);
            if spent >= max_tries {
                let failure = worker_lost(spent);
                inner.entries.remove(&id);
                inner.finish_job(&job, State::Failed(failure), self.keep_results);
                self.waiters.wake(&job);
                continue;
            }
            if let Some(delivery) = inner.deliver(&id, worker, self.lease) {
                taken.push(delivery);
            }
        }
        taken
    }

    /// Extend the lease of entries `worker` still holds. Returns (entries
    /// another worker took over, entries that are gone: finished).
    pub fn renew(&self, worker: &str, entries: &[String]) -> (Vec<String>, Vec<String>) {
        let mut inner = self.lock();
        let until = Instant::now() + self.lease;
        let (mut taken, mut gone) = (Vec::new(), Vec::new());
        for id in entries {
            match inner.entries.get_mut(id) {
                Some(Entry {
                    holder: Some((holder, lease)),
                    ..
                }) if holder == worker => *lease = until,
                Some(_) => taken.push(id.clone()),
                None => gone.push(id.clone()),
            }
        }
        (taken, gone)
    }

    pub fn finish(&self, worker: &str, completions: Vec<Completion>) {
        let mut inner = self.lock();
        let mut ready = false;
        for completion in completions {
            // As in Redis (XACK): a result counts while the entry is pending,
            // whoever holds it; the first word wins and later ones change
            // nothing. Handing back needs the lease: an entry that another
            // worker took over is that worker's to run.
            let acts = match inner.entries.get(completion.entry()) {
                None => false,
                Some(entry) => match &completion {
                    Completion::HandBack { .. } => {
                        matches!(&entry.holder, Some((holder, _)) if holder == worker)
                    }
                    _ => true,
                },
            };
            if !acts {
                continue;
            }
            let Some(entry) = inner.entries.remove(completion.entry()) else {
                continue;
            };
            match completion {
                Completion::Succeed { job, result, .. } => {
                    inner.finish_job(&job, State::Succeeded(result), self.keep_results);
                    self.waiters.wake(&job);
                }
                Completion::Fail { job, failure, .. } => {
                    inner.finish_job(&job, State::Failed(failure), self.keep_results);
                    self.waiters.wake(&job);
                }
                Completion::RetryAt {
                    job,
                    tries,
                    delay_ms,
                    ..
                } => {
                    if let Some(record) = inner.jobs.get_mut(&job) {
                        record.tries = tries;
                        record.state = State::Deferred;
                        inner.deferred.insert((now_ms() + delay_ms, job));
                    }
                }
                Completion::Drop { .. } => {}
                Completion::HandBack { job, .. } => {
                    // This delivery never started; earlier ones on this entry
                    // (whose workers were lost) still count as tries.
                    let spent = entry.tries_before + entry.deliveries.saturating_sub(1);
                    let id = inner.add_entry(&job, spent);
                    if let Some(record) = inner.jobs.get_mut(&job) {
                        record.state = State::Queued { entry: id };
                    }
                    ready = true;
                }
            }
        }
        drop(inner);
        if ready {
            self.work.notify_waiters();
        }
    }

    /// Nothing queued, deferred or running.
    pub fn drained(&self) -> bool {
        let inner = self.lock();
        inner.entries.is_empty() && inner.deferred.is_empty()
    }

    pub fn status(&self, job: &str) -> Status {
        let inner = self.lock();
        match inner.jobs.get(job).map(|record| &record.state) {
            None => Status::Unknown,
            Some(State::Deferred) => Status::Deferred,
            Some(State::Queued { entry }) => match inner.entries.get(entry) {
                Some(Entry {
                    holder: Some(_), ..
                }) => Status::Running,
                _ => Status::Queued,
            },
            Some(State::Succeeded(_)) => Status::Succeeded,
            Some(State::Failed(_)) => Status::Failed,
        }
    }

    pub fn finished(&self, job: &str) -> Option<Finished> {
        let inner = self.lock();
        match inner.jobs.get(job).map(|record| &record.state) {
            Some(State::Succeeded(result)) => Some(Finished::Succeeded(result.clone())),
            Some(State::Failed(failure)) => Some(Finished::Failed(failure.clone())),
            _ => None,
        }
    }
}

impl Inner {
    fn add_entry(&mut self, job: &str, tries_before: u32) -> String {
        self.next_entry += 1;
        let id = format!("{}-0", self.next_entry);
        self.entries.insert(
            id.clone(),
            Entry {
                job: job.to_owned(),
                tries_before,
                deliveries: 0,
                holder: None,
            },
        );
        self.ready.push_back(id.clone());
        id
    }

    fn take_ready(&mut self, worker: &str, max: usize, lease: Duration) -> Vec<Delivery> {
        let mut batch = Vec::new();
        while batch.len() < max {
            let Some(id) = self.ready.pop_front() else {
                break;
            };
            if let Some(delivery) = self.deliver(&id, worker, lease) {
                batch.push(delivery);
            }
        }
        batch
    }

    fn deliver(&mut self, id: &str, worker: &str, lease: Duration) -> Option<Delivery> {
        let entry = self.entries.get_mut(id)?;
        let record = self.jobs.get(&entry.job)?;
        entry.deliveries += 1;
        entry.holder = Some((worker.to_owned(), Instant::now() + lease));
        Some(Delivery {
            entry: id.to_owned(),
            job: entry.job.clone(),
            name: record.name.clone(),
            args: record.args.clone(),
            try_number: entry.tries_before + entry.deliveries,
            max_tries: record.max_tries,
            timeout_ms: record.timeout_ms,
        })
    }

    fn finish_job(&mut self, job: &str, state: State, keep: Duration) {
        let expires = Instant::now() + keep;
        if let Some(record) = self.jobs.get_mut(job) {
            record.state = state;
            record.args = Vec::new();
            record.expires = Some(expires);
            self.expiries.insert((expires, job.to_owned()));
        }
    }

    fn forget_expired(&mut self, now: Instant) {
        while let Some((when, job)) = self.expiries.first().cloned() {
            if when > now {
                break;
            }
            self.expiries.remove(&(when, job.clone()));
            if self.jobs.get(&job).and_then(|record| record.expires) == Some(when) {
                self.jobs.remove(&job);
            }
        }
    }
}
