"""The capstone benchmark's harness: what it runs, and how it reads figures."""

from __future__ import annotations

from pathlib import Path

from cookbook import queue_bench
from cookbook.queue_bench import COUNTS, Figures, Run

ROOT = Path(__file__).resolve().parents[2]


def test_every_round_runs_every_side_of_every_workload_with_one_and_two_processes() -> None:
    runs = queue_bench.plan()
    assert len(set(runs)) == len(runs)
    for workload in COUNTS:
        for side in ("arq", "sketch", "ch12"):
            assert {run.processes for run in runs if (run.workload, run.side) == (workload, side)}
            assert {1, 2} == {
                run.processes for run in runs if (run.workload, run.side) == (workload, side)
            }
    # The queue's one-at-a-time enqueue, and the crossing per job, are measured too.
    assert Run("noop", "ch12", 1, "ch12-one") in runs
    assert Run("noop", "ch12-per-job", 1, "ch12") in runs


def fake_results() -> dict[Run, list[tuple[Figures, Figures]]]:
    """Every run of the plan, three rounds; arq twice as slow as everyone else."""
    results: dict[Run, list[tuple[Figures, Figures]]] = {}
    for run in queue_bench.plan():
        count = COUNTS[run.workload]
        slow = 2.0 if run.side == "arq" else 1.0
        results[run] = [
            (
                Figures(count / 1000 * slow, 1.0, 0.5, count * 6),
                Figures(seconds, 2.0, 1.0, count * 5),
            )
            for seconds in (1.0 * slow, 1.1 * slow, 0.9 * slow)
        ]
    return results


def test_a_drain_table_gives_rates_ratios_and_costs_per_task() -> None:
    text = queue_bench.drain_table("noop", fake_results())
    lines = text.splitlines()
    assert lines[0].startswith("Drain: 20,000 tasks that return None")
    arq = next(line for line in lines if line.startswith("arq, 1 process "))
    queue = next(line for line in lines if line.startswith("queue, 1 process "))
    # 20,000 tasks in a median of 2 s (arq) and 1 s (the queue).
    assert arq.split()[3:6] == ["10,000", "±10%", "x1"]
    assert "20,000" in queue
    assert "x2" in queue
    # 2 CPU seconds for 20,000 tasks: 0.1 s per 1,000, half of it on the main thread.
    assert "0.100" in queue
    assert "0.050" in queue
    assert queue.rstrip().endswith("5.0")  # Redis commands per task


def test_the_results_file_is_refused_when_the_code_changed(tmp_path: Path) -> None:
    assert queue_bench.check_results(tmp_path)[0].endswith(
        "run `uv run cookbook bench` (make bench)"
    )
    problems = queue_bench.check_results(ROOT)
    digest = queue_bench.sources_digest(ROOT)
    results = (ROOT / queue_bench.RESULTS).read_text(encoding="utf-8")
    assert (f"sources: {digest}\n" in results) == (problems == [])


def test_the_profile_keeps_the_rows_of_perf_report_by_thread() -> None:
    """The queue's profile is read with Chapter 11's reader of perf reports."""
    from cookbook.benchmarks import top_of_report

    report = """# Samples: 7K of event 'cpu-clock'
#
# Overhead  Command     Shared Object
# ........  ..........  ...................
#
    37.69%  python      libpython3.11.so.1.0
    26.77%  ch12-tokio  [kernel.kallsyms]
            |
            ---0x7f34a5940cc0
    15.26%  ch12-tokio  _native.abi3.so
"""
    assert top_of_report(report, lines=2).splitlines() == [
        "    37.69%  python      libpython3.11.so.1.0",
        "    26.77%  ch12-tokio  [kernel.kallsyms]",
    ]
