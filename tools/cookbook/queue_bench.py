"""The capstone's benchmark: the cookbook's queue against arq, and against a
plain-Python sketch of its own hot path, on one real Redis.

1. Build a release wheel of `ch12-task-queue` and install it alone into
   `target/bench/queue-ch12`; install arq, the redis-py it needs (below 6)
   and hiredis into `target/bench/queue-arq`. The sketch runs there too.
2. Start one `redis-server` on a free loopback port, without persistence
   (this measures the queues, not the disk).
3. For every round, and inside it in a fixed interleaved order, every run:
   empty Redis, enqueue a workload (timed), then drain it with one or two
   burst worker processes (timed apart), counting Redis commands with
   `INFO commandstats` and checking afterwards that every task succeeded and
   nothing is left queued or pending.
4. Write the medians, spreads and ratios to
   `chapters/ch12-task-queue/bench/results.txt`, which Chapter 12 includes.

The sides are scripts in `chapters/ch12-task-queue/bench/`; they share the task
bodies (`workloads.py`) and report their own clock and CPU time, so start-up
and imports are never timed.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cookbook.bench import processor, table
from cookbook.project import executable, run, target_dir

CHAPTER = Path("chapters/ch12-task-queue")
BENCH = CHAPTER / "bench"
RESULTS = BENCH / "results.txt"
HARNESS = Path("tools/cookbook/queue_bench.py")
# arq's environment: its last release, the redis-py it supports, and hiredis,
# redis-py's C parser, which a production deployment of arq would install.
ARQ_PINS = ("arq==0.28.0", "redis==5.3.1", "hiredis==3.3.0")
ROUNDS = 5
PAGE = Path("book/src/ch12-task-queue.md")


def _load_workloads() -> Any:
    """The sides' shared definitions (bench/workloads.py), read from the chapter."""
    path = Path(__file__).resolve().parents[2] / BENCH / "workloads.py"
    spec = importlib.util.spec_from_file_location("cookbook_queue_workloads", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_workloads = _load_workloads()
CONCURRENCY: int = _workloads.CONCURRENCY
COUNTS: dict[str, int] = _workloads.COUNTS
DESCRIPTIONS: dict[str, str] = _workloads.DESCRIPTIONS

# What a drain row is: which side, how many worker processes, and which
# variant of the side (the cookbook's queue also runs one crossing per job).
SIDES = {
    "arq": "arq",
    "sketch": "sketch",
    "ch12": "queue",
    "ch12-per-job": "queue, per-job",
}
ENQUEUE_MODES = {
    "arq": ("one", "arq enqueue_job, one by one"),
    "ch12-one": ("one", "queue enqueue, one by one"),
    "ch12": ("batch", "queue enqueue_many, 1,000"),
    "sketch": ("batch", "sketch enqueue.lua, 1,000"),
}


@dataclass(frozen=True)
class Run:
    workload: str
    side: str  # a key of SIDES
    processes: int
    enqueue: str  # a key of ENQUEUE_MODES

    @property
    def label(self) -> str:
        plural = "es" if self.processes > 1 else ""
        return f"{SIDES[self.side]}, {self.processes} process{plural}"


def plan() -> list[Run]:
    """Every run of one round, interleaved: each workload in turn, and within it
    arq, the sketch and the queue take turns, so a slow minute of the machine
    falls on all of them."""
    runs = []
    for workload in COUNTS:
        for processes in (1, 2):
            runs.append(Run(workload, "arq", processes, "arq"))
            runs.append(Run(workload, "sketch", processes, "sketch"))
            # The queue's one-at-a-time enqueue is timed before its one-process
            # drains, its batch enqueue before the others.
            runs.append(Run(workload, "ch12", processes, "ch12-one" if processes == 1 else "ch12"))
        if workload == "noop":
            runs.append(Run(workload, "ch12-per-job", 1, "ch12"))
    return runs


def sources_digest(root: Path) -> str:
    """A digest of what the results were measured on: the harness, the sides,
    and the queue's Rust, Lua and Python (anchor lines left out)."""
    chapter = root / CHAPTER
    files = [root / HARNESS, *sorted((root / BENCH).glob("*.py"))]
    for pattern in ("src/**/*.rs", "src/**/*.lua", "python/**/*.py"):
        files += sorted(chapter.glob(pattern))
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        lines = path.read_bytes().replace(b"\r\n", b"\n").split(b"\n")
        digest.update(b"\n".join(line for line in lines if b"ANCHOR" not in line) + b"\0")
    return digest.hexdigest()[:16]


# --- environments ---------------------------------------------------------


def environments(root: Path) -> tuple[Path, Path] | None:
    """The queue's environment and arq's: each one's python."""
    from cookbook.wheels import build_wheel, make_venv

    folder = target_dir(root, "bench")
    wheels = folder / "queue-wheels"
    shutil.rmtree(wheels, ignore_errors=True)
    wheels.mkdir(parents=True)
    print(f"--- {CHAPTER.name}: maturin build --release", flush=True)
    wheel = build_wheel(root, root / CHAPTER / "Cargo.toml", wheels)
    if wheel is None:
        return None
    ch12 = make_venv(root, Path(sys.executable), folder / "queue-ch12", [wheel], ())
    if ch12 is None:
        return None
    uv = executable("uv") or "uv"
    arq_folder = folder / "queue-arq"
    command = [uv, "venv", "--clear", "--python", sys.executable, str(arq_folder)]
    if run(command, cwd=root).returncode:
        return None
    arq = arq_folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if run([uv, "pip", "install", "--python", str(arq), *ARQ_PINS], cwd=root).returncode:
        return None
    return ch12, arq


# --- one run --------------------------------------------------------------


class BenchFailed(Exception):
    pass


def side_command(python: Path, root: Path, side: str, *args: object) -> list[str]:
    script = {"arq": "side_arq.py", "sketch": "side_sketch.py"}.get(side, "side_ch12.py")
    return [str(python), str(root / BENCH / script), *map(str, args)]


def command_text(process: subprocess.Popen[str]) -> str:
    args = process.args
    return " ".join(map(str, args)) if isinstance(args, list) else str(args)


def gated(commands: list[list[str]], root: Path) -> list[dict[str, Any]]:
    """Start every command, wait until each says `ready`, release them all at
    once, and return what each reported."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    env.pop("PYTHONPATH", None)
    processes = [
        subprocess.Popen(
            command,
            cwd=root,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for command in commands
    ]
    try:
        for process in processes:
            assert process.stdout is not None
            assert process.stderr is not None
            line = process.stdout.readline()
            if line.strip() != "ready":
                raise BenchFailed(f"{command_text(process)} did not start: {process.stderr.read()}")
        for process in processes:
            assert process.stdin is not None
            process.stdin.write("go\n")
            process.stdin.flush()
        reports = []
        for process in processes:
            out, err = process.communicate(timeout=600)
            if process.returncode != 0:
                raise BenchFailed(f"{command_text(process)} failed ({process.returncode}): {err}")
            reports.append(json.loads(out.strip().splitlines()[-1]))
        return reports
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()


CH12_LEFT = """
local n = 0
for _, key in ipairs(redis.call('KEYS', KEYS[1] .. 'job:*')) do
  if redis.call('HGET', key, 'state') == 'succeeded' then n = n + 1 end
end
local pending = 0
if redis.call('EXISTS', KEYS[1] .. 'stream') == 1 then
  pending = redis.call('XPENDING', KEYS[1] .. 'stream', 'workers')[1]
end
return {n, redis.call('XLEN', KEYS[1] .. 'stream'), pending,
        redis.call('ZCARD', KEYS[1] .. 'deferred')}
"""


def check_done(server: Any, run_: Run, count: int, arq: Path, root: Path) -> None:
    """Every task succeeded, once, and nothing is left queued or pending."""
    if run_.side == "arq":
        command = side_command(arq, root, "arq", "check", server.url)
        figures = json.loads(subprocess.run(command, capture_output=True, text=True).stdout)
        problems = figures["succeeded"] != count or figures["queued"] or figures["running"]
    else:
        succeeded, stream, pending, deferred = server.command("EVAL", CH12_LEFT, 1, "ch12:{bench}:")
        figures = {"succeeded": succeeded, "stream": stream, "pending": pending}
        problems = succeeded != count or stream or pending or deferred
    if problems:
        raise BenchFailed(f"{run_.label}, {run_.workload}: {count} tasks, but {figures}")


@dataclass
class Figures:
    seconds: float  # wall clock, from the release to the last process's end
    cpu: float  # every process, every thread
    main_cpu: float  # every process's main thread: where the interpreter runs asyncio
    commands: int  # Redis commands, counted by the server


def one_run(
    server: Any, run_: Run, pythons: dict[str, Path], root: Path
) -> tuple[Figures, Figures]:
    count = COUNTS[run_.workload]
    server.command("FLUSHALL")
    mode, _ = ENQUEUE_MODES[run_.enqueue]
    producer = run_.enqueue if run_.enqueue in ("arq", "sketch") else "ch12"
    command = [producer, "enqueue", server.url, run_.workload, count, mode]
    server.command("CONFIG", "RESETSTAT")
    [produced] = gated([side_command(pythons[producer], root, *command)], root)
    enqueue = Figures(
        produced["end"] - produced["start"],
        produced["cpu"],
        produced["main_thread_cpu"],
        sum(server.commandstats().values()),
    )
    server.command("CONFIG", "RESETSTAT")
    variant = "per-job" if run_.side == "ch12-per-job" else "batch"
    side = "ch12" if run_.side.startswith("ch12") else run_.side
    worker = side_command(pythons[side], root, side, "worker", server.url, run_.workload, variant)
    reports = gated([worker] * run_.processes, root)
    commands = sum(server.commandstats().values())
    drained = sum(report.get("succeeded", 0) for report in reports)
    if drained != count:
        raise BenchFailed(f"{run_.label}: the workers report {drained} of {count} tasks done")
    check_done(server, run_, count, pythons["arq"], root)
    wall = max(report["end"] for report in reports) - min(report["start"] for report in reports)
    cpu = sum(report["cpu"] for report in reports)
    main_cpu = sum(report["main_thread_cpu"] for report in reports)
    drain = Figures(wall, cpu, main_cpu, commands)
    return enqueue, drain


# --- tables ---------------------------------------------------------------


def median_spread(values: list[float]) -> tuple[float, float]:
    middle = statistics.median(values)
    if len(values) < 2:
        return middle, 0.0
    return middle, statistics.stdev(values) / statistics.mean(values)


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}"


def times(value: float) -> str:
    return f"x{value:.2g}" if value < 10 else f"x{value:,.0f}"


def drain_table(workload: str, results: dict[Run, list[tuple[Figures, Figures]]]) -> str:
    count = COUNTS[workload]
    rows = []
    runs = [run_ for run_ in results if run_.workload == workload]
    runs.sort(key=lambda run_: (run_.processes, list(SIDES).index(run_.side)))
    for run_ in runs:
        drains = [drain for _, drain in results[run_]]
        seconds, spread = median_spread([drain.seconds for drain in drains])
        arq = Run(workload, "arq", run_.processes, "arq")
        arq_seconds = statistics.median(drain.seconds for _, drain in results[arq])
        cpu = statistics.median(drain.cpu for drain in drains) / count * 1000
        main = statistics.median(drain.main_cpu for drain in drains) / count * 1000
        busy = statistics.median(d.main_cpu / (d.seconds * run_.processes) for d in drains)
        commands = statistics.median(drain.commands for drain in drains) / count
        rows.append(
            [
                run_.label,
                rate(count, seconds),
                f"±{spread:.0%}",
                times(arq_seconds / seconds),
                f"{cpu:.3f}",
                f"{main:.3f}",
                f"{busy:.0%}",
                f"{commands:.1f}",
            ]
        )
    columns = ["", "tasks/s", "spread", "vs arq", "CPU/1k", "main/1k", "busy", "cmds"]
    title = f"Drain: {count:,} tasks that {DESCRIPTIONS[workload]}, concurrency {CONCURRENCY}"
    return table(title, columns, rows, label_left=True)


def enqueue_table(results: dict[Run, list[tuple[Figures, Figures]]]) -> str:
    count = COUNTS["noop"]
    by_mode: dict[str, list[Figures]] = defaultdict(list)
    for run_, pairs in results.items():
        if run_.workload == "noop":
            by_mode[run_.enqueue] += [enqueue for enqueue, _ in pairs]
    arq_seconds = statistics.median(figures.seconds for figures in by_mode["arq"])
    rows = []
    for mode, (_, label) in ENQUEUE_MODES.items():
        seconds, spread = median_spread([figures.seconds for figures in by_mode[mode]])
        cpu = statistics.median(figures.cpu for figures in by_mode[mode]) / count * 1000
        commands = statistics.median(figures.commands for figures in by_mode[mode]) / count
        rows.append(
            [
                label,
                rate(count, seconds),
                f"±{spread:.0%}",
                times(arq_seconds / seconds),
                f"{cpu:.2f}",
                f"{commands:.1f}",
            ]
        )
    columns = ["", "tasks/s", "spread", "vs arq", "CPU/1k", "cmds"]
    title = f"Enqueue: {count:,} no-op tasks from one producer process"
    return table(title, columns, rows, label_left=True)


def machine(root: Path, load: str, rounds: int, server: str) -> list[str]:
    import platform

    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True, cwd=root)
    return [
        f"cpu: {processor()}, {os.cpu_count()} logical cores, load average {load} before the run",
        f"system: {platform.system()} {platform.machine()}",
        f"python: CPython {platform.python_version()}; {server}, on loopback, no persistence",
        f"rustc: {rustc.stdout.strip() or 'unknown'}",
        "queue: a release wheel (abi3-py311); per-job: one crossing into Rust per job",
        f"arq: {', '.join(ARQ_PINS)}; poll_delay=0, max_jobs={CONCURRENCY}",
        "sketch: the queue's hot path in plain Python, in arq's environment",
        f"harness: {rounds} interleaved rounds; medians; spread: stdev/mean of the time",
        "CPU/1k: CPU seconds (user+system) per 1,000 tasks, every worker process and",
        "thread; main/1k: the part on the interpreter's main thread, where asyncio runs;",
        "busy: main-thread CPU time over wall time; cmds: Redis commands per task",
    ]


def write_results(
    root: Path, results: dict[Run, list[tuple[Figures, Figures]]], lines: list[str]
) -> str:
    parts = [
        "Written by `uv run cookbook bench` (make bench); do not edit by hand.",
        "The book includes each table below by its anchor.",
        f"sources: {sources_digest(root)}",
        "",
        "ANCHOR: machine",
        *lines,
        "ANCHOR_END: machine",
        "",
        "ANCHOR: enqueue",
        enqueue_table(results),
        "ANCHOR_END: enqueue",
    ]
    for workload in COUNTS:
        parts += ["", f"ANCHOR: drain-{workload}", drain_table(workload, results)]
        parts += [f"ANCHOR_END: drain-{workload}"]
    text = "\n".join(parts) + "\n"
    (root / RESULTS).write_text(text, encoding="utf-8")
    return text


def bench(root: Path, rounds: int = ROUNDS) -> int:
    from cookbook.benchmarks import load_average
    from cookbook.redis_server import (
        RedisServer,
        redis_server_executable,
        server_version,
        version_problem,
    )

    if os.name == "nt":
        print("the queue benchmark needs redis-server and a POSIX system; skipped on Windows")
        return 1
    problem = version_problem()
    if problem:
        print(problem)
        return 1
    built = environments(root)
    if built is None:
        print("could not build the queue benchmark's environments (see above)")
        return 1
    ch12, arq = built
    pythons = {"ch12": ch12, "arq": arq, "sketch": arq}
    load = load_average()
    results: dict[Run, list[tuple[Figures, Figures]]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as folder, RedisServer(Path(folder) / "redis") as server:
        server.command("CONFIG", "SET", "appendonly", "no")
        for round_ in range(1, rounds + 1):
            for run_ in plan():
                try:
                    enqueue, drain = one_run(server, run_, pythons, root)
                except BenchFailed as error:
                    print(f"round {round_}: {error}")
                    return 1
                results[run_].append((enqueue, drain))
                count = COUNTS[run_.workload]
                print(
                    f"round {round_}/{rounds}  {run_.workload:<5} {run_.label:<52} "
                    f"enqueue {count / enqueue.seconds:>8,.0f}/s  "
                    f"drain {count / drain.seconds:>8,.0f}/s",
                    flush=True,
                )
    version = server_version(redis_server_executable() or "redis-server") or ()
    server_name = f"redis-server {'.'.join(map(str, version))}"
    text = write_results(root, results, machine(root, load, rounds, server_name))
    print()
    print("\n".join(line for line in text.splitlines() if "ANCHOR" not in line))
    print(f"written to {RESULTS}")
    return 0


def check_results(root: Path) -> list[str]:
    """Problems with the queue's results file: missing, or measured on other code."""
    path = root / RESULTS
    if not path.is_file():
        return [f"{RESULTS} is missing: run `uv run cookbook bench` (make bench)"]
    text = path.read_text(encoding="utf-8")
    problems = []
    if f"sources: {sources_digest(root)}\n" not in text:
        problems.append(
            f"{RESULTS} was measured on other code than this (the queue, its sides or the "
            "harness changed since): run `uv run cookbook bench` (make bench) again"
        )
    anchors = ["machine", "enqueue", *(f"drain-{workload}" for workload in COUNTS)]
    for anchor in anchors:
        if f"ANCHOR: {anchor}\n" not in text:
            problems.append(f"{RESULTS} has no table {anchor!r}: run `uv run cookbook bench`")
    return problems
