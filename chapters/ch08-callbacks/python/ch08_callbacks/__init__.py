"""Chapter 8 of the PyO3 cookbook: a worker that calls your Python function.

`Worker(callback)` runs a task by calling `callback(task_id, payload, tries)`.
The callback answers with a flat tuple, `(code, data, retry_after_ms)`, which
`success()`, `retry()` and `failure()` build; `Worker.run` returns a `Report`.
`Worker` and `Report` are Rust classes whose `__module__` is this package;
the helpers are plain Python, in `ch08_callbacks.outcomes`.
"""

# ANCHOR: init
from ch08_callbacks._native import MAX_RETRY_DELAY_MS, MAX_TRIES, Report, Worker
from ch08_callbacks.outcomes import Outcome, failure, retry, success

__all__ = [
    "MAX_RETRY_DELAY_MS",
    "MAX_TRIES",
    "Outcome",
    "Report",
    "Worker",
    "failure",
    "retry",
    "success",
]
# ANCHOR_END: init
