//! The task queue's core without Python and without Redis: the embedded
//! backend (`Backend::memory`) and the worker engine, driven the way the
//! Python side drives them (`take`, `finish`, `wait_ready`, `close`).
//!
//! The engine's loops run on the process-wide runtime of `runtime::handle`;
//! every test closes the engines it starts so that they end. Nothing here
//! calls `runtime::stop_everything`, which would stop every engine in the binary.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use ch12_task_queue::backend::Backend;
use ch12_task_queue::engine::{Engine, Outcome, Ready, Stats, WorkerConfig};
use ch12_task_queue::job::worker_lost;
use ch12_task_queue::job::{Completion, Delivery, Failure, Finished, NewJob, Status};
use serde_json::json;
use tokio::time::{Instant, sleep, timeout, timeout_at};

/// A lease no test outlives: nothing is reclaimed unless a test says so.
const LONG_LEASE: Duration = Duration::from_secs(30);
const KEEP: Duration = Duration::from_secs(60);
/// Generous limits for things that normally take milliseconds.
const SOON: Duration = Duration::from_secs(3);
const ARGS: &[u8] = br#"[[1, 2], {"x": 3}]"#;

fn new_job(id: &str) -> NewJob {
    NewJob {
        id: id.to_owned(),
        name: "add".to_owned(),
        args: ARGS.to_vec(),
        max_tries: 3,
        timeout_ms: None,
        delay_ms: 0,
    }
}

fn start(backend: &Backend, concurrency: usize, burst: bool) -> Arc<Engine> {
    let config = WorkerConfig {
        concurrency,
        burst,
        known: HashSet::from(["add".to_owned()]),
    };
    Engine::start(backend.clone(), config).expect("the embedded backend needs no connection")
}

async fn enqueue(backend: &Backend, jobs: Vec<NewJob>) -> Vec<bool> {
    backend
        .enqueue(jobs)
        .await
        .expect("the embedded backend is always available")
        .into_iter()
        .map(|enqueued| enqueued.created)
        .collect()
}

async fn status(backend: &Backend, job: &str) -> Status {
    backend.status(job).await.expect("embedded")
}

async fn finished(backend: &Backend, job: &str) -> Option<Finished> {
    backend.finished(job).await.expect("embedded")
}

/// Wait for `job` to finish (the backend wakes the waiter), panicking after `within`.
async fn finished_within(backend: &Backend, job: &str, within: Duration) -> Finished {
    backend
        .wait_finished(job, Some(within))
        .await
        .expect("embedded")
        .unwrap_or_else(|| panic!("job {job} did not finish within {within:?}"))
}

/// Poll until `job` has status `want` (the engine writes outcomes back
/// asynchronously), panicking after `within`.
async fn wait_status(backend: &Backend, job: &str, want: Status, within: Duration) {
    let deadline = Instant::now() + within;
    loop {
        let now = status(backend, job).await;
        if now == want {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "job {job} is {now:?}, still not {want:?} after {within:?}"
        );
        sleep(Duration::from_millis(5)).await;
    }
}

/// Poll until the engine holds `want` (buffered, running), panicking after `within`.
async fn wait_held(engine: &Engine, want: (usize, usize), within: Duration) {
    let deadline = Instant::now() + within;
    while engine.held() != want {
        assert!(
            Instant::now() < deadline,
            "the engine holds {:?}, still not {want:?} after {within:?}",
            engine.held()
        );
        sleep(Duration::from_millis(5)).await;
    }
}

/// Wait for a delivery and take it, as the Python side does.
async fn take_one(engine: &Engine, within: Duration) -> (u64, Ready) {
    let deadline = Instant::now() + within;
    loop {
        if let Some(taken) = engine.take(1).pop() {
            return taken;
        }
        let ready = timeout_at(deadline, engine.wait_ready())
            .await
            .unwrap_or_else(|_| panic!("nothing to take within {within:?}"));
        assert!(ready, "the engine ended before it had anything to take");
    }
}

/// `wait_ready` answers false (the engine ended) within `within`.
async fn wait_ended(engine: &Engine, within: Duration) {
    let ready = timeout(within, engine.wait_ready())
        .await
        .unwrap_or_else(|_| panic!("the engine did not end within {within:?}"));
    assert!(!ready, "the engine had more work, but none was expected");
}

/// Drive a burst engine to its end, finishing every delivery as returned.
/// Returns the deliveries it took, in order.
async fn run_burst(engine: &Engine, within: Duration) -> Vec<Delivery> {
    let deadline = Instant::now() + within;
    let mut taken = Vec::new();
    while timeout_at(deadline, engine.wait_ready())
        .await
        .unwrap_or_else(|_| panic!("the burst engine did not end within {within:?}"))
    {
        for (token, ready) in engine.take(usize::MAX) {
            assert!(engine.finish(token, Outcome::Returned(b"null".to_vec())));
            taken.push(ready.delivery);
        }
    }
    taken
}

async fn close(engine: &Engine) -> Stats {
    engine.close(SOON).await
}

fn stats(succeeded: u64, failed: u64, retried: u64) -> Stats {
    Stats {
        succeeded,
        failed,
        retried,
    }
}

fn raised(message: &str) -> Outcome {
    Outcome::Raised {
        error_type: "ValueError".to_owned(),
        message: message.to_owned(),
    }
}

fn failed_with(finished: Finished) -> Failure {
    match finished {
        Finished::Failed(failure) => failure,
        Finished::Succeeded(result) => panic!(
            "expected a failure, the job succeeded with {:?}",
            String::from_utf8_lossy(&result)
        ),
    }
}

// 1. A job's life, and waiting for it.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn job_goes_from_queued_to_running_to_succeeded() {
    let backend = Backend::memory(LONG_LEASE, KEEP);
    assert_eq!(status(&backend, "life").await, Status::Unknown);
    assert_eq!(enqueue(&backend, vec![new_job("life")]).await, [true]);
    assert_eq!(status(&backend, "life").await, Status::Queued);
    assert_eq!(finished(&backend, "life").await, None);

    let waiter = {
        let backend = backend.clone();
        tokio::spawn(async move { backend.wait_finished("life", Some(SOON * 2)).await })
    };

    let engine = start(&backend, 1, false);
    let (token, ready) = take_one(&engine, SOON).await;
    assert_eq!(ready.delivery.job, "life");
    assert_eq!(ready.delivery.name, "add");
    assert_eq!(ready.delivery.try_number, 1);
    assert_eq!(ready.delivery.max_tries, 3);
    assert_eq!(ready.args, json!([1, 2]));
    assert_eq!(ready.kwargs, json!({"x": 3}));
    assert_eq!(status(&backend, "life").await, Status::Running);
    assert_eq!(engine.held(), (0, 1));
    assert_eq!(finished(&backend, "life").await, None);
    assert!(
        !waiter.is_finished(),
        "the waiter returned before the job finished"
    );

    assert!(engine.finish(token, Outcome::Returned(b"42".to_vec())));
    assert!(
        !engine.finish(token, Outcome::Returned(b"43".to_vec())),
        "a token is finished once"
    );
    let woken = timeout(SOON, waiter)
        .await
        .expect("the waiter was woken")
        .expect("the waiter did not panic")
        .expect("embedded");
    assert_eq!(woken, Some(Finished::Succeeded(b"42".to_vec())));
    assert_eq!(status(&backend, "life").await, Status::Succeeded);
    assert_eq!(
        finished(&backend, "life").await,
        Some(Finished::Succeeded(b"42".to_vec()))
    );
    // Waiting for a job that has already finished answers at once.
    assert_eq!(
        timeout(
            Duration::from_millis(500),
            backend.wait_finished("life", Some(SOON))
        )
        .await
        .expect("answered at once")
        .expect("embedded"),
        Some(Finished::Succeeded(b"42".to_vec()))
    );
    assert_eq!(engine.held(), (0, 0));
    assert_eq!(close(&engine).await, stats(1, 0, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wait_finished_times_out_with_none_for_a_job_that_never_finishes() {
    let backend = Backend::memory(LONG_LEASE, KEEP);
    assert_eq!(enqueue(&backend, vec![new_job("stuck")]).await, [true]);
    for job in ["stuck", "no-such-job"] {
        let started = Instant::now();
        let got = backend
            .wait_finished(job, Some(Duration::from_millis(150)))
            .await
            .expect("embedded");
        let waited = started.elapsed();
        assert_eq!(got, None, "{job}");
        assert!(waited >= Duration::from_millis(150), "{job}: {waited:?}");
        assert!(waited < Duration::from_millis(1000), "{job}: {waited:?}");
    }
    assert_eq!(status(&backend, "stuck").await, Status::Queued);
}

// 2. Deduplication by job id.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enqueueing_an_existing_id_adds_nothing() {
    let backend = Backend::memory(LONG_LEASE, KEEP);
    assert_eq!(enqueue(&backend, vec![new_job("a")]).await, [true]);
    let mut again = new_job("a");
    again.args = br#"[[9], {}]"#.to_vec();
    assert_eq!(enqueue(&backend, vec![again]).await, [false]);
    // Within one batch too.
    assert_eq!(
        enqueue(&backend, vec![new_job("b"), new_job("b")]).await,
        [true, false]
    );

    let mut reader = backend.reader(Duration::ZERO).expect("embedded");
    let read = backend
        .read_new(&mut reader, "w", 100, Duration::from_millis(50))
        .await
        .expect("embedded");
    let deliveries: Vec<Delivery> = read
        .into_iter()
        .map(|item| item.expect("well formed"))
        .collect();
    let jobs: Vec<&str> = deliveries.iter().map(|d| d.job.as_str()).collect();
    assert_eq!(jobs, ["a", "b"], "one delivery per job id");
    assert_eq!(
        deliveries[0].args, ARGS,
        "the first enqueue's arguments stay"
    );
    assert!(
        backend
            .read_new(&mut reader, "w", 100, Duration::from_millis(50))
            .await
            .expect("embedded")
            .is_empty()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enqueueing_the_id_of_a_deferred_job_adds_nothing() {
    let backend = Backend::memory(LONG_LEASE, KEEP);
    let mut later = new_job("later");
    later.delay_ms = 10_000;
    assert_eq!(enqueue(&backend, vec![later]).await, [true]);
    assert_eq!(status(&backend, "later").await, Status::Deferred);
    // The same id without a delay neither replaces nor queues it.
    assert_eq!(enqueue(&backend, vec![new_job("later")]).await, [false]);
    assert_eq!(status(&backend, "later").await, Status::Deferred);
    let mut reader = backend.reader(Duration::ZERO).expect("embedded");
    assert!(
        backend
            .read_new(&mut reader, "w", 10, Duration::from_millis(50))
            .await
            .expect("embedded")
            .is_empty()
    );
    let due_in = backend
        .promote_due()
        .await
        .expect("embedded")
        .expect("still deferred");
    assert!(due_in > Duration::from_secs(9), "{due_in:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finished_job_blocks_its_id_until_its_result_expires() {
    let keep = Duration::from_millis(200);
    let backend = Backend::memory(LONG_LEASE, keep);
    let mut reader = backend.reader(Duration::ZERO).expect("embedded");
    assert_eq!(enqueue(&backend, vec![new_job("once")]).await, [true]);
    let delivery = backend
        .read_new(&mut reader, "w", 10, Duration::from_millis(50))
        .await
        .expect("embedded")
        .pop()
        .expect("a delivery")
        .expect("well formed");
    let done = Completion::Succeed {
        entry: delivery.entry,
        job: delivery.job,
        result: b"7".to_vec(),
        tries: 1,
    };
    backend.finish("w", &[done]).await.expect("embedded");
    let finished_at = Instant::now();

    // While the result is kept, the id is taken.
    assert_eq!(enqueue(&backend, vec![new_job("once")]).await, [false]);
    assert_eq!(status(&backend, "once").await, Status::Succeeded);
    assert_eq!(
        finished(&backend, "once").await,
        Some(Finished::Succeeded(b"7".to_vec()))
    );
    assert!(
        finished_at.elapsed() < keep,
        "too slow to check within keep_results"
    );
    assert!(
        backend
            .read_new(&mut reader, "w", 10, Duration::from_millis(20))
            .await
            .expect("embedded")
            .is_empty(),
        "the repeated enqueue queued nothing"
    );

    sleep(keep + Duration::from_millis(100)).await;
    assert_eq!(status(&backend, "once").await, Status::Unknown);
    assert_eq!(finished(&backend, "once").await, None);
    assert_eq!(enqueue(&backend, vec![new_job("once")]).await, [true]);
    assert_eq!(status(&backend, "once").await, Status::Queued);
    let fresh = backend
        .read_new(&mut reader, "w", 10, Duration::from_millis(50))
        .await
        .expect("embedded");
    assert_eq!(fresh.len(), 1);
    assert_eq!(fresh[0].as_ref().expect("well formed").try_number, 1);
}

// 3. Delays.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delayed_job_is_deferred_and_not_taken_before_its_delay() {
    let backend = Backend::memory(LONG_LEASE, KEEP);
    let started = Instant::now();
    let mut job = new_job("delayed");
    job.delay_ms = 300;
    assert_eq!(enqueue(&backend, vec![job]).await, [true]);
    assert_eq!(status(&backend, "delayed").await, Status::Deferred);

    let engine = start(&backend, 1, true);
    sleep(Duration::from_millis(150)).await;
    assert!(engine.take(1).is_empty(), "taken before its delay");
    assert_eq!(engine.held(), (0, 0));
    assert_eq!(status(&backend, "delayed").await, Status::Deferred);

    let (token, ready) = take_one(&engine, SOON).await;
    let waited = started.elapsed();
    assert_eq!(ready.delivery.job, "delayed");
    assert_eq!(ready.delivery.try_number, 1);
    assert!(
        waited >= Duration::from_millis(290),
        "taken after {waited:?}"
    );
    assert!(
        waited < Duration::from_millis(2000),
        "taken after {waited:?}"
    );
    assert!(engine.finish(token, Outcome::Returned(b"1".to_vec())));
    wait_ended(&engine, SOON).await;
    assert_eq!(status(&backend, "delayed").await, Status::Succeeded);
    assert_eq!(close(&engine).await, stats(1, 0, 0));
}

// 4. Outcomes: retries, timeouts, failures.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn raised_job_is_retried_with_backoff_then_fails_after_max_tries() {
    let backend = Backend::memory(LONG_LEASE, KEEP);
    assert_eq!(enqueue(&backend, vec![new_job("flaky")]).await, [true]);
    let engine = start(&backend, 1, true);
    let mut taken_at = Vec::new();
    for try_number in 1..=3 {
        let (token, ready) = take_one(&engine, Duration::from_secs(5)).await;
        taken_at.push(Instant::now());
        assert_eq!(ready.delivery.try_number, try_number);
        assert!(engine.finish(token, raised(&format!("boom {try_number}"))));
        if try_number < 3 {
            wait_status(&backend, "flaky", Status::Deferred, SOON).await;
            assert_eq!(finished(&backend, "flaky").await, None);
        }
    }
    // backoff(2) is 375..625 ms, backoff(3) 750..1250 ms.
    let first_gap = taken_at[1] - taken_at[0];
    let second_gap = taken_at[2] - taken_at[1];
    assert!(first_gap >= Duration::from_millis(370), "{first_gap:?}");
    assert!(second_gap >= Duration::from_millis(740), "{second_gap:?}");

    let failure = failed_with(finished_within(&backend, "flaky", SOON).await);
    assert_eq!(
        failure,
        Failure {
            error_type: "ValueError".to_owned(),
            message: "boom 3".to_owned(),
            tries: 3,
        }
    );
    assert_eq!(status(&backend, "flaky").await, Status::Failed);
    wait_ended(&engine, SOON).await;
    assert_eq!(engine.stats(), stats(0, 1, 2));
    assert_eq!(close(&engine).await, stats(0, 1, 2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retry_outcome_uses_the_delay_it_asks_for() {
    let backend = Backend::memory(LONG_LEASE, KEEP);
    let mut soon = new_job("soon");
    soon.max_tries = 2;
    assert_eq!(enqueue(&backend, vec![soon]).await, [true]);
    let engine = start(&backend, 1, false);

    let (token, ready) = take_one(&engine, SOON).await;
    assert_eq!(ready.delivery.try_number, 1);
    let asked = Instant::now();
    assert!(engine.finish(token, Outcome::Retry(Some(Duration::from_millis(10)))));
    // The backoff would be at least 375 ms; 10 ms was asked for. Promote due
    // jobs here rather than wait for the claimer's next look (up to 1 s).
    let (token, ready) = loop {
        if let Some(taken) = engine.take(1).pop() {
            break taken;
        }
        let since = asked.elapsed();
        assert!(
            since < Duration::from_millis(350),
            "no second try {since:?} after asking for one in 10 ms"
        );
        backend.promote_due().await.expect("embedded");
        sleep(Duration::from_millis(5)).await;
    };
    assert_eq!(ready.delivery.job, "soon");
    assert_eq!(ready.delivery.try_number, 2);
    // Asking for another try on the last one fails the job for good.
    assert!(engine.finish(token, Outcome::Retry(None)));
    let failure = failed_with(finished_within(&backend, "soon", SOON).await);
    assert_eq!(failure.error_type, "Retry");
    assert_eq!(failure.tries, 2);

    // A job that asks for 60 s stays deferred that long.
    assert_eq!(enqueue(&backend, vec![new_job("later")]).await, [true]);
    let (token, ready) = take_one(&engine, SOON).await;
    assert_eq!(ready.delivery.job, "later");
    assert!(engine.finish(token, Outcome::Retry(Some(Duration::from_secs(60)))));
    wait_status(&backend, "later", Status::Deferred, SOON).await;
    let due_in = backend
        .promote_due()
        .await
        .expect("embedded")
        .expect("later is deferred");
    assert!(due_in > Duration::from_secs(55), "{due_in:?}");
    assert_eq!(status(&backend, "later").await, Status::Deferred);
    assert_eq!(close(&engine).await, stats(0, 1, 2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timed_out_try_counts_as_a_try() {
    let backend = Backend::memory(LONG_LEASE, KEEP);
    let mut slow = new_job("slow");
    slow.max_tries = 2;
    slow.timeout_ms = Some(1000);
    assert_eq!(enqueue(&backend, vec![slow]).await, [true]);
    let engine = start(&backend, 1, true);

    let (token, ready) = take_one(&engine, SOON).await;
    assert_eq!(ready.delivery.try_number, 1);
    assert_eq!(ready.delivery.timeout_ms, Some(1000));
    assert!(engine.finish(token, Outcome::TimedOut(Duration::from_secs(1))));
    wait_status(&backend, "slow", Status::Deferred, SOON).await;

    let (token, ready) = take_one(&engine, Duration::from_secs(5)).await;
    assert_eq!(ready.delivery.try_number, 2);
    assert!(engine.finish(token, Outcome::TimedOut(Duration::from_secs(1))));
    let failure = failed_with(finished_within(&backend, "slow", SOON).await);
    assert_eq!(failure.error_type, "TimeoutError");
    assert_eq!(failure.tries, 2);
    assert!(failure.message.contains("timeout"), "{}", failure.message);
    wait_ended(&engine, SOON).await;
    assert_eq!(close(&engine).await, stats(0, 1, 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_outcome_fails_at_once_without_retries() {
    let backend = Backend::memory(LONG_LEASE, KEEP);
    assert_eq!(enqueue(&backend, vec![new_job("doomed")]).await, [true]);
    let engine = start(&backend, 1, true);
    let (token, ready) = take_one(&engine, SOON).await;
    assert_eq!(ready.delivery.max_tries, 3);
    let outcome = Outcome::Failed {
        error_type: "ResultNotJson".to_owned(),
        message: "a set is not JSON".to_owned(),
    };
    assert!(engine.finish(token, outcome));
    assert_eq!(
        failed_with(finished_within(&backend, "doomed", SOON).await),
        Failure {
            error_type: "ResultNotJson".to_owned(),
            message: "a set is not JSON".to_owned(),
            tries: 1,
        }
    );
    wait_ended(&engine, SOON).await;
    assert_eq!(close(&engine).await, stats(0, 1, 0));
}

// 5. Handing back.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn handed_back_job_is_delivered_again_with_the_same_try_number() {
    let backend = Backend::memory(LONG_LEASE, KEEP);
    assert_eq!(enqueue(&backend, vec![new_job("back")]).await, [true]);
    let engine = start(&backend, 1, false);
    let (token, ready) = take_one(&engine, SOON).await;
    assert_eq!(ready.delivery.try_number, 1);
    assert!(engine.finish(token, Outcome::HandBack));

    let (token, again) = take_one(&engine, SOON).await;
    assert_eq!(again.delivery.job, "back");
    assert_eq!(again.delivery.try_number, 1, "handing back counts no try");
    assert_eq!(engine.stats(), stats(0, 0, 0));
    assert!(engine.finish(token, Outcome::Returned(b"2".to_vec())));
    assert_eq!(
        finished_within(&backend, "back", SOON).await,
        Finished::Succeeded(b"2".to_vec())
    );
    assert_eq!(close(&engine).await, stats(1, 0, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn handed_back_retry_keeps_its_try_number() {
    let backend = Backend::memory(LONG_LEASE, KEEP);
    let mut reader = backend.reader(Duration::ZERO).expect("embedded");
    let block = Duration::from_millis(50);
    assert_eq!(enqueue(&backend, vec![new_job("second")]).await, [true]);
    let first = backend
        .read_new(&mut reader, "w", 1, block)
        .await
        .expect("embedded");
    let first = first[0].clone().expect("well formed");
    let retry = Completion::RetryAt {
        entry: first.entry,
        job: first.job,
        tries: 1,
        delay_ms: 0,
    };
    backend.finish("w", &[retry]).await.expect("embedded");
    assert_eq!(backend.promote_due().await.expect("embedded"), None);
    let second = backend
        .read_new(&mut reader, "w", 1, block)
        .await
        .expect("embedded");
    let second = second[0].clone().expect("well formed");
    assert_eq!(second.try_number, 2);

    let back = Completion::HandBack {
        entry: second.entry.clone(),
        job: second.job.clone(),
    };
    backend.finish("w", &[back]).await.expect("embedded");
    assert_eq!(status(&backend, "second").await, Status::Queued);
    let again = backend
        .read_new(&mut reader, "w", 1, block)
        .await
        .expect("embedded");
    let again = again[0].clone().expect("well formed");
    assert_ne!(again.entry, second.entry, "a new delivery");
    assert_eq!(again.try_number, 2);
}

// A delivery taken over from a lost worker and then handed back unstarted
// keeps the lost try: otherwise a job that kills its workers could run more
// than `max_tries` times whenever the worker that took it over stops gracefully.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn handed_back_reclaimed_delivery_keeps_the_lost_try() {
    let lease = Duration::from_millis(100);
    let backend = Backend::memory(lease, KEEP);
    let mut reader = backend.reader(Duration::ZERO).expect("embedded");
    let block = Duration::from_millis(50);
    assert_eq!(enqueue(&backend, vec![new_job("lost")]).await, [true]);
    let first = backend
        .read_new(&mut reader, "a", 1, block)
        .await
        .expect("embedded");
    assert_eq!(first[0].as_ref().expect("well formed").try_number, 1);
    sleep(lease + Duration::from_millis(50)).await;
    let reclaimed = backend.reclaim("b", 10).await.expect("embedded");
    let reclaimed = reclaimed[0].clone().expect("well formed");
    assert_eq!(reclaimed.try_number, 2);
    let back = Completion::HandBack {
        entry: reclaimed.entry,
        job: reclaimed.job,
    };
    backend.finish("b", &[back]).await.expect("embedded");
    let again = backend
        .read_new(&mut reader, "c", 1, block)
        .await
        .expect("embedded");
    let again = again[0].clone().expect("well formed");
    assert_eq!(
        again.try_number, 2,
        "the try lost with worker a still counts"
    );
}

// 6. Leases, driven on the backend directly.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lapsed_lease_is_reclaimed_by_another_worker_as_the_next_try() {
    let lease = Duration::from_millis(150);
    let backend = Backend::memory(lease, KEEP);
    let mut reader = backend.reader(Duration::ZERO).expect("embedded");
    assert_eq!(enqueue(&backend, vec![new_job("leased")]).await, [true]);
    let read = backend
        .read_new(&mut reader, "a", 10, Duration::from_millis(50))
        .await
        .expect("embedded");
    assert_eq!(read.len(), 1);
    let first = read[0].clone().expect("well formed");
    assert_eq!(first.try_number, 1);
    assert!(
        backend.reclaim("b", 10).await.expect("embedded").is_empty(),
        "reclaimed while the lease runs"
    );

    sleep(lease + Duration::from_millis(50)).await;
    let reclaimed = backend.reclaim("b", 10).await.expect("embedded");
    assert_eq!(reclaimed.len(), 1);
    let second = reclaimed[0].clone().expect("well formed");
    assert_eq!(second.entry, first.entry);
    assert_eq!(second.job, "leased");
    assert_eq!(second.try_number, 2);
    assert_eq!(status(&backend, "leased").await, Status::Running);
    // Worker a learns it lost the lease; b holds it now.
    let (taken, gone) = backend
        .renew("a", std::slice::from_ref(&first.entry))
        .await
        .expect("embedded");
    assert_eq!((taken, gone), (vec![first.entry.clone()], vec![]));
    let (taken, gone) = backend
        .renew("b", std::slice::from_ref(&first.entry))
        .await
        .expect("embedded");
    assert_eq!((taken, gone), (vec![], vec![]));

    let done = Completion::Succeed {
        entry: second.entry,
        job: second.job,
        result: b"3".to_vec(),
        tries: 2,
    };
    backend.finish("b", &[done]).await.expect("embedded");
    let (taken, gone) = backend
        .renew("b", std::slice::from_ref(&first.entry))
        .await
        .expect("embedded");
    assert_eq!((taken, gone), (vec![], vec![first.entry]));
    assert!(backend.drained().await.expect("embedded"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn renewing_keeps_the_lease() {
    let lease = Duration::from_millis(150);
    let backend = Backend::memory(lease, KEEP);
    let mut reader = backend.reader(Duration::ZERO).expect("embedded");
    assert_eq!(enqueue(&backend, vec![new_job("kept")]).await, [true]);
    let read = backend
        .read_new(&mut reader, "a", 10, Duration::from_millis(50))
        .await
        .expect("embedded");
    let entry = read[0].as_ref().expect("well formed").entry.clone();
    let held_since = Instant::now();
    while held_since.elapsed() < lease * 2 {
        sleep(lease / 3).await;
        let (taken, gone) = backend
            .renew("a", std::slice::from_ref(&entry))
            .await
            .expect("embedded");
        assert!(taken.is_empty() && gone.is_empty(), "{taken:?} {gone:?}");
        assert!(
            backend.reclaim("b", 10).await.expect("embedded").is_empty(),
            "reclaimed although renewed"
        );
    }
    // Without renewals it lapses.
    sleep(lease + Duration::from_millis(50)).await;
    let reclaimed = backend.reclaim("b", 10).await.expect("embedded");
    assert_eq!(reclaimed.len(), 1);
    assert_eq!(reclaimed[0].as_ref().expect("well formed").entry, entry);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn job_whose_worker_is_lost_in_every_try_fails_as_worker_lost() {
    let lease = Duration::from_millis(150);
    let backend = Backend::memory(lease, KEEP);
    let mut reader = backend.reader(Duration::ZERO).expect("embedded");
    let mut poison = new_job("poison");
    poison.max_tries = 2;
    assert_eq!(enqueue(&backend, vec![poison]).await, [true]);
    let read = backend
        .read_new(&mut reader, "a", 10, Duration::from_millis(50))
        .await
        .expect("embedded");
    assert_eq!(read[0].as_ref().expect("well formed").try_number, 1);

    sleep(lease + Duration::from_millis(50)).await;
    let reclaimed = backend.reclaim("b", 10).await.expect("embedded");
    assert_eq!(reclaimed.len(), 1);
    assert_eq!(reclaimed[0].as_ref().expect("well formed").try_number, 2);

    let waiter = {
        let backend = backend.clone();
        tokio::spawn(async move { backend.wait_finished("poison", Some(SOON)).await })
    };
    sleep(lease + Duration::from_millis(50)).await;
    assert!(
        backend.reclaim("c", 10).await.expect("embedded").is_empty(),
        "a job delivered max_tries times is not delivered again"
    );
    let woken = timeout(SOON, waiter)
        .await
        .expect("the waiter was woken")
        .expect("the waiter did not panic")
        .expect("embedded")
        .expect("finished");
    let failure = failed_with(woken);
    assert_eq!(failure, worker_lost(2));
    assert_eq!(failure.error_type, "WorkerLost");
    assert_eq!(failure.tries, 2);
    assert_eq!(status(&backend, "poison").await, Status::Failed);
    assert!(backend.drained().await.expect("embedded"));
}

// 7, 8. Deliveries a worker cannot run.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_task_fails_for_good_without_reaching_take() {
    let backend = Backend::memory(LONG_LEASE, KEEP);
    let mut mystery = new_job("mystery");
    mystery.name = "nope".to_owned();
    assert_eq!(
        enqueue(&backend, vec![mystery, new_job("fine")]).await,
        [true, true]
    );
    let engine = start(&backend, 2, true);
    let taken = run_burst(&engine, SOON).await;
    let jobs: Vec<&str> = taken.iter().map(|d| d.job.as_str()).collect();
    assert_eq!(jobs, ["fine"]);

    let failure = failed_with(finished_within(&backend, "mystery", SOON).await);
    assert_eq!(failure.error_type, "UnknownTask");
    assert_eq!(failure.tries, 1);
    assert!(failure.message.contains("nope"), "{}", failure.message);
    assert_eq!(
        finished(&backend, "fine").await,
        Some(Finished::Succeeded(b"null".to_vec()))
    );
    assert_eq!(close(&engine).await, stats(1, 1, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_arguments_fail_as_malformed_job() {
    let backend = Backend::memory(LONG_LEASE, KEEP);
    let bad: [&[u8]; 5] = [b"not json", b"[1, 2]", b"[[1], [2]]", b"{}", b"[[], {}, 3]"];
    let mut jobs: Vec<NewJob> = bad
        .iter()
        .enumerate()
        .map(|(i, args)| NewJob {
            args: args.to_vec(),
            ..new_job(&format!("bad-{i}"))
        })
        .collect();
    jobs.push(NewJob {
        args: br#"[[], {}]"#.to_vec(),
        ..new_job("good")
    });
    assert_eq!(enqueue(&backend, jobs).await, [true; 6]);
    let engine = start(&backend, 8, true);
    let taken = run_burst(&engine, SOON).await;
    let jobs: Vec<&str> = taken.iter().map(|d| d.job.as_str()).collect();
    assert_eq!(jobs, ["good"]);
    for i in 0..bad.len() {
        let job = format!("bad-{i}");
        let failure = failed_with(finished_within(&backend, &job, SOON).await);
        assert_eq!(failure.error_type, "MalformedJob", "{job}");
        assert_eq!(failure.tries, 1, "{job}");
    }
    assert_eq!(close(&engine).await, stats(1, 5, 0));
}

// 9. Burst engines.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn burst_engine_ends_once_nothing_is_queued_or_running() {
    let empty = Backend::memory(LONG_LEASE, KEEP);
    let idle = start(&empty, 2, true);
    wait_ended(&idle, SOON).await;
    assert!(idle.take(1).is_empty());
    assert_eq!(close(&idle).await, stats(0, 0, 0));

    let backend = Backend::memory(LONG_LEASE, KEEP);
    assert_eq!(enqueue(&backend, vec![new_job("one")]).await, [true]);
    let engine = start(&backend, 2, true);
    let (token, _) = take_one(&engine, SOON).await;
    // Not while the job runs here.
    assert!(
        timeout(Duration::from_millis(600), engine.wait_ready())
            .await
            .is_err(),
        "the burst engine ended while a job was running"
    );
    assert!(engine.finish(token, Outcome::Returned(b"1".to_vec())));
    wait_ended(&engine, SOON).await;
    assert!(backend.drained().await.expect("embedded"));
    assert_eq!(status(&backend, "one").await, Status::Succeeded);
    assert_eq!(close(&engine).await, stats(1, 0, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn burst_engine_keeps_going_while_a_job_is_deferred() {
    let backend = Backend::memory(LONG_LEASE, KEEP);
    let mut job = new_job("patient");
    job.delay_ms = 700;
    assert_eq!(enqueue(&backend, vec![job]).await, [true]);
    let engine = start(&backend, 2, true);
    assert!(
        timeout(Duration::from_millis(450), engine.wait_ready())
            .await
            .is_err(),
        "the burst engine answered before the deferred job was due"
    );
    assert!(!backend.drained().await.expect("embedded"));
    let taken = run_burst(&engine, SOON).await;
    assert_eq!(taken.len(), 1);
    assert_eq!(taken[0].job, "patient");
    assert_eq!(close(&engine).await, stats(1, 0, 0));
}

// 10. Prefetch.

async fn count_statuses(backend: &Backend, jobs: &[String]) -> (usize, usize) {
    let (mut queued, mut running) = (0, 0);
    for job in jobs {
        match status(backend, job).await {
            Status::Queued => queued += 1,
            Status::Running => running += 1,
            other => panic!("{job} is {other:?}"),
        }
    }
    (queued, running)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn engine_holds_at_most_twice_its_concurrency_and_claims_whole_batches() {
    let backend = Backend::memory(LONG_LEASE, KEEP);
    let ids: Vec<String> = (0..20).map(|i| format!("many-{i}")).collect();
    let jobs = ids.iter().map(|id| new_job(id)).collect();
    assert_eq!(enqueue(&backend, jobs).await, [true; 20]);
    let engine = start(&backend, 4, false);
    // Nothing runs yet: room for two batches.
    wait_held(&engine, (8, 0), SOON).await;
    sleep(Duration::from_millis(300)).await;
    assert_eq!(
        engine.held(),
        (8, 0),
        "claimed beyond twice its concurrency"
    );
    assert_eq!(count_statuses(&backend, &ids).await, (12, 8));

    // Four running, four buffered: nothing more to claim.
    let running = engine.take(4);
    assert_eq!(running.len(), 4);
    sleep(Duration::from_millis(300)).await;
    assert_eq!(engine.held(), (4, 4));
    // One finished leaves room for one, but the buffer still has work: the
    // claimer waits until a whole batch fits.
    let mut running = running.into_iter();
    let (token, _) = running.next().expect("four running");
    assert!(engine.finish(token, Outcome::Returned(b"null".to_vec())));
    sleep(Duration::from_millis(300)).await;
    assert_eq!(engine.held(), (4, 3), "claimed less than a batch");
    for (token, _) in running {
        assert!(engine.finish(token, Outcome::Returned(b"null".to_vec())));
    }
    wait_held(&engine, (8, 0), SOON).await;

    // A buffer that ran dry is refilled at once, with whatever fits.
    let running = engine.take(100);
    assert_eq!(running.len(), 8, "take hands out the buffer only");
    assert_eq!(engine.held(), (0, 8));
    let (token, _) = running.into_iter().next().expect("eight running");
    assert!(engine.finish(token, Outcome::Returned(b"null".to_vec())));
    wait_held(&engine, (1, 7), SOON).await;

    assert_eq!(close(&engine).await, stats(5, 0, 0));
}

// Jobs taken over from a lost worker may be what killed it: each runs alone,
// one at a time, and nothing else is claimed meanwhile.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jobs_taken_over_from_a_lost_worker_run_one_at_a_time_and_alone() {
    let lease = Duration::from_millis(100);
    let backend = Backend::memory(lease, KEEP);
    let mut reader = backend.reader(Duration::ZERO).expect("embedded");
    let jobs = (0..8).map(|i| new_job(&format!("orphan-{i}"))).collect();
    assert_eq!(enqueue(&backend, jobs).await, [true; 8]);
    // A worker that dies holding four of them.
    let read = backend
        .read_new(&mut reader, "ghost", 4, Duration::from_millis(50))
        .await
        .expect("embedded");
    assert_eq!(read.len(), 4);
    sleep(lease + Duration::from_millis(50)).await;

    let engine = start(&backend, 4, false);
    for _ in 0..4 {
        wait_held(&engine, (1, 0), SOON).await;
        sleep(Duration::from_millis(100)).await;
        assert_eq!(engine.held(), (1, 0), "nothing claimed beside a suspect");
        let taken = engine.take(4);
        assert_eq!(taken.len(), 1, "a suspect runs alone");
        let (token, ready) = taken.into_iter().next().expect("one");
        assert_eq!(ready.delivery.try_number, 2, "the lost delivery counted");
        assert!(engine.take(4).is_empty(), "nothing starts beside it");
        assert!(engine.finish(token, Outcome::Returned(b"null".to_vec())));
    }
    // Then the four that were never claimed fill the buffer as usual.
    wait_held(&engine, (4, 0), SOON).await;
    assert_eq!(close(&engine).await, stats(4, 0, 0));
}

// 11. Stopping and closing.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_abandoned_engine_hands_back_its_jobs_and_its_loops_end() {
    let backend = Backend::memory(LONG_LEASE, KEEP);
    let ids: Vec<String> = (0..3).map(|i| format!("left-{i}")).collect();
    let jobs = ids.iter().map(|id| new_job(id)).collect();
    assert_eq!(enqueue(&backend, jobs).await, [true; 3]);
    let abandoned = start(&backend, 3, false);
    wait_held(&abandoned, (3, 0), SOON).await;

    abandoned.abandon();
    // Its loops held the engine; once they end, this test's handle is the last.
    let deadline = Instant::now() + SOON;
    while Arc::strong_count(&abandoned) > 1 {
        assert!(Instant::now() < deadline, "the engine's loops did not end");
        sleep(Duration::from_millis(5)).await;
    }
    // Handed back, not left to a 30 s lease: another engine takes them now.
    let other = start(&backend, 8, true);
    assert_eq!(run_burst(&other, SOON).await.len(), 3);
    assert_eq!(close(&other).await, stats(3, 0, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stop_hands_back_what_was_not_started_while_the_running_job_goes_on() {
    // A long lease: the second engine can only get them by their being handed back.
    let backend = Backend::memory(LONG_LEASE, KEEP);
    let ids: Vec<String> = (0..4).map(|i| format!("stop-{i}")).collect();
    let jobs = ids.iter().map(|id| new_job(id)).collect();
    assert_eq!(enqueue(&backend, jobs).await, [true; 4]);
    let leaving = start(&backend, 2, false);
    wait_held(&leaving, (4, 0), SOON).await;
    let running = leaving.take(1);
    wait_held(&leaving, (3, 1), SOON).await;

    leaving.stop();
    assert_eq!(
        leaving.held(),
        (0, 1),
        "the unstarted ones are gone at once"
    );
    assert!(
        !leaving.wait_ready().await,
        "a stopped engine has nothing more"
    );
    // Another worker takes the three unstarted jobs while the first still runs one.
    let staying = start(&backend, 8, false);
    wait_held(&staying, (3, 0), SOON).await;
    let (token, _) = running.into_iter().next().expect("one running");
    assert!(leaving.finish(token, Outcome::Returned(b"1".to_vec())));
    assert_eq!(close(&leaving).await, stats(1, 0, 0));
    assert_eq!(close(&staying).await, stats(0, 0, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn close_hands_back_every_buffered_and_running_delivery() {
    // A long lease: the second engine can only get them by their being handed back.
    let backend = Backend::memory(LONG_LEASE, KEEP);
    let ids: Vec<String> = (0..5).map(|i| format!("held-{i}")).collect();
    let jobs = ids.iter().map(|id| new_job(id)).collect();
    assert_eq!(enqueue(&backend, jobs).await, [true; 5]);
    let first = start(&backend, 3, false);
    wait_held(&first, (5, 0), SOON).await;
    let running = first.take(2);
    assert_eq!(running.len(), 2);
    wait_held(&first, (3, 2), SOON).await;
    assert_eq!(count_statuses(&backend, &ids).await, (0, 5));

    assert_eq!(close(&first).await, stats(0, 0, 0));
    assert_eq!(first.held(), (0, 0));
    assert!(
        !first.wait_ready().await,
        "a closed engine has nothing more"
    );
    assert!(first.take(10).is_empty());
    for (token, _) in running {
        assert!(
            !first.finish(token, Outcome::Returned(b"late".to_vec())),
            "a delivery handed back on close is no longer this engine's"
        );
    }
    assert_eq!(count_statuses(&backend, &ids).await, (5, 0));

    let second = start(&backend, 8, true);
    let taken = run_burst(&second, SOON).await;
    let mut jobs: Vec<String> = taken.iter().map(|d| d.job.clone()).collect();
    jobs.sort();
    assert_eq!(jobs, ids);
    assert!(taken.iter().all(|d| d.try_number == 1), "{taken:?}");
    for id in &ids {
        assert_eq!(status(&backend, id).await, Status::Succeeded, "{id}");
    }
    assert_eq!(close(&second).await, stats(5, 0, 0));
}
