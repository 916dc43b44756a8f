# ANCHOR: stub
"""Type stubs for the compiled module. Keep in step with src/*.rs."""

from collections.abc import Callable, Iterable, Sequence
from typing import TypedDict

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

class DurationError(ValueError):
    """A text that is not a duration; raised as it is for one too large for
    64 bits, with the OverflowError as its __cause__.

    parse_duration sets three attributes, which pickle keeps: `text`,
    `position` (where the problem starts, in characters from 0) and `unit`
    (the unit the problem is about, as written, or None).
    """

    text: str
    position: int
    unit: str | None

class EmptyDurationError(DurationError):
    """The text is empty or blank."""

class MissingNumberError(DurationError):
    """Something other than a number where a number belongs, such as 'h'."""

class NegativeNumberError(DurationError):
    """A negative number, such as '-5s'."""

class MissingUnitError(DurationError):
    """A number without a unit right after it, such as the 30 in '1h30'."""

class UnknownUnitError(DurationError):
    """A unit other than d, h, m and s, such as 'min'."""

class RepeatedUnitError(DurationError):
    """A unit written twice, as in '1h1h'."""

class UnitOrderError(DurationError):
    """A unit after a smaller one, as in '30m1h'."""

def parse_duration(text: str) -> int:
    """The seconds in a duration such as '1h30m', '45s' or '2d 4h'.

    Parts are a number and a unit (d, h, m, s) with nothing between them;
    blanks may separate parts; each unit at most once, the largest first.
    """

class _Failure(TypedDict):
    """What `describe_failure` returns for a call that raised (a plain dict
    at run time; this name exists for type checkers only)."""

    type: str
    message: str
    traceback: str

def describe_failure(func: Callable[..., object], *args: object) -> _Failure | None:
    """Call `func(*args)`: None if it returns, a description if it raises an
    Exception. Other BaseExceptions (KeyboardInterrupt...) are raised again."""

def average_panicking(seconds: Sequence[int]) -> int:
    """DEMONSTRATION ONLY: panics (PanicException) on an empty list.

    The average in whole seconds, rounded down. Use `average` instead.
    """

def average(seconds: Sequence[int]) -> int:
    """The average in whole seconds, rounded down; ValueError if empty."""

def parse_durations(texts: Iterable[object]) -> list[tuple[bool, int | str]]:
    """(True, seconds) or (False, message) for every text; never raises for
    a bad item. A single str is refused with TypeError."""

# ANCHOR_END: stub
