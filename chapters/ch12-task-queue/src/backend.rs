//! The two backends behind one type: the embedded one (`url=None`) and Redis.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use redis::aio::ConnectionManager;
use tokio::time::Instant;

use crate::job::{Completion, Delivery, Enqueued, Finished, Malformed, NewJob, Status};
use crate::memory::Memory;
use crate::redis_backend::RedisQueue;
pub use crate::redis_backend::Unavailable;
use crate::waiters::Waiters;

/// How long a producer's call (`enqueue`, `status`, `result`) keeps retrying
/// while Redis is unreachable before it gives up with `ConnectionError`.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// How often a waiter looks again even without an announcement (which a
/// reconnect can lose): a safety net, not a poll.
const RECHECK: Duration = Duration::from_secs(1);

#[derive(Clone)]
pub enum Backend {
    Memory(Arc<Memory>),
    Redis(Arc<RedisQueue>),
}

/// Where a worker reads new deliveries from.
pub enum Reader {
    Memory,
    Redis(ConnectionManager),
}

pub type Read = Vec<Result<Delivery, Malformed>>;

impl Backend {
    /// The embedded backend.
    pub fn memory(lease: Duration, keep_results: Duration) -> Self {
        Backend::Memory(Arc::new(Memory::new(lease, keep_results)))
    }

    /// A Redis backend (call inside the tokio runtime: the connection is made
    /// on first use). A malformed URL is an `Err` message.
    pub fn redis(
        url: &str,
        queue: &str,
        lease: Duration,
        keep_results: Duration,
    ) -> Result<Self, String> {
        RedisQueue::open(url, queue, lease, keep_results)
            .map(|queue| Backend::Redis(Arc::new(queue)))
    }

    fn waiters(&self) -> &Waiters {
        match self {
            Backend::Memory(memory) => &memory.waiters,
            Backend::Redis(redis) => &redis.waiters,
        }
    }

    pub async fn enqueue(&self, jobs: Vec<NewJob>) -> Result<Vec<Enqueued>, Unavailable> {
        match self {
            Backend::Memory(memory) => Ok(memory.enqueue(jobs)),
            // Retrying is safe: job ids are chosen before the first attempt,
            // so a repeat of an attempt that did land adds nothing.
            Backend::Redis(redis) => patiently(|| redis.enqueue(&jobs)).await,
        }
    }

    pub async fn status(&self, job: &str) -> Result<Status, Unavailable> {
        match self {
            Backend::Memory(memory) => Ok(memory.status(job)),
            Backend::Redis(redis) => patiently(|| redis.status(job)).await,
        }
    }

    pub async fn finished(&self, job: &str) -> Result<Option<Finished>, Unavailable> {
        match self {
            Backend::Memory(memory) => Ok(memory.finished(job)),
            Backend::Redis(redis) => redis.finished(job).await,
        }
    }

    // ANCHOR: wait_finished
    /// Wait until `job` has finished, or `timeout` passed (then `Ok(None)`).
    /// A finished job wakes its waiters (Redis: through the queue's channel);
    /// a waiter also looks again once a second, in case an announcement was
    /// lost while reconnecting. That is a safety net, not a polling loop.
    pub async fn wait_finished(
        &self,
        job: &str,
        timeout: Option<Duration>,
    ) -> Result<Option<Finished>, Unavailable> {
        let deadline = timeout.map(|timeout| Instant::now() + timeout);
        let waiter = self.waiters().register(job);
        if let Backend::Redis(redis) = self {
            redis.listen();
        }
        let mut unavailable_since: Option<Instant> = None;
        loop {
            // Listen first, then look: a job that finishes in between still wakes us.
            let notified = waiter.notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            match self.finished(job).await {
                Ok(Some(finished)) => return Ok(Some(finished)),
                Ok(None) => unavailable_since = None,
                Err(error) => {
                    let since = *unavailable_since.get_or_insert_with(Instant::now);
                    if !error.transient || since.elapsed() > PATIENCE {
                        return Err(error);
                    }
                }
            }
            let recheck = Instant::now() + RECHECK;
            let wake = deadline.map_or(recheck, |deadline| deadline.min(recheck));
            tokio::select! {
                () = &mut notified => {}
                () = tokio::time::sleep_until(wake) => {
                    if deadline.is_some_and(|deadline| Instant::now() >= deadline) {
                        return Ok(None);
                    }
                }
            }
        }
    }
    // ANCHOR_END: wait_finished

    pub fn lease(&self) -> Duration {
        match self {
            Backend::Memory(memory) => memory.lease(),
            Backend::Redis(redis) => redis.lease(),
        }
    }

    pub fn reader(&self, block: Duration) -> Result<Reader, Unavailable> {
        match self {
            Backend::Memory(_) => Ok(Reader::Memory),
            Backend::Redis(redis) => redis.blocking_connection(block).map(Reader::Redis),
        }
    }

    pub async fn read_new(
        &self,
        reader: &mut Reader,
        worker: &str,
        max: usize,
        block: Duration,
    ) -> Result<Read, Unavailable> {
        match (self, reader) {
            (Backend::Redis(redis), Reader::Redis(connection)) => {
                redis.read_new(connection, worker, max, block).await
            }
            (Backend::Memory(memory), _) => Ok(memory
                .read_new(worker, max, block)
                .await
                .into_iter()
                .map(Ok)
                .collect()),
            (Backend::Redis(_), Reader::Memory) => Ok(Vec::new()),
        }
    }

    pub async fn promote_due(&self) -> Result<Option<Duration>, Unavailable> {
        match self {
            Backend::Memory(memory) => Ok(memory.promote_due()),
            Backend::Redis(redis) => redis.promote_due().await,
        }
    }

    pub async fn reclaim(&self, worker: &str, max: usize) -> Result<Read, Unavailable> {
        match self {
            Backend::Memory(memory) => {
                Ok(memory.reclaim(worker, max).into_iter().map(Ok).collect())
            }
            Backend::Redis(redis) => redis.reclaim(worker, max).await,
        }
    }

    /// Renew leases; returns (entries another worker took over, entries gone).
    pub async fn renew(
        &self,
        worker: &str,
        entries: &[String],
    ) -> Result<(Vec<String>, Vec<String>), Unavailable> {
        match self {
            Backend::Memory(memory) => Ok(memory.renew(worker, entries)),
            Backend::Redis(redis) => redis.renew(worker, entries).await,
        }
    }

    pub async fn finish(
        &self,
        worker: &str,
        completions: &[Completion],
    ) -> Result<(), Unavailable> {
        match self {
            Backend::Memory(memory) => {
                memory.finish(worker, completions.to_vec());
                Ok(())
            }
            Backend::Redis(redis) => redis.finish(worker, completions).await,
        }
    }

    pub async fn drained(&self) -> Result<bool, Unavailable> {
        match self {
            Backend::Memory(memory) => Ok(memory.drained()),
            Backend::Redis(redis) => redis.drained().await,
        }
    }

    /// Remove a worker that holds nothing from the queue's records.
    pub async fn forget_worker(&self, worker: &str) -> Result<(), Unavailable> {
        match self {
            Backend::Memory(_) => Ok(()),
            Backend::Redis(redis) => redis.forget_worker(worker).await,
        }
    }
}

/// Retry `attempt` with growing pauses while Redis is unavailable, for up to
/// `PATIENCE`; then return the last error. Errors that waiting cannot cure
/// return at once.
async fn patiently<T, F, Fut>(mut attempt: F) -> Result<T, Unavailable>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, Unavailable>>,
{
    let started = Instant::now();
    let mut pause = Duration::from_millis(20);
    loop {
        match attempt().await {
            Ok(value) => return Ok(value),
            Err(error) if !error.transient || started.elapsed() + pause > PATIENCE => {
                return Err(error);
            }
            Err(_) => {
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(Duration::from_secs(1));
            }
        }
    }
}
