"""`cookbook bench --profile`, the capstone's part: where a worker's time goes.

One worker process of the queue drains 50,000 no-op jobs from a fresh
`redis-server` under Linux `perf record`; the report, grouped by thread
(`python` is the interpreter's main thread, `ch12-tokio` the engine's) and by
library, is written to `chapters/ch12-task-queue/bench/profile-drain.txt`,
which Chapter 12 includes.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from cookbook.benchmarks import top_of_report
from cookbook.project import executable, target_dir

PROFILE = Path("chapters/ch12-task-queue/bench/profile-drain.txt")
JOBS = 50_000
LINES = 12


def profile(root: Path) -> int:
    from cookbook.queue_bench import BENCH, environments
    from cookbook.redis_server import RedisServer, version_problem

    perf = executable("perf")
    if perf is None or not sys.platform.startswith("linux"):
        print("profiling needs Linux perf: on Debian or Ubuntu, `sudo apt-get install linux-perf`")
        return 1
    problem = version_problem()
    if problem:
        print(problem)
        return 1
    built = environments(root)
    if built is None:
        return 1
    python = str(built[0])
    side = str(root / BENCH / "side_ch12.py")
    data = target_dir(root, "bench") / "queue-perf.data"
    with tempfile.TemporaryDirectory() as folder, RedisServer(Path(folder) / "redis") as server:
        server.command("CONFIG", "SET", "appendonly", "no")
        enqueue = [python, side, "enqueue", server.url, "noop", str(JOBS), "batch"]
        subprocess.run(enqueue, input="go\n", capture_output=True, text=True, check=True)
        record = [perf, "record", "-F", "999", "-g", "-o", str(data), "--"]
        worker = subprocess.Popen(
            [*record, python, side, "worker", server.url, "noop", "batch"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=root,
        )
        assert worker.stdin is not None
        assert worker.stdout is not None
        if worker.stdout.readline().strip() != "ready":
            print("the worker did not start under perf (perf_event_paranoid may forbid it)")
            worker.kill()
            return 1
        out, _ = worker.communicate("go\n", timeout=600)
        if worker.returncode:
            print(f"perf record failed ({worker.returncode}): see above")
            return 1
    figures = json.loads(out.strip().splitlines()[-1])
    seconds = figures["end"] - figures["start"]
    report = subprocess.run(
        [perf, "report", "-i", str(data), "--no-children", "--sort", "comm,dso", "--stdio"],
        capture_output=True,
        text=True,
        cwd=root,
    )
    header = (
        f"{JOBS:,} no-op jobs, one worker process, under perf record: "
        f"{JOBS / seconds:,.0f} jobs/s;\n"
        f"main thread busy {figures['main_thread_cpu'] / seconds:.0%} of the time, "
        f"the process {figures['cpu'] / seconds:.0%} of one core.\n"
        "Share of the worker's CPU samples, by thread and library:\n"
    )
    in_kernel = ["--comm", "ch12-tokio", "--dso", "[kernel.kallsyms]", "--sort", "sym"]
    kernel = subprocess.run(
        [perf, "report", "-i", str(data), "--no-children", *in_kernel, "--stdio", "-g", "none"],
        capture_output=True,
        text=True,
        cwd=root,
    )
    text = (
        header
        + top_of_report(report.stdout, LINES)
        + "\nThe engine's threads in the kernel, by function (share of all samples):\n"
        + top_of_report(kernel.stdout, lines=6)
    )
    (root / PROFILE).write_text(text, encoding="utf-8")
    print(f"--- the queue's drain, profiled: {PROFILE}")
    print(text)
    return 0
