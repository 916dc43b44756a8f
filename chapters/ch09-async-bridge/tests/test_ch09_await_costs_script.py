"""bench/await_costs.py runs and prints its table (its timings are not checked)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "bench" / "await_costs.py"
DURATION = r"\d+(\.\d+)? (ns|us|ms|s)"


def test_the_quick_run_prints_a_row_per_kind_of_await() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert result.stderr == ""
    machine, table = result.stdout.strip().split("\n\n")
    assert machine.startswith("measured on CPython ")
    assert re.search(r"; (debug|release) build, ", machine), machine
    title, header, *rows = table.splitlines()
    assert title.startswith("time per await (per item in the last two rows): median of 2")
    assert header.split() == ["what", "one", "at", "a", "time", "1,000", "at", "a", "time"]
    names = [re.split(r"\s{2,}", row)[0] for row in rows]
    assert names == [
        "await a plain async def",
        "await an asyncio future set from a thread",
        "await sleep(0) through the bridge",
        "1,000 items in one sleep(0, items)",
        "1,000 items through map_async",
    ]
    for row in rows[:3]:
        assert re.fullmatch(rf".*\S\s+{DURATION}\s+{DURATION}", row), row
    for row in rows[3:]:
        assert re.fullmatch(rf".*\S\s+-\s+{DURATION}", row), row


def test_a_debug_build_is_refused_and_a_release_build_is_named() -> None:
    from ch09_async_bridge import _native

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
