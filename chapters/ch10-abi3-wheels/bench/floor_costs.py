"""What the stable ABI's floor costs: the same module built three ways, timed in one run.

    uv run python chapters/ch10-abi3-wheels/bench/floor_costs.py

builds the chapter's crate with `cargo build --release` three times, each into
its own target directory under target/: for `abi3-py39`, for `abi3-py311` (what
the wheel ships), and for the full API of the running CPython. Each copy is
loaded in a Python process of its own, which times `add(1, 2)` (a call and
nothing else) and `csv_line` on six fields (reading the text of six `str`).
The ratios compare each build with the full API's, in the same run.

`--quick` builds nothing: it times the copy this interpreter imports, briefly,
to check that the script works (the tests run it so).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CRATE = HERE.parent
ROOT = CRATE.parents[1]
PACKAGE = "ch10_abi3_wheels"
# name, extra cargo arguments, target directory (the full API one is shared
# with the `wheels` step's audit check, which builds exactly the same thing).
BUILDS = [
    ("abi3-py39", ["--features", "pyo3/abi3-py39"], "floor-abi3-py39"),
    ("abi3-py311", ["--features", "pyo3/abi3-py311"], "floor-abi3-py311"),
    ("full API", [], "wheels-full-api"),
]
FIELDS = ["Ada Lovelace", "12.50 EUR", "Zürich, Switzerland", 'say "hi"', "2026-11-21", "ok"]

# ANCHOR: measure
MEASURE = """
import json, statistics, sys, timeit
from ch10_abi3_wheels import _native
add, csv_line = _native.add, _native.csv_line
fields, number, repeats = json.loads(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
def per_call(statement, n):
    times = timeit.repeat(statement, number=n, repeat=repeats, globals=globals())
    return statistics.median(times) / n
print(json.dumps({
    "flavour": _native.build_flavour(),
    "profile": _native.build_profile(),
    "add": per_call("add(1, 2)", number),
    "csv_line": per_call("csv_line(fields)", number // 10),
}))
"""
# ANCHOR_END: measure


def build(name: str, extra: list[str], target: str) -> Path:
    """One release build of the crate; a folder holding the package with that build in it."""
    target_dir = ROOT / "target" / target
    env = dict(os.environ, CARGO_TARGET_DIR=str(target_dir), PYO3_BUILD_EXTENSION_MODULE="1")
    env.setdefault("PYO3_PYTHON", sys.executable)
    command = ["cargo", "build", "--release", "--lib", "-p", "ch10-abi3-wheels", *extra]
    print(f"building {name}: {' '.join(command)}", file=sys.stderr, flush=True)
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=sys.stderr)
    suffix = {"darwin": ".dylib", "win32": ".dll"}.get(sys.platform, ".so")
    prefix = "" if sys.platform == "win32" else "lib"
    library = target_dir / "release" / f"{prefix}{PACKAGE}{suffix}"
    folder = target_dir / "floor-costs"
    if folder.exists():
        shutil.rmtree(folder)
    # Only the Python half: `maturin develop` leaves its own build beside it.
    ignore = shutil.ignore_patterns("*.so", "*.pyd", "__pycache__")
    shutil.copytree(CRATE / "python" / PACKAGE, folder / PACKAGE, ignore=ignore)
    native = "_native.pyd" if sys.platform == "win32" else "_native.so"
    shutil.copyfile(library, folder / PACKAGE / native)
    return folder


def measure(folder: Path | None, number: int, repeats: int) -> dict[str, object]:
    env = dict(os.environ)
    if folder is not None:
        env["PYTHONPATH"] = str(folder)
    command = [sys.executable, "-c", MEASURE, json.dumps(FIELDS), str(number), str(repeats)]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    measured: dict[str, object] = json.loads(result.stdout)
    return measured


def duration(seconds: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.1f} {unit}"
    return f"{seconds / 1e-9:.0f} ns"


def ratio(value: float) -> str:
    return f"x{value:.2f}"


def load() -> str:
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except (AttributeError, OSError):
        return "unknown"


# ANCHOR: table
def table(rows: list[dict[str, object]]) -> str:
    unit = rows[-1]  # the last row is the one the ratios compare with
    lines = [f"{'build':<12}{'add(1, 2)':>11}{'ratio':>8}{'csv_line, 6 fields':>21}{'ratio':>8}"]
    for row in rows:
        add, csv = float(str(row["add"])), float(str(row["csv_line"]))
        add_ratio = add / float(str(unit["add"]))
        csv_ratio = csv / float(str(unit["csv_line"]))
        lines.append(
            f"{row['flavour']!s:<12}{duration(add):>11}{ratio(add_ratio):>8}"
            f"{duration(csv):>21}{ratio(csv_ratio):>8}"
        )
    return "\n".join(lines)


# ANCHOR_END: table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="no builds; the imported copy only")
    args = parser.parse_args()
    started_load = load()
    if args.quick:
        rows = [measure(None, number=2_000, repeats=3)]
    else:
        folders = [build(name, extra, target) for name, extra, target in BUILDS]
        rows = [measure(folder, number=1_000_000, repeats=7) for folder in folders]
        if any(row["profile"] != "release" for row in rows):
            print("a build is not a release build: its timings mean nothing", file=sys.stderr)
            return 2
    version = platform.python_version()
    print(
        f"measured on CPython {version} ({platform.machine()} {platform.system()}); "
        f"{rows[0]['profile']} build{'s' if len(rows) > 1 else ''}; "
        f"load average {started_load} at the start"
    )
    print()
    print(
        "median time per call, of 7 runs" if not args.quick else "median time per call, of 3 runs"
    )
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
