"""`cookbook bench`: every measurement of the book in one run, and its results file.

1. Build release wheels of the chapters the suite measures (`maturin build
   --release`, into the same target folder as the `wheels` step).
2. Install them, pyperf and orjson into an environment of their own,
   `target/bench/venv`, so nothing from the development environment (debug
   builds, editable installs) can be timed by mistake.
3. Run `chapters/ch11-benchmarks/bench/suite.py` there with pyperf.
4. Turn pyperf's JSON into tables of ratios and write them, with a description
   of the machine, to `chapters/ch11-benchmarks/bench/results.txt`, which the
   book includes by anchor.

`make test` never runs the benchmarks; `check_results` (part of the `book`
step) makes sure the results file matches the suite and the measured code,
and that the pages showing measurements take every figure from the file.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Protocol

from cookbook.bench import duration, processor, table
from cookbook.project import executable, run, target_dir

SUITE = Path("chapters/ch11-benchmarks/bench/suite.py")
RESULTS = Path("chapters/ch11-benchmarks/bench/results.txt")
# The chapters whose compiled code the suite runs.
MEASURED = (
    "ch03-into-python",
    "ch06-attach",
    "ch08-callbacks",
    "ch09-async-bridge",
    "ch10-abi3-wheels",
    "ch11-benchmarks",
)
# Installed next to the wheels, at the versions of the development environment.
TOOLS = ("pyperf", "orjson")
# Pages that show measurements from the results file: none of their figures
# may be typed by hand.
MEASURED_PAGES = (
    Path("book/src/ch11-benchmarks.md"),
    Path("book/src/ch12-task-queue.md"),
    Path("book/src/ch12-jobs-life.md"),
    Path("book/src/ch12-promises.md"),
    Path("book/src/ch12-measured.md"),
)

# A duration or a ratio written in prose: "29.5 ms", "x4.6", "4.6x", "4.6 times".
HAND_TYPED = re.compile(
    r"(?<![\w.])(\d[\d,]*(\.\d+)?\s?(ns|us|µs|ms)\b"
    r"|x\d+(\.\d+)?\b|\d+(\.\d+)?x\b|\d+(\.\d+)? times\b)"
)


def load_suite(root: Path) -> ModuleType:
    """The suite module, for its TABLES: it imports no compiled module at the top."""
    spec = importlib.util.spec_from_file_location("cookbook_bench_suite", root / SUITE)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {SUITE}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while defining
    spec.loader.exec_module(module)
    return module


def sources_digest(root: Path) -> str:
    """A digest of the code the results were measured on: the suite, and the
    Rust and Python sources of every measured chapter. Line endings are
    normalised, so a Windows checkout digests the same, and the book's anchor
    lines are left out: moving a listing's boundaries changes no timing."""
    files = [root / SUITE]
    for slug in MEASURED:
        folder = root / "chapters" / slug
        files += sorted((folder / "src").rglob("*.rs")) + sorted((folder / "python").rglob("*.py"))
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        lines = path.read_bytes().replace(b"\r\n", b"\n").split(b"\n")
        digest.update(b"\n".join(line for line in lines if b"ANCHOR" not in line) + b"\0")
    return digest.hexdigest()[:16]


class RowSpec(Protocol):
    """What the harness reads of the suite's `Row`."""

    @property
    def name(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def threads(self) -> int: ...


class TableSpec(Protocol):
    """What the harness reads of the suite's `Table`."""

    @property
    def anchor(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def baseline(self) -> str: ...
    @property
    def ratio(self) -> str: ...
    @property
    def rows(self) -> Sequence[RowSpec]: ...


@dataclass(frozen=True)
class Measured:
    median: float
    spread: float  # standard deviation over mean, as a fraction


def spread(values: list[float]) -> float:
    return statistics.stdev(values) / statistics.mean(values) if len(values) > 1 else 0.0


def combined(first: float, second: float) -> float:
    """The relative spread of a ratio of two independent measurements."""
    return math.hypot(first, second)


def ratio_text(value: float) -> str:
    return f"x{value:.2g}" if value < 100 else f"x{value:,.0f}"


def render_table(spec: TableSpec, measured: dict[str, Measured]) -> str:
    """One table of the results file, from a suite `Table` and the measurements.

    "ratio" is a line's median over the first line's; "speed-up" is how many
    times the first line's work per second the line does, with its threads.
    """
    baseline = measured[spec.baseline]
    speed_up = spec.ratio == "speed-up"
    lines = []
    for row in spec.rows:
        here = measured[row.name]
        if speed_up:
            value = row.threads * baseline.median / here.median
        else:
            value = here.median / baseline.median
        relative = 0.0 if row.name == spec.baseline else combined(here.spread, baseline.spread)
        lines.append(
            [
                row.label,
                duration(here.median),
                f"±{here.spread:.0%}",
                ratio_text(value),
                f"±{relative:.0%}",
            ]
        )
    columns = ["", "median", "spread", "speed-up" if speed_up else "ratio", "spread"]
    return table(spec.title, columns, lines, label_left=True)


def load_average() -> str:
    """The one-minute load average, where the system has one (not on Windows)."""
    return f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "unknown"


def machine(root: Path, metadata: dict[str, object], runs: str, load: str) -> list[str]:
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True, cwd=root)
    return [
        f"cpu: {processor()}, {os.cpu_count()} logical cores, load average {load} before the run",
        f"system: {platform.system()} {platform.machine()}",
        f"python: {metadata.get('python_implementation', 'CPython')} "
        f"{str(metadata.get('python_version', platform.python_version())).split(' ')[0]}",
        f"rustc: {rustc.stdout.strip() or 'unknown'}",
        "build: release (maturin build --release), abi3-py311 wheels",
        f"harness: pyperf {importlib.metadata.version('pyperf')}, {runs}",
    ]


def read_pyperf(path: Path) -> tuple[dict[str, Measured], dict[str, object], str]:
    import pyperf  # type: ignore[import-untyped]

    suite = pyperf.BenchmarkSuite.load(str(path))
    measured: dict[str, Measured] = {}
    runs = ""
    for benchmark in suite.get_benchmarks():
        values = list(benchmark.get_values())
        measured[benchmark.get_name()] = Measured(statistics.median(values), spread(values))
        # Calibration runs record no values; every other run is one worker process.
        processes = sum(1 for run in benchmark.get_runs() if run.values)
        runs = f"{processes} processes x {len(values) // max(processes, 1)} values per benchmark"
    return measured, dict(suite.get_metadata()), runs


def write_results(root: Path, measured: dict[str, Measured], lines: list[str]) -> str:
    tables: tuple[TableSpec, ...] = load_suite(root).TABLES
    parts = [
        "Written by `uv run cookbook bench` (make bench); do not edit by hand.",
        "The book includes each table below by its anchor.",
        f"sources: {sources_digest(root)}",
        "",
        "ANCHOR: machine",
        *lines,
        "ANCHOR_END: machine",
    ]
    for spec in tables:
        parts += ["", f"ANCHOR: {spec.anchor}", render_table(spec, measured)]
        parts += [f"ANCHOR_END: {spec.anchor}"]
    text = "\n".join(parts) + "\n"
    (root / RESULTS).write_text(text, encoding="utf-8")
    return text


def build_environment(root: Path) -> Path | None:
    from cookbook.wheels import build_wheel, make_venv

    folder = target_dir(root, "bench")
    wheels_folder = folder / "wheels"
    shutil.rmtree(wheels_folder, ignore_errors=True)
    wheels_folder.mkdir(parents=True)
    wheels = []
    for slug in MEASURED:
        print(f"--- {slug}: maturin build --release", flush=True)
        wheel = build_wheel(root, root / "chapters" / slug / "Cargo.toml", wheels_folder)
        if wheel is None:
            return None
        wheels.append(wheel)
    return make_venv(root, Path(sys.executable), folder / "venv", wheels, TOOLS)


def bench(root: Path, pyperf_args: list[str], allow_busy: bool = False) -> int:
    from cookbook import quiet

    python = build_environment(root)
    if python is None:
        print("could not build the benchmark environment (see above)")
        return 1
    busy = quiet.settle()
    if busy and not allow_busy:
        print(busy)
        return 1
    output = target_dir(root, "bench") / "suite.json"
    output.unlink(missing_ok=True)
    load = load_average()  # before the suite's own threads add to it
    print("--- running the suite under pyperf (several minutes; keep the machine quiet)")
    # pyperf's --fast (fewer processes) keeps a run to a few minutes; pass
    # --rigorous, or pyperf's own -p/-n, for more.
    command = [str(python), str(root / SUITE), "-o", str(output), *(pyperf_args or ["--fast"])]
    if run(command, cwd=root).returncode:
        return 1
    measured, metadata, runs = read_pyperf(output)
    text = write_results(root, measured, machine(root, metadata, runs, load))
    if busy:
        text = quiet.mark_busy(text, busy)
        (root / RESULTS).write_text(text, encoding="utf-8")
    print()
    print("\n".join(line for line in text.splitlines() if "ANCHOR" not in line))
    print(f"written to {RESULTS}; pyperf's own data is in {output}")
    return 0


# (function, rows): the suite's plain rows, or its rows with quoted fields.
PROFILED = (("export_csv_in_place", "plain"), ("export_csv", "plain"), ("export_csv", "quoted"))
PROFILE_LINES = 14


def profile_path(function: str, rows: str) -> Path:
    suffix = "" if rows == "plain" else f"-{rows}"
    return RESULTS.parent / f"profile-{function}{suffix}.txt"


def top_of_report(report: str, lines: int = PROFILE_LINES) -> str:
    """The first `lines` symbols of `perf report --stdio`, without comments or call chains."""
    kept = [line.rstrip() for line in report.splitlines() if re.match(r"^\s+\d+\.\d+%", line)]
    return "\n".join(kept[:lines]) + "\n"


def profile(root: Path) -> int:
    """Profile both versions of export_csv with Linux `perf`; keep the top of each report."""
    perf = executable("perf")
    if perf is None or not sys.platform.startswith("linux"):
        print(
            "profiling needs Linux perf: on Debian or Ubuntu, `sudo apt-get install linux-perf` "
            "(or linux-tools-generic); elsewhere, `py-spy record --native` shows the same"
        )
        return 1
    python = build_environment(root)
    if python is None:
        return 1
    data = target_dir(root, "bench") / "perf.data"
    workload = root / RESULTS.parent / "profile_export.py"
    for function, rows in PROFILED:
        record = [perf, "record", "-F", "999", "-g", "-o", str(data)]
        workload_args = [str(python), str(workload), function, "5", rows]
        if run([*record, *workload_args], cwd=root).returncode:
            print("perf record failed: see above (perf_event_paranoid may forbid it)")
            return 1
        report = subprocess.run(
            [perf, "report", "-i", str(data), "--no-children", "--sort", "sym", "--stdio"],
            capture_output=True,
            text=True,
            cwd=root,
        )
        top = top_of_report(report.stdout)
        path = profile_path(function, rows)
        (root / path).write_text(top, encoding="utf-8")
        print(f"--- {function}, {rows} rows: the top of perf report, in {path}")
        print(top)
    return 0


def hand_typed(text: str) -> list[str]:
    """Figures in a page's prose: durations and ratios outside code and includes."""
    found = []
    in_fence = False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        prose = re.sub(r"\{\{#include [^}]*\}\}|`[^`]*`", "", line)
        found += [match.group(0) for match in HAND_TYPED.finditer(prose)]
    return found


def check_results(root: Path) -> list[str]:
    """Problems with the results file and the pages that show it."""
    path = root / RESULTS
    if not path.is_file():
        return [f"{RESULTS} is missing: run `uv run cookbook bench` (make bench)"]
    text = path.read_text(encoding="utf-8")
    problems = []
    recorded = re.search(r"^sources: (\w+)$", text, re.MULTILINE)
    if recorded is None or recorded.group(1) != sources_digest(root):
        problems.append(
            f"{RESULTS} was measured on other code than this (the suite or a measured "
            "chapter changed since): run `uv run cookbook bench` (make bench) again"
        )
    tables: tuple[TableSpec, ...] = load_suite(root).TABLES
    for anchor in ["machine", *(spec.anchor for spec in tables)]:
        if f"ANCHOR: {anchor}\n" not in text:
            problems.append(f"{RESULTS} has no table {anchor!r}: run `uv run cookbook bench`")
    for spec in tables:
        for row in spec.rows:
            if row.label not in text:
                problems.append(f"{RESULTS} has no line {row.label!r}: run `uv run cookbook bench`")
    for function, rows in PROFILED:
        if not (root / profile_path(function, rows)).is_file():
            problems.append(
                f"{profile_path(function, rows)} is missing: run `uv run cookbook bench --profile`"
            )
    for page in MEASURED_PAGES:
        if not (root / page).is_file():
            continue
        for figure in hand_typed((root / page).read_text(encoding="utf-8")):
            problems.append(
                f"{page}: {figure!r} looks like a measurement typed by hand; take it from "
                "a results file with an include, or write it in words if it is not a measurement"
            )
    return problems
