"""Five tasks through one Worker: each way a task can end.

The book shows this script's output.
"""

from ch08_callbacks import Outcome, Worker, failure, retry, success


# ANCHOR: tour
def handle(task_id: str, payload: bytes, tries: int) -> Outcome:
    print(f"  {task_id}: try {tries}")
    if task_id == "greet":
        return success(b"hello, " + payload)
    if task_id == "flaky":  # busy twice, then fine
        return retry(after_ms=10) if tries < 3 else success(payload[::-1])
    if task_id == "divide":  # a bug: raises ZeroDivisionError for b"0"
        return success(str(100 // int(payload)).encode())
    if task_id == "garbage":
        return {"status": "ok"}  # type: ignore[return-value]
    if task_id == "stubborn":
        return retry()
    return failure(f"no task is called {task_id!r}")


worker = Worker(handle, max_tries=3)
tasks = [
    ("greet", b"Ada"),
    ("flaky", b"stressed"),
    ("divide", b"0"),
    ("garbage", b""),
    ("stubborn", b""),
    ("typo", b""),
]
for task_id, payload in tasks:
    report = worker.run(task_id, payload)
    print(report)
# ANCHOR_END: tour
