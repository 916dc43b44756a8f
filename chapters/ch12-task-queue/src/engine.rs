//! A worker's engine: everything a worker does except running the tasks.
//!
//! Three loops run on tokio while Python runs tasks on its own event loop:
//!
//! - the *claimer* keeps deliveries claimed ahead of need in a buffer
//!   (claiming many per round trip, up to `2 * concurrency` held, running or
//!   buffered), moves due deferred jobs into the queue, and takes over jobs
//!   whose worker let its lease lapse;
//! - the *renewer* renews the lease of every delivery this worker holds;
//! - the *writer* writes back what finished, as many as have piled up per
//!   round trip.
//!
//! Python crosses in only to `take` a batch of deliveries (no await when the
//! buffer has some) and to `finish` one (a channel send). The engine decides
//! what a task's outcome means: success, another try after a backoff, or a
//! failure for good.
//!
//! A job taken over from a lost worker is a *suspect*: it may be what killed
//! that worker. It runs alone: the engine takes over one suspect at a time,
//! waits until nothing else runs, hands its prefetched jobs back, and claims
//! nothing more until the suspect is done. If the suspect kills this worker
//! too, no other job dies with it, so only a job that really kills its
//! worker runs out of tries (`WorkerLost`); the others go on.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use serde_json::Value;
use tokio::sync::{Notify, mpsc};
use tokio::task::JoinHandle;
use tokio::time::Instant;

use crate::backend::{Backend, Reader};
use crate::job::{Completion, Delivery, Failure, Malformed, backoff};
use crate::runtime;

/// How long one blocking read waits for new work before the claimer looks
/// at deferred jobs and lapsed leases again.
const BLOCK: Duration = Duration::from_millis(250);

/// How a try of a task ended, as the Python side reports it.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Returned; the result as JSON bytes.
    Returned(Vec<u8>),
    /// Raised an exception: retried with backoff while tries remain.
    Raised { error_type: String, message: String },
    /// Raised `Retry(delay)`: another try after `delay` (or the backoff).
    Retry(Option<Duration>),
    /// Ran longer than its timeout: retried while tries remain.
    TimedOut(Duration),
    /// Cannot succeed however often it is tried (an unknown task, a result
    /// that JSON cannot carry): fails for good now.
    Failed { error_type: String, message: String },
    /// Never started, or stopped by a worker shutting down: back to the
    /// queue for any worker, no try counted.
    HandBack,
}

/// A delivery whose arguments parsed as `[args, kwargs]`.
#[derive(Debug)]
pub struct Ready {
    pub delivery: Delivery,
    pub args: Value,
    pub kwargs: Value,
}

/// What a worker did, for `WorkerStats`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub succeeded: u64,
    pub failed: u64,
    pub retried: u64,
}

#[derive(Clone, Debug)]
pub struct WorkerConfig {
    /// At most this many tasks run at once; the buffer holds as many more.
    pub concurrency: usize,
    /// Stop once nothing is queued, deferred or running.
    pub burst: bool,
    /// The task names this worker can run.
    pub known: HashSet<String>,
}

#[derive(Default)]
struct State {
    buffer: VecDeque<Ready>,
    /// Taken over from a lost worker: each runs alone (see the module docs).
    suspects: VecDeque<Ready>,
    /// The token of the suspect running now, alone.
    isolating: Option<u64>,
    /// Take over the next lapsed lease at once (a suspect just finished).
    reclaim_soon: bool,
    running: HashMap<u64, Delivery>,
    next_token: u64,
    /// Completions sent to the writer and not yet written.
    unwritten: usize,
    stopping: bool,
    /// When a retry this worker scheduled falls due: look at deferred jobs then.
    promote_hint: Option<Instant>,
    /// No more deliveries will come (burst drained, or stopped).
    done: bool,
    /// Nobody will `close` this engine: whichever of `abandon` and the
    /// claimer's end comes second closes the channel to the writer.
    abandoned: bool,
    claimer_ended: bool,
    stats: Stats,
    warnings: VecDeque<String>,
}

struct Shared {
    state: Mutex<State>,
    /// Something to take, or the end.
    ready: Notify,
    /// Room in the buffer, or a stop.
    room: Notify,
    /// The writer wrote a batch.
    written: Notify,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn warn(&self, message: String) {
        let mut state = self.lock();
        if state.warnings.len() < 100 {
            state.warnings.push_back(message);
        }
    }
}

/// The engine's three loops on tokio (see the module docs).
struct Loops {
    claimer: JoinHandle<()>,
    renewer: JoinHandle<()>,
    writer: JoinHandle<()>,
}

pub struct Engine {
    backend: Backend,
    name: String,
    config: WorkerConfig,
    shared: Arc<Shared>,
    sender: Mutex<Option<mpsc::UnboundedSender<Completion>>>,
    loops: Mutex<Option<Loops>>,
}

/// A name for this worker, unique across machines and processes.
fn worker_name() -> String {
    let host = std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "host".to_owned());
    format!("{host}-{}-{:08x}", std::process::id(), fastrand::u32(..))
}

impl Engine {
    /// Start the engine's loops on the runtime. Call inside the runtime.
    pub fn start(backend: Backend, config: WorkerConfig) -> Result<Arc<Self>, String> {
        let reader = backend.reader(BLOCK).map_err(|error| error.message)?;
        let (sender, receiver) = mpsc::unbounded_channel();
        let engine = Arc::new(Engine {
            backend,
            name: worker_name(),
            config,
            shared: Arc::new(Shared {
                state: Mutex::default(),
                ready: Notify::new(),
                room: Notify::new(),
                written: Notify::new(),
            }),
            sender: Mutex::new(Some(sender)),
            loops: Mutex::default(),
        });
        let claiming = engine.clone();
        let claimer = async move {
            claiming.clone().claimer(reader).await;
            let abandoned = {
                let mut state = claiming.shared.lock();
                state.claimer_ended = true;
                state.abandoned
            };
            if abandoned {
                claiming.close_channel();
            }
        };
        let loops = Loops {
            claimer: runtime::spawn(claimer)?,
            renewer: runtime::spawn(engine.clone().renewer())?,
            writer: runtime::spawn(engine.clone().writer(receiver))?,
        };
        *engine.loops.lock().unwrap_or_else(PoisonError::into_inner) = Some(loops);
        Ok(engine)
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    // ANCHOR: take
    /// Up to `max` deliveries to start now, with a token each for `finish`.
    /// Never waits: an empty answer means "await `wait_ready` first".
    pub fn take(&self, max: usize) -> Vec<(u64, Ready)> {
        let mut state = self.shared.lock();
        let mut taken = Vec::new();
        if state.isolating.is_some() || max == 0 {
            return taken;
        }
        if !state.suspects.is_empty() {
            if !state.running.is_empty() {
                return taken; // a suspect waits until nothing else runs
            }
            let Some(suspect) = state.suspects.pop_front() else {
                return taken;
            };
            state.next_token += 1;
            let token = state.next_token;
            state.running.insert(token, suspect.delivery.clone());
            state.isolating = Some(token);
            // Prefetched jobs would die with this worker if the suspect kills it.
            let prefetched: Vec<Completion> = state
                .buffer
                .drain(..)
                .map(|ready| hand_back(ready.delivery))
                .collect();
            state.unwritten += prefetched.len();
            drop(state);
            for completion in prefetched {
                self.send(completion);
            }
            return vec![(token, suspect)];
        }
        while taken.len() < max {
            let Some(ready) = state.buffer.pop_front() else {
                break;
            };
            state.next_token += 1;
            let token = state.next_token;
            state.running.insert(token, ready.delivery.clone());
            taken.push((token, ready));
        }
        drop(state);
        if !taken.is_empty() {
            self.shared.room.notify_one();
        }
        taken
    }
    // ANCHOR_END: take

    /// Wait until `take` has something (`true`) or nothing more will come
    /// (`false`: stopped, or a burst worker found the queue drained).
    pub async fn wait_ready(&self) -> bool {
        loop {
            let notified = self.shared.ready.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            {
                let state = self.shared.lock();
                if state.can_take() {
                    return true;
                }
                if state.done || state.stopping {
                    return false;
                }
            }
            notified.await;
        }
    }

    // ANCHOR: finish
    /// Record how the try behind `token` ended; the writer stores it soon,
    /// together with whatever else finished meanwhile. Returns false for a
    /// token this engine does not know (already finished, or never given).
    pub fn finish(&self, token: u64, outcome: Outcome) -> bool {
        let mut state = self.shared.lock();
        let Some(delivery) = state.running.remove(&token) else {
            return false;
        };
        let completion = decide(delivery, outcome, &mut state.stats);
        state.unwritten += 1;
        let isolated = state.isolating == Some(token);
        if isolated {
            state.isolating = None;
            state.reclaim_soon = true;
        }
        let suspect_may_start = !state.suspects.is_empty() && state.running.is_empty();
        let claim_more = state.wants_claims(self.config.concurrency);
        drop(state);
        self.send(completion);
        if isolated || suspect_may_start {
            self.shared.ready.notify_waiters();
        }
        if isolated || suspect_may_start || claim_more {
            self.shared.room.notify_one();
        }
        true
    }
    // ANCHOR_END: finish

    fn send(&self, completion: Completion) {
        let sender = self.sender.lock().unwrap_or_else(PoisonError::into_inner);
        match sender.as_ref().map(|sender| sender.send(completion)) {
            Some(Ok(())) => {}
            // Closed: the job stays pending and another worker takes it after the lease.
            _ => self.shared.lock().unwrap_written(1),
        }
    }

    /// Stop claiming, and hand every delivery not started back to the queue
    /// at once, so that another worker can take it while this one lets its
    /// running tasks finish. `wait_ready` returns false from now on.
    pub fn stop(&self) {
        let unstarted: Vec<Completion> = {
            let mut state = self.shared.lock();
            state.stopping = true;
            let mut waiting: Vec<Ready> = state.buffer.drain(..).collect();
            waiting.extend(state.suspects.drain(..));
            let unstarted: Vec<Completion> = waiting
                .into_iter()
                .map(|ready| hand_back(ready.delivery))
                .collect();
            state.unwritten += unstarted.len();
            unstarted
        };
        for completion in unstarted {
            self.send(completion);
        }
        self.shared.ready.notify_waiters();
        self.shared.room.notify_waiters();
    }

    /// Stop, hand back every delivery not started (and any still marked
    /// running: the caller stopped them), write everything out, and end the
    /// loops. Waits up to `patience` for the writes.
    pub async fn close(&self, patience: Duration) -> Stats {
        self.stop();
        let claimer = self
            .loops
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .map(|loops| loops.claimer.abort_handle());
        // The claimer may be inside a blocking read; whatever it brings back
        // after the stop is handed back below.
        let deadline = Instant::now() + BLOCK * 4;
        while claimer.as_ref().is_some_and(|handle| !handle.is_finished())
            && Instant::now() < deadline
        {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let unstarted: Vec<Completion> = {
            let mut state = self.shared.lock();
            let mut buffered: Vec<Delivery> =
                state.buffer.drain(..).map(|ready| ready.delivery).collect();
            buffered.extend(state.suspects.drain(..).map(|ready| ready.delivery));
            let running: Vec<Delivery> = state
                .running
                .drain()
                .map(|(_, delivery)| delivery)
                .collect();
            let all: Vec<Completion> = buffered
                .into_iter()
                .chain(running)
                .map(|delivery| Completion::HandBack {
                    entry: delivery.entry,
                    job: delivery.job,
                })
                .collect();
            state.unwritten += all.len();
            all
        };
        for completion in unstarted {
            self.send(completion);
        }
        // Closing the channel lets the writer end once it has written the rest.
        self.close_channel();
        let deadline = Instant::now() + patience;
        loop {
            let written = self.shared.written.notified();
            tokio::pin!(written);
            written.as_mut().enable();
            if self.shared.lock().unwritten == 0 || Instant::now() >= deadline {
                break;
            }
            tokio::select! {
                () = written => {}
                () = tokio::time::sleep_until(deadline) => {}
            }
        }
        if let Some(loops) = self
            .loops
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
        {
            for task in [loops.claimer, loops.renewer, loops.writer] {
                task.abort();
            }
        }
        if self.shared.lock().unwritten == 0 {
            let _ = self.backend.forget_worker(&self.name).await;
        }
        self.stats()
    }

    /// For an engine nobody will `close` (its Python object was dropped):
    /// stop, hand back what was not started, and let the loops end. The
    /// loops hold the engine, so nothing else would end them. Jobs still
    /// marked running are no longer renewed and run again elsewhere once
    /// their lease lapses.
    pub fn abandon(&self) {
        self.stop();
        // The claimer ends on the stop, once a read it is inside returns; what
        // that read brings back is handed back through the writer. So the
        // claimer closes the channel as it ends, which ends the writer once it
        // has written the rest. The renewer would go on forever: abort it.
        let claimer_ended = {
            let mut state = self.shared.lock();
            state.abandoned = true;
            state.claimer_ended
        };
        if claimer_ended {
            self.close_channel();
        }
        if let Some(loops) = self
            .loops
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
        {
            loops.renewer.abort();
        }
    }

    fn close_channel(&self) {
        self.sender
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
    }

    pub fn stats(&self) -> Stats {
        self.shared.lock().stats
    }

    /// Messages about trouble the engine is riding out (Redis unreachable,
    /// leases lost), for the Python side to log.
    pub fn take_warnings(&self) -> Vec<String> {
        self.shared.lock().warnings.drain(..).collect()
    }

    /// Deliveries in hand: buffered plus running.
    pub fn held(&self) -> (usize, usize) {
        let state = self.shared.lock();
        (
            state.buffer.len() + state.suspects.len(),
            state.running.len(),
        )
    }

    // ANCHOR: claimer
    async fn claimer(self: Arc<Self>, mut reader: Reader) {
        let concurrency = self.config.concurrency;
        let lease = self.backend.lease();
        let reclaim_every = (lease / 4).clamp(Duration::from_millis(50), Duration::from_secs(5));
        let mut next_promote = Instant::now();
        let mut next_reclaim = Instant::now();
        let mut pause = Duration::from_millis(50);
        loop {
            // Wait for room in the buffer (or a stop).
            loop {
                let notified = self.shared.room.notified();
                tokio::pin!(notified);
                notified.as_mut().enable();
                {
                    let state = self.shared.lock();
                    if state.stopping {
                        return;
                    }
                    // No claiming while a suspect waits or runs: it runs alone.
                    let isolating = state.isolating.is_some() || !state.suspects.is_empty();
                    if !isolating && state.wants_claims(concurrency) {
                        break;
                    }
                }
                notified.await;
            }
            {
                let mut state = self.shared.lock();
                if let Some(hint) = state.promote_hint.take() {
                    next_promote = next_promote.min(hint);
                }
                if std::mem::take(&mut state.reclaim_soon) {
                    next_reclaim = Instant::now();
                }
            }
            let result: Result<(), String> = async {
                let now = Instant::now();
                if now >= next_promote {
                    let next = self.backend.promote_due().await.map_err(|e| e.message)?;
                    next_promote = now + next.unwrap_or(BLOCK * 4).min(BLOCK * 4);
                }
                if now >= next_reclaim {
                    // One at a time: each job taken over runs alone.
                    let taken = self
                        .backend
                        .reclaim(&self.name, 1)
                        .await
                        .map_err(|e| e.message)?;
                    next_reclaim = now + reclaim_every;
                    if !taken.is_empty() {
                        self.accept(taken, true);
                        return Ok(());
                    }
                }
                let block = next_promote
                    .saturating_duration_since(Instant::now())
                    .clamp(Duration::from_millis(5), BLOCK);
                let room = self.shared.lock().room(concurrency);
                if room == 0 {
                    return Ok(());
                }
                let read = self
                    .backend
                    .read_new(&mut reader, &self.name, room, block)
                    .await
                    .map_err(|e| e.message)?;
                let got_some = !read.is_empty();
                self.accept(read, false);
                if self.config.burst
                    && !got_some
                    && self.idle()
                    && self.backend.drained().await.map_err(|e| e.message)?
                {
                    self.shared.lock().done = true;
                    self.shared.ready.notify_waiters();
                }
                Ok(())
            }
            .await;
            match result {
                Ok(()) => pause = Duration::from_millis(50),
                Err(error) => {
                    self.shared.warn(format!(
                        "cannot claim jobs ({error}); trying again in {pause:?}"
                    ));
                    tokio::time::sleep(pause).await;
                    pause = (pause * 2).min(Duration::from_secs(2));
                }
            }
            if self.shared.lock().done {
                return;
            }
        }
    }
    // ANCHOR_END: claimer

    /// Nothing buffered, running or waiting to be written by this worker.
    fn idle(&self) -> bool {
        let state = self.shared.lock();
        state.buffer.is_empty()
            && state.suspects.is_empty()
            && state.running.is_empty()
            && state.unwritten == 0
    }

    /// Sort what was claimed: runnable deliveries into the buffer; unknown
    /// tasks and malformed entries fail for good at once (without retries: no
    /// number of tries will make them run). A delivery claimed after a stop
    /// goes straight back.
    fn accept(&self, read: Vec<Result<Delivery, Malformed>>, suspects: bool) {
        let mut refused = Vec::new();
        let mut state = self.shared.lock();
        let stopping = state.stopping;
        let before = state.buffer.len() + state.suspects.len();
        for item in read {
            match item {
                Ok(delivery) if stopping => refused.push(hand_back(delivery)),
                Ok(delivery) if !self.config.known.contains(&delivery.name) => {
                    let mut known: Vec<String> = self
                        .config
                        .known
                        .iter()
                        .map(|name| format!("'{name}'"))
                        .collect();
                    known.sort_unstable();
                    let known = if known.is_empty() {
                        "no tasks".to_owned()
                    } else {
                        known.join(", ")
                    };
                    let failure = Failure {
                        error_type: "UnknownTask".to_owned(),
                        message: format!(
                            "no task named '{}' is registered in the worker that took this job \
                             (it knows {known}); is the worker older, or the producer newer?",
                            delivery.name
                        ),
                        tries: delivery.try_number,
                    };
                    state.stats.failed += 1;
                    refused.push(Completion::Fail {
                        entry: delivery.entry,
                        job: delivery.job,
                        failure,
                    });
                }
                Ok(delivery) => match parse_call(&delivery.args) {
                    Ok((args, kwargs)) => {
                        let ready = Ready {
                            delivery,
                            args,
                            kwargs,
                        };
                        if suspects {
                            state.suspects.push_back(ready);
                        } else {
                            state.buffer.push_back(ready);
                        }
                    }
                    Err(reason) => {
                        state.stats.failed += 1;
                        refused.push(malformed(
                            Malformed {
                                entry: delivery.entry.clone(),
                                job: Some(delivery.job.clone()),
                                reason,
                            },
                            delivery.try_number,
                        ));
                    }
                },
                Err(bad) => {
                    if bad.job.is_some() {
                        state.stats.failed += 1;
                    }
                    refused.push(malformed(bad, 1));
                }
            }
        }
        let added = state.buffer.len() + state.suspects.len() > before;
        state.unwritten += refused.len();
        drop(state);
        for completion in refused {
            self.send(completion);
        }
        if added {
            self.shared.ready.notify_waiters();
        }
    }

    async fn renewer(self: Arc<Self>) {
        let every = (self.backend.lease() / 3).max(Duration::from_millis(20));
        loop {
            tokio::time::sleep(every).await;
            let held: Vec<String> = {
                let state = self.shared.lock();
                state
                    .buffer
                    .iter()
                    .chain(&state.suspects)
                    .map(|ready| ready.delivery.entry.clone())
                    .chain(
                        state
                            .running
                            .values()
                            .map(|delivery| delivery.entry.clone()),
                    )
                    .collect()
            };
            if held.is_empty() {
                continue;
            }
            match self.backend.renew(&self.name, &held).await {
                Ok((taken, gone)) => {
                    // Entries gone (finished) or taken over by another worker
                    // after a lapsed lease: do not start them here.
                    let drop: HashSet<&String> = taken.iter().chain(&gone).collect();
                    if drop.is_empty() {
                        continue;
                    }
                    let mut state = self.shared.lock();
                    let before = state.buffer.len();
                    state
                        .buffer
                        .retain(|ready| !drop.contains(&ready.delivery.entry));
                    state
                        .suspects
                        .retain(|ready| !drop.contains(&ready.delivery.entry));
                    let dropped = before - state.buffer.len();
                    drop_and_notify(state, &self.shared);
                    if !taken.is_empty() {
                        self.shared.warn(format!(
                            "lost the lease of {} job(s) to another worker ({dropped} not started here)",
                            taken.len()
                        ));
                    }
                }
                Err(error) => self
                    .shared
                    .warn(format!("cannot renew leases ({})", error.message)),
            }
        }
    }

    // ANCHOR: writer
    async fn writer(self: Arc<Self>, mut receiver: mpsc::UnboundedReceiver<Completion>) {
        let mut batch = Vec::new();
        while receiver.recv_many(&mut batch, 1000).await > 0 {
            let mut pause = Duration::from_millis(20);
            // Keep trying: a result in hand is not given up because Redis is
            // restarting. If this process dies first, the jobs are still
            // pending and run again elsewhere after their lease.
            while let Err(error) = self.backend.finish(&self.name, &batch).await {
                self.shared.warn(format!(
                    "cannot write {} finished job(s) ({}); trying again in {pause:?}",
                    batch.len(),
                    error.message
                ));
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(Duration::from_secs(2));
            }
            let soonest_retry = batch
                .iter()
                .filter_map(|completion| match completion {
                    Completion::RetryAt { delay_ms, .. } => Some(*delay_ms),
                    _ => None,
                })
                .min();
            {
                let mut state = self.shared.lock();
                state.unwrap_written(batch.len());
                if let Some(delay_ms) = soonest_retry {
                    let due = Instant::now() + Duration::from_millis(delay_ms);
                    state.promote_hint = Some(state.promote_hint.map_or(due, |hint| hint.min(due)));
                }
            }
            batch.clear();
            self.shared.written.notify_waiters();
            // A burst worker waiting for the end looks again.
            self.shared.room.notify_one();
        }
    }
    // ANCHOR_END: writer
}

fn drop_and_notify(state: MutexGuard<'_, State>, shared: &Shared) {
    drop(state);
    shared.room.notify_one();
}

fn hand_back(delivery: Delivery) -> Completion {
    Completion::HandBack {
        entry: delivery.entry,
        job: delivery.job,
    }
}

impl State {
    /// How many more deliveries this worker may claim: it holds (runs, or has
    /// claimed and buffered) at most twice its concurrency. Tasks that take
    /// long keep the buffer to one batch; short ones leave room for two, so
    /// that the next batch is on its way while this one runs.
    fn room(&self, concurrency: usize) -> usize {
        (2 * concurrency).saturating_sub(self.buffer.len() + self.running.len())
    }

    /// Whether the claimer should read now: when the buffer ran dry, or when
    /// a whole batch fits (fewer, fuller reads: one round trip per batch).
    fn wants_claims(&self, concurrency: usize) -> bool {
        let room = self.room(concurrency);
        room > 0 && (self.buffer.is_empty() || room >= concurrency)
    }

    /// Whether `take` would give something now.
    fn can_take(&self) -> bool {
        if self.isolating.is_some() {
            false
        } else if !self.suspects.is_empty() {
            self.running.is_empty()
        } else {
            !self.buffer.is_empty()
        }
    }

    fn unwrap_written(&mut self, count: usize) {
        self.unwritten = self.unwritten.saturating_sub(count);
    }
}

fn parse_call(bytes: &[u8]) -> Result<(Value, Value), String> {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Array(mut parts))
            if parts.len() == 2 && parts[0].is_array() && parts[1].is_object() =>
        {
            let kwargs = parts.pop().unwrap_or_default();
            let args = parts.pop().unwrap_or_default();
            Ok((args, kwargs))
        }
        Ok(_) => Err("its arguments are not the JSON array [args, kwargs]".to_owned()),
        Err(error) => Err(format!("its arguments are not valid JSON ({error})")),
    }
}

fn malformed(bad: Malformed, tries: u32) -> Completion {
    match bad.job {
        Some(job) => Completion::Fail {
            entry: bad.entry,
            job,
            failure: Failure {
                error_type: "MalformedJob".to_owned(),
                message: format!("this job cannot be run: {}", bad.reason),
                tries,
            },
        },
        None => Completion::Drop { entry: bad.entry },
    }
}

// ANCHOR: decide
/// What an outcome means for the job: done, another try later, or failed
/// for good once `max_tries` tries were spent.
fn decide(delivery: Delivery, outcome: Outcome, stats: &mut Stats) -> Completion {
    let Delivery {
        entry,
        job,
        try_number,
        max_tries,
        ..
    } = delivery;
    let fail = |stats: &mut Stats, error_type: &str, message: String| {
        stats.failed += 1;
        Completion::Fail {
            entry: entry.clone(),
            job: job.clone(),
            failure: Failure {
                error_type: error_type.to_owned(),
                message,
                tries: try_number,
            },
        }
    };
    let (delay, error_type, message) = match outcome {
        Outcome::Returned(result) => {
            stats.succeeded += 1;
            return Completion::Succeed {
                entry,
                job,
                result,
                tries: try_number,
            };
        }
        Outcome::HandBack => return Completion::HandBack { entry, job },
        Outcome::Failed {
            error_type,
            message,
        } => return fail(stats, &error_type, message),
        Outcome::Raised {
            error_type,
            message,
        } => (None, error_type, message),
        Outcome::Retry(delay) => (
            delay,
            "Retry".to_owned(),
            format!("the task asked for another try, but all {max_tries} tries were spent"),
        ),
        Outcome::TimedOut(limit) => (
            None,
            "TimeoutError".to_owned(),
            format!(
                "the try ran longer than the task's timeout of {} s",
                limit.as_secs_f64()
            ),
        ),
    };
    if try_number >= max_tries {
        return fail(stats, &error_type, message);
    }
    stats.retried += 1;
    let delay = delay.unwrap_or_else(|| backoff(try_number + 1));
    Completion::RetryAt {
        entry,
        job,
        tries: try_number,
        delay_ms: u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
    }
}
// ANCHOR_END: decide
