"""The helpers the benchmark scripts share."""

from __future__ import annotations

import math

from cookbook import bench


def test_durations_take_the_largest_unit_that_keeps_them_at_one_or_more() -> None:
    assert bench.duration(2.5) == "2.5 s"
    assert bench.duration(0.0381) == "38.1 ms"
    assert bench.duration(1.36e-6) == "1.36 us"
    assert bench.duration(59.8e-9) == "59.8 ns"
    assert bench.duration(math.nan) == "-"


def test_ratios_keep_two_digits_then_whole_numbers() -> None:
    assert bench.ratio(1.4, 1.0) == "x1.4"
    assert bench.ratio(21.2, 1.0) == "x21"
    assert bench.ratio(24_340.4, 1.0) == "x24,340"


def test_tables_align_columns_right_or_the_label_left() -> None:
    rows = [["1 KB", "59.8 ns"], ["64 MB", "38.4 ms"]]
    assert bench.table("title", ["size", "time"], rows) == (
        "title\n size     time\n 1 KB  59.8 ns\n64 MB  38.4 ms"
    )
    assert bench.table("title", ["size", "time"], rows, label_left=True) == (
        "title\nsize      time\n1 KB   59.8 ns\n64 MB  38.4 ms"
    )


def test_the_processor_is_named() -> None:
    assert bench.processor().strip()
