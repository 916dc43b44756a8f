"""bench/floor_costs.py runs and prints its table (its timings are not checked)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "bench" / "floor_costs.py"
STORED = SCRIPT.with_suffix(".txt")
DURATION = r"\d+(\.\d+)? (ns|us|ms|s)"
ROW = r"(abi3-py\d+|full API)\s+" + DURATION + r"\s+x\d+\.\d\d\s+" + DURATION + r"\s+x\d+\.\d\d"
HEADER = ["build", "add(1,", "2)", "ratio", "csv_line,", "6", "fields", "ratio"]


def test_the_quick_run_times_the_imported_copy() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    machine, table = result.stdout.strip().split("\n\n")
    assert re.fullmatch(
        r"measured on CPython \S+ \(.*\); (debug|release) build; load average \S+ at the start",
        machine,
    )
    title, header, *rows = table.splitlines()
    assert title == "median time per call, of 3 runs"
    assert header.split() == HEADER
    assert len(rows) == 1
    assert re.fullmatch(ROW, rows[0]), rows[0]
    # One row is its own unit.
    assert rows[0].split()[3] == rows[0].split()[6] == "x1.00"


def test_the_stored_run_compares_three_release_builds() -> None:
    machine, table = STORED.read_text().strip().split("\n\n")
    assert "; release builds; " in machine
    _, header, *rows = table.splitlines()
    assert header.split() == HEADER
    assert [row.split()[0] for row in rows] == ["abi3-py39", "abi3-py311", "full"]
    for row in rows:
        assert re.fullmatch(ROW, row), row
    assert rows[-1].split()[4] == rows[-1].split()[7] == "x1.00"
