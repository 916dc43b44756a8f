"""The public face: bad input raises an ordinary exception, and public names name the package."""

from __future__ import annotations

from collections.abc import Callable

import ch07_errors as chapter
from ch07_errors import (
    average,
    describe_failure,
    parse_duration,
    parse_durations,
)
from cookbook.testing import (
    classes_that_name_a_private_module,
    raises_only_ordinary_exceptions,
    wrong_kinds,
)
from hypothesis import given

# ANCHOR: wrong_kinds
# The rule of the whole cookbook: bad input never panics. The one function that
# breaks it does so on purpose, to show what a panic looks like from Python.
PANICS_ON_PURPOSE = {
    "average_panicking": "the chapter's demonstration of a panic: an empty list panics",
}


def calls(value: object) -> dict[str, list[Callable[[], object]]]:
    """Every public function, called with `value` where each argument goes."""
    return {
        "parse_duration": [lambda: parse_duration(value)],  # type: ignore[arg-type]
        "parse_durations": [
            lambda: parse_durations(value),  # type: ignore[arg-type]
            lambda: parse_durations([value]),
        ],
        "describe_failure": [
            lambda: describe_failure(value),  # type: ignore[arg-type]
            lambda: describe_failure(parse_duration, value),
            lambda: describe_failure(average, value),
        ],
        "average": [lambda: average(value)],  # type: ignore[arg-type]
    }


@given(wrong_kinds())
def test_bad_input_raises_an_ordinary_exception_and_never_panics(value: object) -> None:
    for tries in calls(value).values():
        for call in tries:
            raises_only_ordinary_exceptions(call)


@given(wrong_kinds())
def test_parse_durations_never_raises_for_a_bad_item(value: object) -> None:
    [(ok, answer)] = parse_durations([value])
    assert isinstance(answer, int if ok else str)
    if not isinstance(value, str):
        assert (ok, answer) == (False, f"expected a str, got {type(value).__name__}")


def test_every_public_function_is_tested_or_excused() -> None:
    functions = {name for name in chapter.__all__ if not isinstance(getattr(chapter, name), type)}
    assert functions == set(calls(None)) | set(PANICS_ON_PURPOSE)


# ANCHOR_END: wrong_kinds


def test_public_classes_name_the_public_package() -> None:
    assert chapter.__all__ == [
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
    assert classes_that_name_a_private_module(chapter) == []
