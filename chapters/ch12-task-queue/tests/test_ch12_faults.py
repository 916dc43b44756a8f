"""The queue under faults, with a real redis-server and real worker processes:
a worker killed with SIGKILL, a job that kills every worker that runs it,
Redis restarting mid-drain, a graceful SIGTERM, and many producer processes
that start, enqueue and exit.

Each test prints what it observed (run pytest with -s to see it)."""

from __future__ import annotations

import asyncio
import collections
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from ch12_task_queue import App, JobFailed
from cookbook.redis_server import RedisServer, version_problem

pytestmark = pytest.mark.redis

WORKERS = Path(__file__).parent / "workers"


class Fleet:
    """Worker processes on one queue, and the log of every task start."""

    def __init__(self, url: str, queue: str, lease: float, folder: Path) -> None:
        self.log = folder / "starts.log"
        self.log.touch()
        self.env = dict(
            os.environ,
            CH12_URL=url,
            CH12_QUEUE=queue,
            CH12_LEASE=str(lease),
            CH12_LOG=str(self.log),
        )
        self.processes: list[subprocess.Popen[str]] = []
        self.app = App(url, queue=queue, lease=lease)
        self.work = self.app.task(name="work")(_stand_in)
        self.poison = self.app.task(name="poison", max_tries=3)(_stand_in)

    def start(self, *options: str) -> subprocess.Popen[str]:
        command = [sys.executable, "-m", "ch12_task_queue", "worker", "fault_tasks:app"]
        command += ["--log-level", "WARNING", *options]
        process = subprocess.Popen(
            command, cwd=WORKERS, env=self.env, stderr=subprocess.PIPE, text=True
        )
        self.processes.append(process)
        return process

    def starts(self) -> list[tuple[int, int]]:
        lines = self.log.read_text().split()
        return [(int(n), int(pid)) for n, pid in zip(lines[::2], lines[1::2], strict=True)]

    def wait_for_starts(self, count: int, pid: int | None = None, limit: float = 30) -> None:
        deadline = time.monotonic() + limit
        while sum(1 for _, who in self.starts() if pid in (None, who)) < count:
            assert time.monotonic() < deadline, f"fewer than {count} starts after {limit} s"
            time.sleep(0.02)

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.kill()
            process.wait()
            if process.stderr is not None:
                process.stderr.close()


def _stand_in(*_args: object) -> None:
    """The producer's side only names the task; the workers run the real one."""


@pytest.fixture
def fleet(redis_server: RedisServer, queue_name: str, tmp_path: Path) -> Iterator[Fleet]:
    fleet = Fleet(redis_server.url, queue_name, lease=2.0, folder=tmp_path)
    yield fleet
    fleet.stop_all()


async def results(jobs: list, timeout: float) -> list[object]:  # type: ignore[type-arg]
    return [await job.result(timeout=timeout) for job in jobs]


# ANCHOR: sigkill
def test_a_worker_killed_mid_job_loses_nothing(fleet: Fleet) -> None:
    jobs = asyncio.run(fleet.work.enqueue_many([(n, 0.3) for n in range(60)]))
    doomed = fleet.start("--concurrency", "4")
    fleet.wait_for_starts(4, pid=doomed.pid)
    survivor = fleet.start("--concurrency", "4")
    time.sleep(0.2)  # both hold running and prefetched jobs now
    doomed.send_signal(signal.SIGKILL)
    killed_at = time.monotonic()
    doomed.wait()

    done = asyncio.run(results(jobs, timeout=60))
    recovered_after = time.monotonic() - killed_at
    assert done == list(range(60))  # every job completed, with its own result

    runs = collections.Counter(n for n, _ in fleet.starts())
    extra = sum(runs.values()) - 60
    # A job runs twice only if the killed worker had started it; it held at most
    # 4 running and 4 prefetched (prefetched ones it had not started).
    assert set(runs) == set(range(60))
    assert 0 <= extra <= 4
    print(f"\nSIGKILL: {extra} extra run(s); all done {recovered_after:.1f} s after the kill")
    assert survivor.poll() is None


# ANCHOR_END: sigkill


# ANCHOR: poison
def test_a_job_that_kills_every_worker_fails_after_max_tries(
    redis_server: RedisServer, queue_name: str, tmp_path: Path
) -> None:
    # A short lease: each death is noticed after about a second.
    fleet = Fleet(redis_server.url, queue_name, lease=1.0, folder=tmp_path)
    try:
        poisoned(fleet)
    finally:
        fleet.stop_all()


def poisoned(fleet: Fleet) -> None:
    poison = asyncio.run(fleet.poison.enqueue())
    others = asyncio.run(fleet.work.enqueue_many([(n, 0.01) for n in range(20)]))
    deadline = time.monotonic() + 60
    deaths = 0

    async def poison_status() -> str:
        return await poison.status()

    # Keep one worker alive, as a supervisor (systemd, Kubernetes) would.
    worker = fleet.start("--concurrency", "2")
    while asyncio.run(poison_status()) != "failed":
        assert time.monotonic() < deadline, "the poison job cycled for a minute"
        if worker.poll() is not None:
            deaths += 1
            worker = fleet.start("--concurrency", "2")
        time.sleep(0.05)

    with pytest.raises(JobFailed) as failed:
        asyncio.run(poison.result(timeout=1))
    assert failed.value.error_type == "WorkerLost"
    assert failed.value.tries == 3
    assert "was lost" in failed.value.message
    # It was delivered max_tries times, and each delivery killed its worker.
    assert sum(1 for n, _ in fleet.starts() if n == -1) == 3
    assert deaths == 3
    assert asyncio.run(results(others, timeout=30)) == list(range(20))


# ANCHOR_END: poison


def test_redis_restarting_mid_drain_loses_nothing(tmp_path: Path, queue_name: str) -> None:
    problem = version_problem()
    if problem is not None:
        pytest.fail(problem, pytrace=False)
    with RedisServer(tmp_path / "redis") as server:
        fleet = Fleet(server.url, queue_name, lease=5.0, folder=tmp_path)
        try:
            jobs = asyncio.run(fleet.work.enqueue_many([(n, 0.01) for n in range(400)]))
            workers = [fleet.start("--concurrency", "5") for _ in range(2)]
            fleet.wait_for_starts(60)
            server.stop()
            down_at = time.monotonic()

            async def enqueue_while_down() -> object:
                # A producer started while Redis is down: it waits and retries.
                late = asyncio.create_task(fleet.work.enqueue(1000, 0.01))
                await asyncio.sleep(1.0)
                assert not late.done()
                server.start()
                job = await late
                return await job.result(timeout=60)

            assert asyncio.run(enqueue_while_down()) == 1000
            assert asyncio.run(results(jobs, timeout=60)) == list(range(400))
            recovered = time.monotonic() - down_at
            assert all(worker.poll() is None for worker in workers)  # nobody crashed
            runs = collections.Counter(n for n, _ in fleet.starts())
            assert set(range(400)) <= set(runs)
            print(
                f"\nRedis restart: down 1.0 s; every job done {recovered:.1f} s after it stopped; "
                f"{sum(runs.values()) - 401} extra run(s)"
            )
        finally:
            fleet.stop_all()


# ANCHOR: sigterm
def test_sigterm_stops_a_worker_gracefully_and_hands_its_jobs_back(
    redis_server: RedisServer, queue_name: str, tmp_path: Path
) -> None:
    # A long lease: handed-back jobs must not wait for it to lapse.
    fleet = Fleet(redis_server.url, queue_name, lease=30.0, folder=tmp_path)
    try:
        # Four jobs: the leaving worker holds them all, two running, two not started.
        jobs = asyncio.run(fleet.work.enqueue_many([(n, 3.0) for n in range(4)]))
        leaving = fleet.start("--concurrency", "2", "--grace", "10")
        fleet.wait_for_starts(2, pid=leaving.pid)
        time.sleep(0.2)
        leaving.send_signal(signal.SIGTERM)
        stopped_at = time.monotonic()
        staying = fleet.start("--concurrency", "4")
        # The unstarted jobs were handed back at once: the other worker starts
        # them while the leaving one is still finishing its running tasks.
        fleet.wait_for_starts(1, pid=staying.pid)
        handed_over_after = time.monotonic() - stopped_at
        assert leaving.poll() is None
        # Its running tasks end about 3 s after they started: well after this.
        assert handed_over_after < 2.0
        assert leaving.wait(timeout=15) == 0
        assert asyncio.run(results(jobs, timeout=20)) == list(range(4))
        runs = collections.Counter(n for n, _ in fleet.starts())
        assert runs == collections.Counter(range(4))  # each job ran exactly once
        assert staying.poll() is None
        print(
            f"\nSIGTERM: exit 0, no duplicate runs; the other worker started a handed-back "
            f"job {handed_over_after:.1f} s after the signal"
        )
    finally:
        fleet.stop_all()


# ANCHOR_END: sigterm

PRODUCER = """
import asyncio, sys
from ch12_task_queue import App
app = App(sys.argv[1], queue=sys.argv[2])
@app.task(name="work")
async def work(n: int, seconds: float) -> int: ...
async def main():
    job = await work.enqueue(int(sys.argv[3]), 0.0)
    print(await job.status())
asyncio.run(main())
"""


def test_many_short_lived_producers_exit_cleanly(
    redis_server: RedisServer, queue_name: str
) -> None:
    def producer(n: int) -> subprocess.Popen[str]:
        command = [sys.executable, "-c", PRODUCER, redis_server.url, queue_name, str(n)]
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    outcomes = []
    for first in range(0, 32, 8):
        batch = [producer(n) for n in range(first, first + 8)]
        outcomes += [(p.wait(timeout=60), *p.communicate()) for p in batch]
    for code, out, err in outcomes:
        assert (code, out, err) == (0, "queued\n", "")
    assert redis_server.command("XLEN", f"ch12:{{{queue_name}}}:stream") == 32


def test_the_demo_runs_across_processes(redis_server: RedisServer) -> None:
    """examples/demo.py as the chapter and the README tell a reader to run it: two
    workers and a producer of forty jobs. Both workers share the work: one worker
    holds at most twenty (ten running, ten claimed ahead)."""
    examples = Path(__file__).parent.parent / "examples"
    env = dict(os.environ, CH12_URL=redis_server.url)
    command = [sys.executable, "-m", "ch12_task_queue", "worker", "demo:app"]
    command += ["--log-level", "WARNING"]
    workers = [subprocess.Popen(command, cwd=examples, env=env) for _ in range(2)]
    try:
        # Both wait for work before any is enqueued: each then gets its share.
        deadline = time.monotonic() + 30
        while blocked_readers(redis_server) < 2:
            assert time.monotonic() < deadline, "the demo's workers did not start"
            time.sleep(0.05)
        producer = subprocess.run(
            [sys.executable, "demo.py", "40"],
            cwd=examples,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert producer.returncode == 0, producer.stderr
        lines = producer.stdout.splitlines()
        assert [line.split(" (")[0] for line in lines] == [f"JOB {n}" for n in range(40)]
        ran = {line.rsplit("process ", 1)[1].rstrip(")") for line in lines}
        assert ran == {str(worker.pid) for worker in workers}
        for worker in workers:
            worker.send_signal(signal.SIGINT)
        assert [worker.wait(timeout=15) for worker in workers] == [0, 0]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()


def blocked_readers(server: RedisServer) -> int:
    """Connections whose last command was XREADGROUP: one per worker that has
    started claiming (each claims on a connection of its own)."""
    clients = server.command("CLIENT", "LIST").decode()
    return sum(1 for line in clients.splitlines() if "cmd=xreadgroup" in line)
