"""Chapter 7 of the PyO3 cookbook: errors both ways, between Rust and Python.

`parse_duration("1h30m")` reads a duration written in Rust; what goes wrong
raises one of the `DurationError` classes (all `ValueError`s). The others show
errors crossing the boundary: `describe_failure` catches your exception in
Rust, `average_panicking` panics (a demonstration; `average` is the fix), and
`parse_durations` turns every error into data.
"""

# ANCHOR: init
from ch07_errors._native import (
    DurationError,
    EmptyDurationError,
    MissingNumberError,
    MissingUnitError,
    NegativeNumberError,
    RepeatedUnitError,
    UnitOrderError,
    UnknownUnitError,
    average,
    average_panicking,
    describe_failure,
    parse_duration,
    parse_durations,
)

__all__ = [
    "DurationError",
    "EmptyDurationError",
    "MissingNumberError",
    "MissingUnitError",
    "NegativeNumberError",
    "RepeatedUnitError",
    "UnitOrderError",
    "UnknownUnitError",
    "average",
    "average_panicking",
    "describe_failure",
    "parse_duration",
    "parse_durations",
]
# ANCHOR_END: init
