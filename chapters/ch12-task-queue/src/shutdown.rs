//! One tokio runtime per process (pyo3-async-runtimes keeps it), and an end
//! for everything this crate runs on it.
//!
//! Background loops (a worker's claims, lease renewals and writes, the result
//! listener) and the futures awaited from Python all count themselves here.
//! At interpreter exit the package calls `begin()` and waits for the count to
//! reach zero, so that no tokio thread is still touching Python objects while
//! the interpreter finalizes (pyo3-async-runtimes issue 40 crashes there).

use std::future::Future;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tokio::runtime::Runtime;
use tokio::sync::watch;
use tokio::task::JoinHandle;

static STOP: LazyLock<watch::Sender<bool>> = LazyLock::new(|| watch::Sender::new(false));
static LIVE: AtomicUsize = AtomicUsize::new(0);

pub fn runtime() -> &'static Runtime {
    pyo3_async_runtimes::tokio::get_runtime()
}

/// Counts one live task or future for as long as it exists.
pub struct Live(());

impl Live {
    pub fn new() -> Self {
        LIVE.fetch_add(1, Ordering::SeqCst);
        Live(())
    }
}

impl Default for Live {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        LIVE.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Resolves when the process is shutting down.
pub async fn stopping() {
    let mut stop = STOP.subscribe();
    // An error means the sender is gone, which never happens to a static.
    let _ = stop.wait_for(|stopping| *stopping).await;
}

pub fn is_stopping() -> bool {
    *STOP.borrow()
}

/// Spawn a background loop that ends when `begin()` is called.
pub fn spawn<F>(future: F) -> JoinHandle<()>
where
    F: Future<Output = ()> + Send + 'static,
{
    let live = Live::new();
    runtime().spawn(async move {
        let _live = live;
        tokio::select! {
            () = future => {}
            () = stopping() => {}
        }
    })
}

/// Stop every background loop, then wait up to `patience` for them and for
/// every future awaited from Python to end. Returns whether they all did.
pub fn begin(patience: Duration) -> bool {
    STOP.send_replace(true);
    let deadline = Instant::now() + patience;
    while LIVE.load(Ordering::SeqCst) > 0 {
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    true
}

pub fn live() -> usize {
    LIVE.load(Ordering::SeqCst)
}
