//! The Redis backend: one queue shared by every process that opens the same
//! URL and queue name.
//!
//! Layout (all keys of a queue share the hash tag `{queue}`, so one queue
//! lives in one Redis Cluster slot and every script below stays valid there):
//!
//! - `ch12:{queue}:stream`: the work, a stream read by the consumer group
//!   `workers`. Reading an entry puts it in the group's pending list under the
//!   reader's name: that is the claim, and its idle time is the lease.
//!   Finishing acknowledges and deletes the entry. Nothing ever trims the
//!   stream by length, which would drop pending work too.
//! - `ch12:{queue}:deferred`: a sorted set of job ids by due time (delays and
//!   retries), moved into the stream by `promote.lua` when due.
//! - `ch12:{queue}:job:ID`: a hash per job: its state, the entry that carries
//!   it, and in the end its result or failure, expiring after `keep_results`.
//! - `ch12:{queue}:done`: a channel on which every finished job id is
//!   published, so that `Job.result()` waits without polling.
//!
//! Every multi-step change is a Lua script (`src/lua/`), so it is atomic, and
//! a batch of jobs is one script call: one round trip for many jobs.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use futures_util::StreamExt;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{Client, RedisError, Script, Value};

use crate::job::{
    Completion, Delivery, Enqueued, Failure, Finished, Malformed, NewJob, Status, WORKER_LOST,
};
use crate::runtime;
use crate::waiters::Waiters;

const GROUP: &str = "workers";

/// A Redis error. `transient` ones a caller can wait out: the server is
/// restarting or loading its data, the connection dropped, a reply timed out.
/// Others (a wrong password, a script error) will not go away by waiting.
#[derive(Debug)]
pub struct Unavailable {
    pub message: String,
    pub transient: bool,
}

impl From<RedisError> for Unavailable {
    fn from(error: RedisError) -> Self {
        let busy = matches!(
            error.code(),
            Some("LOADING" | "TRYAGAIN" | "BUSY" | "MASTERDOWN" | "CLUSTERDOWN" | "READONLY")
        );
        Unavailable {
            transient: busy
                || error.is_io_error()
                || error.is_connection_refusal()
                || error.is_connection_dropped()
                || error.is_timeout(),
            message: error.to_string(),
        }
    }
}

struct Scripts {
    enqueue: Script,
    finish: Script,
    promote: Script,
    reclaim: Script,
    renew: Script,
    status: Script,
    forget: Script,
}

pub struct RedisQueue {
    client: Client,
    connection: ConnectionManager,
    scripts: Scripts,
    prefix: String,
    lease: Duration,
    keep_results: Duration,
    group_ready: AtomicBool,
    listening: AtomicBool,
    pub waiters: Arc<Waiters>,
}

fn manager_config(response_timeout: Duration) -> ConnectionManagerConfig {
    ConnectionManagerConfig::new()
        .set_response_timeout(Some(response_timeout))
        .set_connection_timeout(Some(Duration::from_secs(2)))
        .set_min_delay(Duration::from_millis(50))
        .set_max_delay(Duration::from_secs(2))
        // Our callers retry with their own patience (`backend::PATIENCE`, the
        // engine's loops); the manager's own retries would only hide errors
        // that waiting cannot cure, such as a wrong password, for longer.
        .set_number_of_retries(1)
}

impl RedisQueue {
    /// Check the URL and prepare a connection that is opened on first use
    /// (call inside the tokio runtime). A malformed URL is an `Err` message.
    pub fn open(
        url: &str,
        queue: &str,
        lease: Duration,
        keep_results: Duration,
    ) -> Result<Self, String> {
        let client = Client::open(url).map_err(|error| error.to_string())?;
        let connection = ConnectionManager::new_lazy_with_config(
            client.clone(),
            manager_config(Duration::from_secs(5)),
        )
        .map_err(|error| error.to_string())?;
        Ok(RedisQueue {
            client,
            connection,
            scripts: Scripts {
                enqueue: Script::new(include_str!("lua/enqueue.lua")),
                finish: Script::new(include_str!("lua/finish.lua")),
                promote: Script::new(include_str!("lua/promote.lua")),
                reclaim: Script::new(include_str!("lua/reclaim.lua")),
                renew: Script::new(include_str!("lua/renew.lua")),
                status: Script::new(include_str!("lua/status.lua")),
                forget: Script::new(include_str!("lua/forget.lua")),
            },
            prefix: format!("ch12:{{{queue}}}:"),
            lease,
            keep_results,
            group_ready: AtomicBool::new(false),
            listening: AtomicBool::new(false),
            waiters: Arc::new(Waiters::default()),
        })
    }

    pub fn lease(&self) -> Duration {
        self.lease
    }

    /// Delete a worker's name from the consumer group, if it holds nothing.
    pub async fn forget_worker(&self, worker: &str) -> Result<(), Unavailable> {
        let mut invocation = self.scripts.forget.prepare_invoke();
        invocation.key(self.key("stream")).arg(GROUP).arg(worker);
        let _: i64 = self.run(invocation).await?;
        Ok(())
    }

    fn key(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    fn job_key(&self, job: &str) -> String {
        format!("{}job:{job}", self.prefix)
    }

    fn conn(&self) -> ConnectionManager {
        self.connection.clone()
    }

    /// Create the consumer group (and the stream) once; again after a server
    /// that lost its data comes back (`NOGROUP`).
    async fn ensure_group(&self) -> Result<(), Unavailable> {
        if self.group_ready.load(Ordering::Relaxed) {
            return Ok(());
        }
        let created: Result<Value, RedisError> = redis::cmd("XGROUP")
            .arg("CREATE")
            .arg(self.key("stream"))
            .arg(GROUP)
            .arg("0")
            .arg("MKSTREAM")
            .query_async(&mut self.conn())
            .await;
        match created {
            Ok(_) => {}
            Err(error) if error.code() == Some("BUSYGROUP") => {}
            Err(error) => return Err(error.into()),
        }
        self.group_ready.store(true, Ordering::Relaxed);
        Ok(())
    }

    fn forget_group_if_gone(&self, error: &RedisError) {
        if error.code() == Some("NOGROUP") {
            self.group_ready.store(false, Ordering::Relaxed);
        }
    }

    async fn run<T: redis::FromRedisValue>(
        &self,
        invocation: redis::ScriptInvocation<'_>,
    ) -> Result<T, Unavailable> {
        self.ensure_group().await?;
        let result = invocation.invoke_async(&mut self.conn()).await;
        result.map_err(|error| {
            self.forget_group_if_gone(&error);
            error.into()
        })
    }

    pub async fn enqueue(&self, jobs: &[NewJob]) -> Result<Vec<Enqueued>, Unavailable> {
        let mut invocation = self.scripts.enqueue.prepare_invoke();
        invocation.key(self.key("stream")).key(self.key("deferred"));
        for job in jobs {
            invocation.key(self.job_key(&job.id));
            invocation
                .arg(&job.id)
                .arg(&job.name)
                .arg(&job.args)
                .arg(job.max_tries)
                .arg(job.timeout_ms.map(|ms| ms.to_string()).unwrap_or_default());
        }
        for job in jobs {
            invocation.arg(job.delay_ms);
        }
        let created: Vec<i64> = self.run(invocation).await?;
        Ok(jobs
            .iter()
            .zip(created)
            .map(|(job, created)| Enqueued {
                id: job.id.clone(),
                created: created == 1,
            })
            .collect())
    }

    /// Read up to `max` new entries for `worker`, waiting up to `block` on
    /// `blocking`, a connection of the worker's own (a blocked read would
    /// hold up every command queued behind it on a shared one).
    pub async fn read_new(
        &self,
        blocking: &mut ConnectionManager,
        worker: &str,
        max: usize,
        block: Duration,
    ) -> Result<Vec<Result<Delivery, Malformed>>, Unavailable> {
        self.ensure_group().await?;
        let reply: Result<Value, RedisError> = redis::cmd("XREADGROUP")
            .arg("GROUP")
            .arg(GROUP)
            .arg(worker)
            .arg("COUNT")
            .arg(max)
            .arg("BLOCK")
            .arg(block.as_millis().max(1) as u64)
            .arg("STREAMS")
            .arg(self.key("stream"))
            .arg(">")
            .query_async(blocking)
            .await;
        let reply = reply.map_err(|error| {
            self.forget_group_if_gone(&error);
            Unavailable::from(error)
        })?;
        let mut out = Vec::new();
        // [[stream, [[entry, [field, value, ...]], ...]]], or nil on timeout.
        if let Value::Array(streams) = reply {
            for stream in streams {
                let Value::Array(mut parts) = stream else {
                    continue;
                };
                let Some(Value::Array(entries)) = parts.pop() else {
                    continue;
                };
                for entry in entries {
                    let Value::Array(mut pair) = entry else {
                        continue;
                    };
                    if pair.len() != 2 {
                        continue;
                    }
                    let fields = pair.pop().unwrap_or(Value::Nil);
                    let id = text(&pair[0]);
                    out.push(delivery(id, 1, &fields));
                }
            }
        }
        Ok(out)
    }

    pub async fn promote_due(&self) -> Result<Option<Duration>, Unavailable> {
        let mut invocation = self.scripts.promote.prepare_invoke();
        invocation
            .key(self.key("stream"))
            .key(self.key("deferred"))
            .arg(self.job_key(""))
            .arg(1000);
        let (_, next): (i64, i64) = self.run(invocation).await?;
        Ok(u64::try_from(next).ok().map(Duration::from_millis))
    }

    pub async fn reclaim(
        &self,
        worker: &str,
        max: usize,
    ) -> Result<Vec<Result<Delivery, Malformed>>, Unavailable> {
        let template = WORKER_LOST.replace("{tries}", "%d");
        let mut invocation = self.scripts.reclaim.prepare_invoke();
        invocation
            .key(self.key("stream"))
            .arg(GROUP)
            .arg(worker)
            .arg(self.lease.as_millis() as u64)
            .arg(max)
            .arg(self.job_key(""))
            .arg(self.keep_results.as_millis() as u64)
            .arg(self.key("done"))
            .arg(template);
        let taken: Value = self.run(invocation).await?;
        let mut out = Vec::new();
        if let Value::Array(items) = taken {
            for item in items {
                let Value::Array(parts) = item else { continue };
                if parts.len() != 3 {
                    continue;
                }
                let deliveries = match &parts[1] {
                    Value::Int(n) => u32::try_from(*n).unwrap_or(u32::MAX),
                    _ => 1,
                };
                out.push(delivery(text(&parts[0]), deliveries, &parts[2]));
            }
        }
        Ok(out)
    }

    /// Renew leases; returns (entries another worker took over, entries gone).
    pub async fn renew(
        &self,
        worker: &str,
        entries: &[String],
    ) -> Result<(Vec<String>, Vec<String>), Unavailable> {
        let mut invocation = self.scripts.renew.prepare_invoke();
        invocation.key(self.key("stream")).arg(GROUP).arg(worker);
        for entry in entries {
            invocation.arg(entry);
        }
        self.run(invocation).await
    }

    pub async fn finish(
        &self,
        worker: &str,
        completions: &[Completion],
    ) -> Result<(), Unavailable> {
        let mut invocation = self.scripts.finish.prepare_invoke();
        invocation
            .key(self.key("stream"))
            .key(self.key("deferred"))
            .arg(GROUP)
            .arg(worker)
            .arg(self.keep_results.as_millis() as u64)
            .arg(self.key("done"));
        for completion in completions {
            let (kind, job, x, y, z): (&str, &str, Vec<u8>, String, String) = match completion {
                Completion::Succeed {
                    job, result, tries, ..
                } => ("ok", job, result.clone(), tries.to_string(), String::new()),
                Completion::Fail { job, failure, .. } => (
                    "fail",
                    job,
                    failure.error_type.clone().into_bytes(),
                    failure.message.clone(),
                    failure.tries.to_string(),
                ),
                Completion::RetryAt {
                    job,
                    tries,
                    delay_ms,
                    ..
                } => (
                    "retry",
                    job,
                    tries.to_string().into_bytes(),
                    delay_ms.to_string(),
                    String::new(),
                ),
                Completion::HandBack { job, .. } => {
                    ("back", job, Vec::new(), String::new(), String::new())
                }
                Completion::Drop { .. } => ("drop", "", Vec::new(), String::new(), String::new()),
            };
            invocation.key(self.job_key(job));
            invocation
                .arg(kind)
                .arg(completion.entry())
                .arg(job)
                .arg(x)
                .arg(y)
                .arg(z);
        }
        let _: i64 = self.run(invocation).await?;
        Ok(())
    }

    pub async fn drained(&self) -> Result<bool, Unavailable> {
        let (queued, deferred): (u64, u64) = redis::pipe()
            .cmd("XLEN")
            .arg(self.key("stream"))
            .cmd("ZCARD")
            .arg(self.key("deferred"))
            .query_async(&mut self.conn())
            .await?;
        Ok(queued == 0 && deferred == 0)
    }

    pub async fn status(&self, job: &str) -> Result<Status, Unavailable> {
        let mut invocation = self.scripts.status.prepare_invoke();
        invocation
            .key(self.key("stream"))
            .key(self.job_key(job))
            .arg(GROUP);
        let status: String = self.run(invocation).await?;
        Ok(match status.as_str() {
            "queued" => Status::Queued,
            "deferred" => Status::Deferred,
            "running" => Status::Running,
            "succeeded" => Status::Succeeded,
            "failed" => Status::Failed,
            _ => Status::Unknown,
        })
    }

    pub async fn finished(&self, job: &str) -> Result<Option<Finished>, Unavailable> {
        let fields: FinishedFields = redis::cmd("HMGET")
            .arg(self.job_key(job))
            .arg("state")
            .arg("result")
            .arg("error_type")
            .arg("message")
            .arg("tries")
            .query_async(&mut self.conn())
            .await?;
        Ok(match fields {
            (Some(state), Some(result), ..) if state == "succeeded" => {
                Some(Finished::Succeeded(result))
            }
            (Some(state), _, error_type, message, tries) if state == "failed" => {
                Some(Finished::Failed(Failure {
                    error_type: error_type.unwrap_or_default(),
                    message: message.unwrap_or_default(),
                    tries: tries.unwrap_or(0),
                }))
            }
            _ => None,
        })
    }

    /// A connection for one worker's blocking reads: its replies may take
    /// as long as the block, so its response timeout is longer.
    pub fn blocking_connection(&self, block: Duration) -> Result<ConnectionManager, Unavailable> {
        ConnectionManager::new_lazy_with_config(
            self.client.clone(),
            manager_config(block + Duration::from_secs(2)),
        )
        .map_err(Unavailable::from)
    }

    /// Listen on the queue's channel and wake the waiters of every job it
    /// announces; started on the first wait. Reconnects by itself; after a
    /// reconnect it wakes every waiter, since announcements may have been missed.
    pub fn listen(self: &Arc<Self>) {
        if self.listening.swap(true, Ordering::Relaxed) {
            return;
        }
        let client = self.client.clone();
        let channel = self.key("done");
        let waiters = self.waiters.clone();
        let _ = runtime::spawn(async move {
            let mut pause = Duration::from_millis(50);
            loop {
                let subscribed = async {
                    let mut pubsub = client.get_async_pubsub().await?;
                    pubsub.subscribe(&channel).await?;
                    Ok::<_, RedisError>(pubsub)
                };
                if let Ok(Ok(pubsub)) =
                    tokio::time::timeout(Duration::from_secs(2), subscribed).await
                {
                    pause = Duration::from_millis(50);
                    waiters.wake_all();
                    let mut messages = pubsub.into_on_message();
                    while let Some(message) = messages.next().await {
                        let payload: Vec<u8> = message.get_payload_bytes().to_vec();
                        for job in payload.split(|byte| *byte == b'\n') {
                            waiters.wake(&String::from_utf8_lossy(job));
                        }
                    }
                }
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(Duration::from_secs(2));
            }
        });
    }
}

/// A job hash's state, result, error_type, message and tries.
type FinishedFields = (
    Option<String>,
    Option<Vec<u8>>,
    Option<String>,
    Option<String>,
    Option<u32>,
);

fn text(value: &Value) -> String {
    match value {
        Value::BulkString(bytes) => String::from_utf8_lossy(bytes).into_owned(),
        Value::SimpleString(text) => text.clone(),
        Value::Int(n) => n.to_string(),
        _ => String::new(),
    }
}

fn delivery(entry: String, deliveries: u32, fields: &Value) -> Result<Delivery, Malformed> {
    let mut job = None;
    let mut name = None;
    let mut args = None;
    let mut max_tries = None;
    let mut timeout = None;
    let mut tries = None;
    if let Value::Array(items) = fields {
        for pair in items.chunks(2) {
            let [key, value] = pair else { continue };
            match text(key).as_str() {
                "job" => job = Some(text(value)),
                "name" => name = Some(text(value)),
                "args" => {
                    if let Value::BulkString(bytes) = value {
                        args = Some(bytes.clone());
                    }
                }
                "max_tries" => max_tries = text(value).parse::<u32>().ok(),
                "timeout" => timeout = Some(text(value)),
                "tries" => tries = text(value).parse::<u32>().ok(),
                _ => {}
            }
        }
    }
    let malformed = |job: Option<String>, reason: &str| Malformed {
        entry: entry.clone(),
        job,
        reason: reason.to_owned(),
    };
    let Some(job) = job.filter(|job| !job.is_empty()) else {
        return Err(malformed(None, "the entry has no job id"));
    };
    let (Some(name), Some(args), Some(max_tries), Some(tries)) = (name, args, max_tries, tries)
    else {
        return Err(malformed(
            Some(job),
            "the entry lacks one of the fields name, args, max_tries and tries, or has one of the wrong form",
        ));
    };
    let timeout_ms = match timeout.as_deref() {
        None | Some("") => None,
        Some(text) => match text.parse::<u64>() {
            Ok(ms) => Some(ms),
            Err(_) => {
                return Err(malformed(
                    Some(job),
                    "its timeout is not a number of milliseconds",
                ));
            }
        },
    };
    Ok(Delivery {
        entry,
        job,
        name,
        args,
        try_number: tries.saturating_add(deliveries),
        max_tries,
        timeout_ms,
    })
}
