"""Chapter 4 of the PyO3 cookbook: classes and enums.

`Counter`, `Reset` and `Position` are Rust classes, used as they are.
`CharCounter` is a plain-Python class in front of `Counter`, for callers who
would rather write `reset="space"` than import an enum.
"""

# ANCHOR: init
from ch04_classes._native import Counter, Position, Reset, earliest
from ch04_classes.counter import CharCounter

__all__ = ["CharCounter", "Counter", "Position", "Reset", "earliest"]
# ANCHOR_END: init
