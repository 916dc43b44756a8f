"""What only the Redis backend has: a layout valid on Redis Cluster, waiting
without polling, few commands per job, passwords, and malformed entries
written by someone else."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest
from ch12_task_queue import App, JobFailed, WorkerStats
from cookbook.redis_server import RedisServer

pytestmark = pytest.mark.redis


@pytest.mark.asyncio
async def test_every_key_of_a_queue_shares_its_hash_tag(
    redis_server: RedisServer, queue_name: str
) -> None:
    app = App(redis_server.url, queue=queue_name)

    @app.task
    async def noop() -> None: ...

    await noop.enqueue()
    await noop.enqueue(_delay=60)
    keys = redis_server.command("KEYS", f"*{queue_name}*")
    assert len(keys) == 4  # stream, deferred set, two job hashes
    # One hash tag: one cluster slot, so the multi-key scripts stay valid there.
    assert all(key.decode().startswith(f"ch12:{{{queue_name}}}:") for key in keys)


@pytest.mark.asyncio
async def test_waiting_for_a_result_does_not_poll_redis(
    redis_server: RedisServer, queue_name: str
) -> None:
    app = App(redis_server.url, queue=queue_name)

    @app.task
    async def later() -> None: ...

    job = await later.enqueue()
    redis_server.command("CONFIG", "RESETSTAT")
    with pytest.raises(TimeoutError):
        await job.result(timeout=3)
    reads = redis_server.commandstats().get("hmget", 0)
    # One look at the start, then one safety-net look a second: never a tight loop.
    assert 1 <= reads <= 5


@pytest.mark.asyncio
async def test_a_drain_costs_few_redis_commands_per_job(
    redis_server: RedisServer, queue_name: str
) -> None:
    app = App(redis_server.url, queue=queue_name)

    @app.task
    async def noop() -> None: ...

    redis_server.command("CONFIG", "RESETSTAT")
    jobs = await noop.enqueue_many([() for _ in range(500)])
    assert await app.run_worker(burst=True) == WorkerStats(500, 0, 0)
    calls = redis_server.commandstats()
    per_job = sum(calls.values()) / len(jobs)
    # Claims, acks and results go many jobs per round trip; the commands run
    # inside the Lua scripts count too (XADD, HSET, XACK, XDEL, PEXPIRE, ...).
    assert per_job < 10, calls
    assert calls.get("evalsha", 0) + calls.get("eval", 0) < len(jobs) / 2, calls


@pytest.mark.asyncio
async def test_a_password_in_the_url_is_used(tmp_path: Path, queue_name: str) -> None:
    with RedisServer(tmp_path / "locked", password="open sesame") as server:
        app = App(server.url.replace("open sesame", "open%20sesame"), queue=queue_name)

        @app.task
        async def noop() -> int:
            return 1

        job = await noop.enqueue()
        assert await app.run_worker(burst=True) == WorkerStats(1, 0, 0)
        assert await job.result() == 1
        wrong = App(f"redis://:nope@127.0.0.1:{server.port}/0", queue=queue_name)
        # Refused at once: waiting does not cure a wrong password.
        with pytest.raises(ConnectionError, match="refused"):
            await asyncio.wait_for(wrong.job(job.id).status(), timeout=10)


@pytest.mark.asyncio
async def test_malformed_entries_are_failed_with_a_reason_never_a_crash(
    redis_server: RedisServer, queue_name: str
) -> None:
    app = App(redis_server.url, queue=queue_name)

    @app.task(name="work")
    async def work(n: int) -> int:
        return n

    stream = f"ch12:{{{queue_name}}}:stream"
    good = await work.enqueue(1)  # also creates the stream and its group

    def forge(job: str | None, **fields: str) -> None:
        pairs = [("job", job)] if job is not None else []
        values = [part for pair in [*pairs, *fields.items()] for part in pair]
        redis_server.command("XADD", stream, "*", *values)
        if job is not None:
            redis_server.command("HSET", f"ch12:{{{queue_name}}}:job:{job}", "state", "queued")

    ok = {"name": "work", "max_tries": "3", "tries": "0", "timeout": ""}
    forge("not-json", **{**ok, "args": "{[oops"})
    forge("wrong-shape", **{**ok, "args": json.dumps({"n": 1})})
    forge("no-max-tries", name="work", args="[[1],{}]", tries="0")
    forge("bad-timeout", **{**ok, "args": "[[1],{}]", "timeout": "soon"})
    forge(None, name="work", args="[[1],{}]")  # no job id at all

    stats = await app.run_worker(burst=True)
    assert stats == WorkerStats(succeeded=1, failed=4, retried=0)
    assert await good.result() == 1
    reasons = {}
    for job_id in ("not-json", "wrong-shape", "no-max-tries", "bad-timeout"):
        with pytest.raises(JobFailed) as failed:
            await app.job(job_id).result(timeout=5)
        assert failed.value.error_type == "MalformedJob"
        reasons[job_id] = failed.value.message
    assert "not valid JSON" in reasons["not-json"]
    assert "[args, kwargs]" in reasons["wrong-shape"]
    assert "lacks one of the fields" in reasons["no-max-tries"]
    assert "timeout" in reasons["bad-timeout"]
    assert redis_server.command("XLEN", stream) == 0  # nothing left to trip on


def bench_side(url: str, *args: object) -> dict[str, float]:
    """Run the benchmark's side of this queue as `cookbook bench` does: wait for
    `ready`, release it, read its one-line JSON report."""
    script = Path(__file__).parent.parent / "bench" / "side_ch12.py"
    command = [sys.executable, str(script), str(args[0]), url, *map(str, args[1:])]
    run = subprocess.run(command, input="go\n", capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    ready, line = run.stdout.splitlines()
    assert ready == "ready"
    figures: dict[str, float] = json.loads(line)
    assert figures["end"] >= figures["start"]
    assert figures["cpu"] >= figures["main_thread_cpu"] >= 0
    return figures


@pytest.mark.parametrize("crossing", ["batch", "per-job"])
def test_the_benchmark_side_drains_what_it_enqueued(
    redis_server: RedisServer, crossing: str
) -> None:
    """bench/side_ch12.py, with few jobs: enqueued one at a time and in a batch,
    drained by a burst worker crossing per batch or per job, nothing left."""
    redis_server.command("DEL", "ch12:{bench}:stream", "ch12:{bench}:deferred")
    bench_side(redis_server.url, "enqueue", "noop", 150, "one")
    bench_side(redis_server.url, "enqueue", "noop", 150, "batch")
    drained = bench_side(redis_server.url, "worker", "noop", crossing)
    assert (drained["succeeded"], drained["failed"]) == (300, 0)
    assert redis_server.command("XLEN", "ch12:{bench}:stream") == 0
