//! Who is waiting for which job's result, so that a finished job wakes its
//! waiters instead of each of them asking the backend again and again.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::Notify;

#[derive(Default)]
pub struct Waiters {
    by_job: Mutex<HashMap<String, (Arc<Notify>, usize)>>,
}

/// A registration: wakes when the job is reported finished; leaves the
/// table when dropped.
pub struct Waiter<'a> {
    waiters: &'a Waiters,
    job: String,
    pub notify: Arc<Notify>,
}

impl Waiters {
    pub fn register(&self, job: &str) -> Waiter<'_> {
        let mut table = self.by_job.lock().unwrap_or_else(PoisonError::into_inner);
        let slot = table
            .entry(job.to_owned())
            .or_insert_with(|| (Arc::new(Notify::new()), 0));
        slot.1 += 1;
        Waiter {
            waiters: self,
            job: job.to_owned(),
            notify: slot.0.clone(),
        }
    }

    /// Wake everyone waiting for `job`.
    pub fn wake(&self, job: &str) {
        let table = self.by_job.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((notify, _)) = table.get(job) {
            notify.notify_waiters();
        }
    }

    /// Wake every waiter (after a reconnect, when messages may have been missed).
    pub fn wake_all(&self) {
        let table = self.by_job.lock().unwrap_or_else(PoisonError::into_inner);
        for (notify, _) in table.values() {
            notify.notify_waiters();
        }
    }
}

impl Drop for Waiter<'_> {
    fn drop(&mut self) {
        let mut table = self
            .waiters
            .by_job
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(slot) = table.get_mut(&self.job) {
            slot.1 -= 1;
            if slot.1 == 0 {
                table.remove(&self.job);
            }
        }
    }
}
