"""Chapter 10 of the PyO3 cookbook: a small module shipped as an abi3 wheel.

`add` is the cheapest call there is; `csv_line` reads the text of every `str`
it is given. Timing both, built three ways, shows what the stable ABI costs
(bench/floor_costs.py). `build_flavour` says which way this copy was built.
"""

# ANCHOR: init
from ch10_abi3_wheels._native import add, build_flavour, csv_line

__all__ = ["add", "build_flavour", "csv_line"]
# ANCHOR_END: init
