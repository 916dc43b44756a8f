"""What `App`, `@app.task`, `enqueue`, `Job` and `run_worker` promise, on the
embedded backend and on Redis alike (the `url` fixture runs each test on both)."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import ch12_task_queue
import pytest
from ch12_task_queue import App, Job, JobFailed, Retry, WorkerStats, _native
from cookbook.testing import classes_that_name_a_private_module


def test_the_package_exports_its_api_under_its_own_name() -> None:
    assert ch12_task_queue.__all__ == ["App", "Job", "JobFailed", "Retry", "Task", "WorkerStats"]
    assert classes_that_name_a_private_module(ch12_task_queue) == []


@pytest.mark.asyncio
async def test_a_task_runs_and_its_result_comes_back(url: str | None, queue_name: str) -> None:
    app = App(url, queue=queue_name)

    @app.task
    async def add(a: int, b: int) -> int:
        return a + b

    job = await add.enqueue(2, b=3)
    assert isinstance(job, Job)
    assert await job.status() == "queued"
    stats = await app.run_worker(burst=True)
    assert stats == WorkerStats(succeeded=1, failed=0, retried=0)
    assert await job.status() == "succeeded"
    assert await job.result() == 5
    # Another handle on the same id (what another process would make) sees it too.
    assert await app.job(job.id).result(timeout=1) == 5


@pytest.mark.asyncio
async def test_results_come_back_as_json_kinds(url: str | None, queue_name: str) -> None:
    app = App(url, queue=queue_name)

    @app.task
    def echo(value: Any) -> Any:
        return value

    value = {"text": "naïve ☕", "n": [1, 2.5, None, True], "nested": {"t": (1, 2)}}
    job = await echo.enqueue(value)
    await app.run_worker(burst=True)
    # A tuple crosses as a JSON array: it comes back as a list.
    assert await job.result() == {
        "text": "naïve ☕",
        "n": [1, 2.5, None, True],
        "nested": {"t": [1, 2]},
    }


@pytest.mark.asyncio
async def test_a_decorated_function_is_still_a_plain_call() -> None:
    app = App()

    @app.task(name="double")
    def double(x: int) -> int:
        return 2 * x

    @app.task
    async def triple(x: int) -> int:
        return 3 * x

    assert double(4) == 8
    assert await triple(4) == 12
    assert double.name == "double"
    assert triple.name.endswith("triple")


@pytest.mark.asyncio
async def test_a_plain_def_runs_in_a_thread_beside_the_others(
    url: str | None, queue_name: str
) -> None:
    app = App(url, queue=queue_name)
    # Three calls can only all pass the barrier if they run at the same time,
    # each in a thread of its own: a plain def never blocks the event loop.
    barrier = threading.Barrier(3, timeout=10)
    threads: set[int] = set()

    @app.task
    def meet() -> bool:
        threads.add(threading.get_ident())
        barrier.wait()
        return True

    jobs = [await meet.enqueue() for _ in range(3)]
    await app.run_worker(concurrency=3, burst=True)
    assert [await job.result() for job in jobs] == [True, True, True]
    assert len(threads) == 3
    assert threading.get_ident() not in threads


@pytest.mark.asyncio
async def test_a_name_registered_twice_is_a_value_error() -> None:
    app = App()

    @app.task(name="same")
    def first() -> None: ...

    with pytest.raises(ValueError, match="already registered"):

        @app.task(name="same")
        def second() -> None: ...


@pytest.mark.asyncio
async def test_arguments_json_cannot_carry_are_a_type_error_naming_them(
    url: str | None, queue_name: str
) -> None:
    app = App(url, queue=queue_name)

    @app.task
    def take(*args: Any, **kwargs: Any) -> None: ...

    with pytest.raises(TypeError, match=r"argument 1 \(set\) is not JSON-encodable"):
        await take.enqueue(1, {2}, _job_id="never")
    with pytest.raises(TypeError, match=r"argument 'when' \(object\)"):
        await take.enqueue(when=object(), _job_id="never")
    with pytest.raises(TypeError, match=r"at \['k'\]\[1\] a value of type bytes"):
        await take.enqueue({"k": [1, b"x"]}, _job_id="never")
    with pytest.raises(TypeError, match="float nan"):
        await take.enqueue(float("nan"), _job_id="never")
    # Nothing was enqueued.
    assert await app.job("never").status() == "unknown"
    assert await app.run_worker(burst=True) == WorkerStats(0, 0, 0)


@pytest.mark.asyncio
async def test_a_job_id_deduplicates_while_the_job_lives(url: str | None, queue_name: str) -> None:
    app = App(url, queue=queue_name)
    runs = []

    @app.task
    def once(n: int) -> int:
        runs.append(n)
        return n

    first = await once.enqueue(1, _job_id="report-7")
    again = await once.enqueue(2, _job_id="report-7")  # queued: nothing new
    assert first == again
    await app.run_worker(burst=True)
    later = await once.enqueue(3, _job_id="report-7")  # result kept: still nothing
    await app.run_worker(burst=True)
    assert runs == [1]
    assert await later.result() == 1
    deferred = await once.enqueue(4, _job_id="later", _delay=60)
    assert await once.enqueue(5, _job_id="later") == deferred
    assert await deferred.status() == "deferred"


@pytest.mark.asyncio
async def test_delay_defers_a_job(url: str | None, queue_name: str) -> None:
    app = App(url, queue=queue_name)
    loop = asyncio.get_running_loop()
    started: list[float] = []

    @app.task
    async def stamp() -> None:
        started.append(loop.time())

    enqueued = loop.time()
    job = await stamp.enqueue(_delay=0.4)
    assert await job.status() == "deferred"
    await app.run_worker(burst=True)  # burst waits for deferred jobs too
    assert await job.status() == "succeeded"
    assert started[0] - enqueued >= 0.35


@pytest.mark.asyncio
async def test_retry_asks_for_another_try(url: str | None, queue_name: str) -> None:
    app = App(url, queue=queue_name)
    tries = []

    @app.task(max_tries=5)
    async def flaky() -> int:
        tries.append(1)
        if len(tries) < 3:
            raise Retry(delay=0.05)
        return len(tries)

    job = await flaky.enqueue()
    stats = await app.run_worker(burst=True)
    assert await job.result() == 3
    assert stats == WorkerStats(succeeded=1, failed=0, retried=2)


@pytest.mark.asyncio
async def test_exceptions_are_retried_until_max_tries_then_fail_for_good(
    url: str | None, queue_name: str
) -> None:
    app = App(url, queue=queue_name)
    calls = []

    @app.task(max_tries=3)
    def broken(n: int) -> None:
        calls.append(n)
        raise ValueError(f"cannot handle {n}")

    job = await broken.enqueue(7)
    stats = await app.run_worker(burst=True)  # backoff: about 0.5 s, then 1 s
    assert calls == [7, 7, 7]
    assert stats == WorkerStats(succeeded=0, failed=1, retried=2)
    assert await job.status() == "failed"
    with pytest.raises(JobFailed) as failed:
        await job.result()
    assert failed.value.error_type == "ValueError"
    assert failed.value.message == "cannot handle 7"
    assert failed.value.tries == 3
    assert str(failed.value) == "ValueError: cannot handle 7 (after 3 tries)"


@pytest.mark.asyncio
async def test_retry_counts_toward_max_tries(url: str | None, queue_name: str) -> None:
    app = App(url, queue=queue_name)

    @app.task(max_tries=2)
    async def again() -> None:
        raise Retry(0)

    job = await again.enqueue()
    await app.run_worker(burst=True)
    with pytest.raises(JobFailed, match="all 2 tries were spent") as failed:
        await job.result()
    assert failed.value.error_type == "Retry"


@pytest.mark.asyncio
async def test_a_try_past_its_timeout_fails(url: str | None, queue_name: str) -> None:
    app = App(url, queue=queue_name)

    @app.task(timeout=0.1, max_tries=1)
    async def slow() -> None:
        await asyncio.sleep(30)

    @app.task(timeout=0.1, max_tries=1)
    async def raises_its_own_timeout() -> None:
        raise TimeoutError("the task's own")

    job = await slow.enqueue()
    own = await raises_its_own_timeout.enqueue()
    await app.run_worker(burst=True)
    with pytest.raises(JobFailed, match=r"timeout of 0\.1 s") as failed:
        await job.result()
    assert failed.value.error_type == "TimeoutError"
    # A TimeoutError the task raises itself is an ordinary error, not a timeout.
    with pytest.raises(JobFailed, match="the task's own"):
        await own.result()


@pytest.mark.asyncio
async def test_a_result_json_cannot_carry_fails_naming_its_type(
    url: str | None, queue_name: str
) -> None:
    app = App(url, queue=queue_name)

    @app.task
    def give_set() -> set[int]:
        return {1, 2}

    job = await give_set.enqueue()
    stats = await app.run_worker(burst=True)
    assert stats.failed == 1
    with pytest.raises(JobFailed, match=r"return value .* a value of type set") as failed:
        await job.result()
    assert failed.value.error_type == "TypeError"
    assert failed.value.tries == 1


@pytest.mark.asyncio
async def test_keyboard_interrupt_stops_the_worker_and_keeps_the_job(
    url: str | None, queue_name: str
) -> None:
    app = App(url, queue=queue_name)
    interrupted: list[bool] = []

    @app.task
    def interrupt_once() -> str:
        if not interrupted:
            interrupted.append(True)
            raise KeyboardInterrupt
        return "done"

    job = await interrupt_once.enqueue()
    with pytest.raises(KeyboardInterrupt):
        await app.run_worker(burst=True)
    # Handed back, no try counted: the next worker runs it.
    assert await job.status() == "queued"
    assert await app.run_worker(burst=True) == WorkerStats(1, 0, 0)
    assert await job.result() == "done"


@pytest.mark.asyncio
async def test_system_exit_is_not_swallowed_either(url: str | None, queue_name: str) -> None:
    app = App(url, queue=queue_name)

    @app.task
    async def leave() -> None:
        raise SystemExit(3)

    job = await leave.enqueue()
    with pytest.raises(SystemExit):
        await app.run_worker(burst=True)
    assert await job.status() == "queued"


@pytest.mark.asyncio
async def test_a_task_the_worker_does_not_know_fails_without_retries(
    url: str | None, queue_name: str
) -> None:
    app = App(url, queue=queue_name)

    @app.task(name="reports.older")
    def older() -> int:
        return 1

    # What a newer producer would enqueue: a task name this worker lacks.
    newer = (None, "reports.newer", _native.encode_call((), {}), 5, None, 0.0)
    [(job_id, _created)] = await app._native.enqueue([newer])
    other = await older.enqueue()
    stats = await app.run_worker(burst=True)
    assert stats == WorkerStats(succeeded=1, failed=1, retried=0)
    with pytest.raises(JobFailed, match=r"no task named 'reports\.newer'") as failed:
        await app.job(job_id).result()
    assert failed.value.error_type == "UnknownTask"
    assert failed.value.tries == 1
    assert await other.result() == 1


@pytest.mark.asyncio
async def test_result_with_a_timeout_raises_timeout_error(url: str | None, queue_name: str) -> None:
    app = App(url, queue=queue_name)

    @app.task
    def never_run() -> None: ...

    job = await never_run.enqueue()
    with pytest.raises(TimeoutError, match=job.id):
        await job.result(timeout=0.2)


@pytest.mark.asyncio
async def test_a_waiting_result_wakes_when_the_job_finishes(
    url: str | None, queue_name: str
) -> None:
    app = App(url, queue=queue_name)

    @app.task
    async def answer() -> int:
        return 42

    job = await answer.enqueue()
    waiting = asyncio.create_task(job.result(timeout=30))
    await asyncio.sleep(0.1)
    assert not waiting.done()
    await app.run_worker(burst=True)
    assert await waiting == 42


@pytest.mark.asyncio
async def test_status_follows_a_job_through_its_life(url: str | None, queue_name: str) -> None:
    app = App(url, queue=queue_name)
    seen: list[str] = []
    gate = asyncio.Event()

    @app.task(max_tries=1)
    async def watched(fail: bool) -> None:
        await gate.wait()
        if fail:
            raise RuntimeError("as asked")

    assert await app.job("nobody").status() == "unknown"
    ok = await watched.enqueue(False)
    bad = await watched.enqueue(True, _delay=0.2)
    seen += [await ok.status(), await bad.status()]
    worker = asyncio.create_task(app.run_worker(burst=True))
    while await ok.status() != "running":
        await asyncio.sleep(0.01)
    seen.append("running")
    gate.set()
    await worker
    seen += [await ok.status(), await bad.status()]
    assert seen == ["queued", "deferred", "running", "succeeded", "failed"]


@pytest.mark.asyncio
async def test_at_most_concurrency_tasks_run_at_once(url: str | None, queue_name: str) -> None:
    app = App(url, queue=queue_name)
    now = 0
    most = 0

    @app.task
    async def busy() -> None:
        nonlocal now, most
        now += 1
        most = max(most, now)
        await asyncio.sleep(0.02)
        now -= 1

    for _ in range(30):
        await busy.enqueue()
    stats = await app.run_worker(concurrency=4, burst=True)
    assert stats.succeeded == 30
    assert most == 4


@pytest.mark.asyncio
async def test_concurrency_outside_its_range_is_a_value_error() -> None:
    app = App()
    for bad in (0, -1, 10_001):
        with pytest.raises(ValueError, match="between 1 and 10000"):
            await app.run_worker(concurrency=bad, burst=True)
    with pytest.raises(TypeError):
        await app.run_worker(concurrency=2.5, burst=True)  # type: ignore[arg-type]


@pytest.mark.asyncio
async def test_a_url_that_is_not_redis_is_a_value_error_naming_the_forms() -> None:
    for bad in ("http://localhost:6379", "rediss://x", "localhost:6379", "", "redis:/x"):
        with pytest.raises(ValueError, match=r"None .* 'redis://\[\[username\]:password@\]host"):
            App(bad)
    with pytest.raises(ValueError, match="cannot use the Redis URL"):
        App("redis://host:notaport/0")
    with pytest.raises(TypeError, match="url must be a str or None"):
        App(6379)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="queue must be"):
        App(queue="{braces}")
    # A password in the URL is accepted, and never shown.
    app = App("redis://:s3cret@127.0.0.1:1/0")
    assert "s3cret" not in repr(app)


@pytest.mark.asyncio
async def test_enqueue_many_is_one_batch_of_jobs(url: str | None, queue_name: str) -> None:
    app = App(url, queue=queue_name)

    @app.task
    def square(x: int) -> int:
        return x * x

    jobs = await square.enqueue_many([(n,) for n in range(50)])
    assert len({job.id for job in jobs}) == 50
    await app.run_worker(burst=True)
    assert [await job.result() for job in jobs] == [n * n for n in range(50)]
    with pytest.raises(TypeError, match=r"call 1: argument 0 \(set\)"):
        await square.enqueue_many([(1,), ({2},)])
    assert await square.enqueue_many([]) == []


@pytest.mark.asyncio
async def test_a_stop_while_every_slot_is_busy_cancels_after_the_grace_period(
    url: str | None, queue_name: str
) -> None:
    from ch12_task_queue._worker import Runner  # what the worker command's signal handler drives

    app = App(url, queue=queue_name)
    started = asyncio.Event()

    @app.task
    async def endless() -> None:
        started.set()
        await asyncio.sleep(600)

    job = await endless.enqueue()
    runner = Runner(app, concurrency=1, grace=0.2)
    worker = asyncio.create_task(runner.run())
    await asyncio.wait_for(started.wait(), timeout=10)
    runner.stop()
    # The grace period runs from the stop, not from the next task to end.
    assert await asyncio.wait_for(worker, timeout=10) == WorkerStats(0, 0, 0)
    assert await job.status() == "queued"  # handed back: no try counted
