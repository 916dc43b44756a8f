"""bench/copy_costs.py runs and prints its three tables (its timings are not checked)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "bench" / "copy_costs.py"
DURATION = r"\d+(\.\d+)? (ns|us|ms|s)"
RATIO = r"x[\d,]+(\.\d+)?"


def test_the_quick_run_prints_three_tables_of_times_and_ratios() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    blocks = result.stdout.strip().split("\n\n")
    assert blocks[0].startswith("measured on CPython ")
    assert [block.splitlines()[0].split(":")[0] for block in blocks[1:]] == [
        "bytes in",
        "str in (ASCII text)",
        "bytes out",
    ]
    # (durations, ratios) per row of each table, after the size.
    shapes = [(3, 2), (3, 3), (2, 1)]
    for block, (durations, ratios) in zip(blocks[1:], shapes, strict=True):
        header, *rows = block.splitlines()[1:]
        assert header.split()[0] == "size"
        assert [row.split()[:2] for row in rows] == [["1", "KB"], ["64", "KB"]]
        cell = r"\s+"
        pattern = r"\s*\d+ [KM]B" + (cell + DURATION) * durations + (cell + RATIO) * ratios + r"\s*"
        for row in rows:
            assert re.fullmatch(pattern, row), f"unexpected row {row!r} in\n{block}"


def test_a_debug_build_is_refused_and_a_release_build_is_named() -> None:
    from ch03_into_python import _native

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
