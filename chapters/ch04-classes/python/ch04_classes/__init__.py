"""Chapter 4 of the PyO3 cookbook: classes and enums.

`Counter`, `Reset`, `Position` and `Bookmark` are Rust classes, used as they
are: they are public, so their `__module__` is this package, not `_native`.
`CharCounter` is a plain-Python class in front of `Counter`, for callers who
would rather write `reset="space"` than import an enum.
"""

# ANCHOR: init
from ch04_classes._native import Bookmark, Counter, Position, Reset, earliest
from ch04_classes.counter import CharCounter

__all__ = ["Bookmark", "CharCounter", "Counter", "Position", "Reset", "earliest"]
# ANCHOR_END: init
