"""The workload a profiler watches: one export function, called for a few seconds.

    python profile_export.py export_csv_in_place 5
    python profile_export.py export_csv 5 quoted

`uv run cookbook bench --profile` runs this under Linux `perf` for both
versions of `export_csv` (and the second version once more, on the rows whose
fields need quotes) and keeps the top of each report. The rows are the
benchmark suite's, built before the loop starts.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from suite import quoted_rows, rows


def main() -> None:
    import ch03_into_python._native as native

    export = getattr(native, sys.argv[1])
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 5.0
    table = quoted_rows() if sys.argv[3:4] == ["quoted"] else rows()
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        export(table, "EUR")


if __name__ == "__main__":
    main()
