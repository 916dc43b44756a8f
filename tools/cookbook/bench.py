"""What the chapters' benchmark scripts share: naming the machine, and printing tables.

Each script under `chapters/*/bench/` measures something different; the way it
says what it ran on and lays out its figures is the same, and lives here.
"""

from __future__ import annotations

import math
import platform
from collections.abc import Sequence


def processor() -> str:
    """The CPU model where the system says it (Linux), else whatever platform knows."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def duration(seconds: float) -> str:
    """`seconds` in the largest unit that keeps it at 1 or more: `1.36 us`. NaN is `-`."""
    if math.isnan(seconds):  # not measured
        return "-"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def ratio(slow: float, fast: float) -> str:
    """How many times `fast` fits in `slow`: `x1.4`, `x21`, `x24,340`."""
    value = slow / fast
    return f"x{value:.2g}" if value < 100 else f"x{value:,.0f}"


def table(
    title: str, columns: Sequence[str], rows: list[list[str]], *, label_left: bool = False
) -> str:
    """A title, then columns aligned right (the first on the left if `label_left`)."""
    widths = [max(len(column), *(len(row[i]) for row in rows)) for i, column in enumerate(columns)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.ljust(width) if label_left and index == 0 else cell.rjust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        )

    return "\n".join([title, line(columns), *(line(row) for row in rows)])
