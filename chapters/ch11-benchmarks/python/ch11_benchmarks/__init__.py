"""Chapter 11 of the PyO3 cookbook: where Rust wins, where it loses, measured.

`sum_floats` adds a list of floats, converting it first; `sum_buffer` adds a
buffer of doubles without converting it item by item. The benchmark suite
that measures every chapter is `bench/suite.py` in the chapter folder, run by
`uv run cookbook bench`.
"""

from ch11_benchmarks._native import build_profile, sum_buffer, sum_floats

__all__ = ["build_profile", "sum_buffer", "sum_floats"]
