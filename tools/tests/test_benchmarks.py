"""The benchmark harness: its tables, its results file and the check on the book."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cookbook import benchmarks
from cookbook.benchmarks import Measured, hand_typed, render_table, top_of_report

ROOT = Path(__file__).resolve().parents[2]


def test_figures_typed_in_prose_are_found() -> None:
    page = "\n".join(
        [
            "export_csv took 29.5 ms, x4.6 faster, or 4.6x, or 3 times.",
            "It costs 120 ns and 1,200 us.",
        ]
    )
    assert hand_typed(page) == ["29.5 ms", "x4.6", "4.6x", "3 times", "120 ns", "1,200 us"]


def test_code_includes_and_words_are_not_figures() -> None:
    page = "\n".join(
        [
            "```text",
            "export_csv  25.8 ms  x1",
            "```",
            "{{#include ../../chapters/ch11-benchmarks/bench/results.txt:export}}",
            "Run `timeit -n 5 ms` and read chapter 11 with 100,000 rows on 2 cores.",
            "The goal was ten times faster.",
        ]
    )
    assert hand_typed(page) == []


class _Row:
    def __init__(self, name: str, label: str, threads: int = 1) -> None:
        self.name, self.label, self.threads = name, label, threads


class _Table:
    def __init__(self, ratio: str, rows: tuple[_Row, ...]) -> None:
        self.anchor, self.title, self.ratio, self.rows = "t", "A title", ratio, rows
        self.baseline = rows[0].name


def test_ratios_are_to_the_first_line_and_speed_ups_count_threads() -> None:
    measured = {
        "a": Measured(1e-6, 0.03),
        "b": Measured(4e-6, 0.04),
        "c": Measured(1.5e-6, 0.0),
    }
    times = render_table(_Table("times", (_Row("a", "first"), _Row("b", "second"))), measured)
    assert times.splitlines()[0] == "A title"
    assert times.splitlines()[2].split()[-2:] == ["x1", "±0%"]
    assert times.splitlines()[3].split()[-2:] == ["x4", "±5%"]  # 0.03 and 0.04 combine to 0.05
    speed = render_table(_Table("speed-up", (_Row("a", "one", 1), _Row("c", "two", 2))), measured)
    assert speed.splitlines()[3].split()[-2] == "x1.3"  # 2 threads x 1.0 / 1.5


def test_the_top_of_a_perf_report_keeps_only_symbol_lines() -> None:
    report = (
        "# comment\n\n    20.52%  [.] field\n             --2.76%--0x7fee\n     8.06%  [.] run\n"
    )
    assert top_of_report(report) == "    20.52%  [.] field\n     8.06%  [.] run\n"


def test_every_line_of_every_table_is_measured_by_something() -> None:
    suite = benchmarks.load_suite(ROOT)
    for table in suite.TABLES:
        assert table.baseline == table.rows[0].name, table.anchor
        for row in table.rows:
            grouped = table.anchor in suite.GROUPS or table.anchor == "awaits"
            assert row.name in suite.TIMEIT or grouped, row.name


def test_the_results_file_and_the_book_agree() -> None:
    assert benchmarks.check_results(ROOT) == []


def test_a_stale_or_incomplete_results_file_is_caught(tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    for part in ["chapters", "book/src"]:
        shutil.copytree(ROOT / part, copy / part, ignore=shutil.ignore_patterns("*.so", "target"))
    assert benchmarks.check_results(copy) == []

    export = copy / "chapters/ch03-into-python/src/export.rs"
    export.write_text(export.read_text() + "\n// changed\n")
    assert any("measured on other code" in p for p in benchmarks.check_results(copy))

    results = copy / benchmarks.RESULTS
    results.write_text(results.read_text().replace("ANCHOR: export\n", ""))
    assert any("no table 'export'" in p for p in benchmarks.check_results(copy))


@pytest.mark.parametrize("page", benchmarks.MEASURED_PAGES)
def test_a_figure_typed_into_a_measured_page_is_caught(tmp_path: Path, page: Path) -> None:
    copy = tmp_path / "repo"
    for part in ["chapters", "book/src"]:
        shutil.copytree(ROOT / part, copy / part, ignore=shutil.ignore_patterns("*.so", "target"))
    (copy / page).write_text((copy / page).read_text() + "\nIt is 3.2x faster.\n")
    assert any("'3.2x'" in p for p in benchmarks.check_results(copy))
