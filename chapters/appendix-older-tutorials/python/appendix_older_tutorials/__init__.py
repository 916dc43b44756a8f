"""Appendix of the PyO3 cookbook: reading a tutorial written for an older PyO3.

Each function and class here is the fixed form of an old PyO3 API, built with
PyO3 0.30; the Rust source names the entry it fixes (`fix_NN`). The classes
are public, so their `__module__` is this package, not `_native`.
"""

# ANCHOR: init
from appendix_older_tutorials._native import (
    Basket,
    Item,
    Point,
    Stock,
    brightness,
    checksum,
    count_words,
    distance_from_origin,
    first_item,
    label,
    ratio,
    restock,
    run_snippet,
    size_chart,
    to_celsius,
)

__all__ = [
    "Basket",
    "Item",
    "Point",
    "Stock",
    "brightness",
    "checksum",
    "count_words",
    "distance_from_origin",
    "first_item",
    "label",
    "ratio",
    "restock",
    "run_snippet",
    "size_chart",
    "to_celsius",
]
# ANCHOR_END: init
