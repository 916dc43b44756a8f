"""bench/thread_scaling.py runs and prints its table (its timings are not checked)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "bench" / "thread_scaling.py"
DURATION = r"\d+(\.\d+)? (ns|us|ms|s)"
RATIO = r"x\d+\.\d\d"


def test_the_quick_run_prints_a_row_per_thread_count() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    machine, table = result.stdout.strip().split("\n\n")
    assert machine.startswith("measured on CPython ")
    assert re.search(r"; (debug|release) build, ", machine), machine
    title, header, *rows = table.splitlines()
    assert title.startswith("each thread counts the primes below 20,000: median wall time of 3")
    assert header.split() == [
        "threads",
        "count_primes",
        "speed-up",
        "count_primes_attached",
        "speed-up",
    ]
    assert [row.split()[0] for row in rows] == ["1", "2", "4"]
    pattern = r"\s*\d" + (r"\s+" + DURATION + r"\s+" + RATIO) * 2 + r"\s*"
    for row in rows:
        assert re.fullmatch(pattern, row), f"unexpected row {row!r} in\n{table}"
    # One thread is the unit of both speed-ups.
    assert rows[0].split()[3] == rows[0].split()[6] == "x1.00"


def test_a_debug_build_is_refused_and_a_release_build_is_named() -> None:
    from ch06_attach import _native

    profile = _native.build_profile()
    if profile == "debug":  # as `cookbook develop` builds it
        result = subprocess.run(
            [sys.executable, str(SCRIPT)], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 2
        assert "this is a debug build" in result.stderr
        assert result.stdout == ""
    else:
        assert profile == "release"
        result = subprocess.run(
            [sys.executable, str(SCRIPT), "--quick"], capture_output=True, text=True, timeout=120
        )
        assert "; release build, " in result.stdout.splitlines()[0]
