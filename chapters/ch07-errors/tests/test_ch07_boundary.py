"""Errors across the boundary: caught in Rust, panics, and errors turned into data."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from ch07_errors import (
    DurationError,
    average,
    average_panicking,
    describe_failure,
    parse_duration,
    parse_durations,
)
from hypothesis import given
from hypothesis import strategies as st


# ANCHOR: describe_tests
def fails_with(message: str) -> None:
    raise ValueError(message)


def test_a_call_that_returns_is_described_as_none() -> None:
    assert describe_failure(parse_duration, "1h30m") is None
    assert describe_failure(print, "printed", "by print") is None


def test_an_exception_becomes_a_dict_built_in_rust() -> None:
    failure = describe_failure(fails_with, "disk full")
    assert failure is not None
    assert failure["type"] == "ValueError"
    assert failure["message"] == "disk full"
    assert failure["traceback"].startswith("Traceback (most recent call last):\n")
    assert ", in fails_with\n" in failure["traceback"]
    assert "    raise ValueError(message)\n" in failure["traceback"]


def test_the_type_is_qualified_by_its_module_unless_it_is_a_builtin() -> None:
    failure = describe_failure(parse_duration, "30m1h")
    assert failure == {
        "type": "ch07_errors.UnitOrderError",
        "message": "unit 'h' at position 4 in '30m1h' comes after 'm'",
        # Raised by Rust code that Rust called: no Python frame, no traceback.
        "traceback": "",
    }


# ANCHOR_END: describe_tests


def test_a_class_defined_in_a_function_is_named_with_its_qualified_name() -> None:
    class LocalError(Exception):
        pass

    def raises() -> None:
        raise LocalError("local")

    failure = describe_failure(raises)
    assert failure is not None
    assert failure["type"] == f"{__name__}.{LocalError.__qualname__}"
    assert failure["type"].endswith(".<locals>.LocalError")


def test_the_arguments_are_passed_on() -> None:
    failure = describe_failure(divmod, 1, 0)
    assert failure is not None
    assert (failure["type"], failure["message"]) == (
        "ZeroDivisionError",
        "integer division or modulo by zero",
    )


def test_the_traceback_shows_every_python_frame() -> None:
    def outer() -> None:
        fails_with("deep")

    failure = describe_failure(outer)
    assert failure is not None
    lines = failure["traceback"].splitlines()
    frames = [line for line in lines if line.startswith("  File ")]
    assert [frame.rsplit(", in ", 1)[1] for frame in frames] == ["outer", "fails_with"]


# ANCHOR: base_exception_tests
@pytest.mark.parametrize("kind", [KeyboardInterrupt, SystemExit, GeneratorExit])
def test_a_base_exception_that_is_not_an_exception_is_raised_again(
    kind: type[BaseException],
) -> None:
    problem = kind()

    def stops() -> None:
        raise problem

    with pytest.raises(kind) as caught:
        describe_failure(stops)
    assert caught.value is problem  # the very object, not a copy


# ANCHOR_END: base_exception_tests


def test_something_that_cannot_be_called_is_a_type_error() -> None:
    with pytest.raises(TypeError) as caught:
        describe_failure(42)  # type: ignore[arg-type]
    assert str(caught.value) == (
        "describe_failure() needs something to call first, such as a function; got int"
    )


# ANCHOR: panic_tests
def is_panic(error: BaseException) -> bool:
    return type(error).__module__ == "pyo3_runtime" and type(error).__name__ == "PanicException"


def average_or_none(seconds: list[int], average: Callable[[list[int]], int]) -> int | None:
    """What most code writes: handle every Exception. A panic is not one."""
    try:
        return average(seconds)
    except Exception:
        return None


def test_a_panic_is_not_an_exception() -> None:
    with pytest.raises(BaseException, match=r"^attempt to divide by zero$") as caught:
        average_or_none([], average_panicking)
    assert is_panic(caught.value)
    assert not isinstance(caught.value, Exception)


def test_the_fix_raises_an_ordinary_value_error() -> None:
    assert average_or_none([], average) is None
    with pytest.raises(ValueError, match="needs at least one") as caught:
        average([])
    assert str(caught.value) == "average() needs at least one duration, got an empty list"
    assert average([60, 90]) == 75


# ANCHOR_END: panic_tests


def test_both_averages_agree_wherever_the_demonstration_does_not_panic() -> None:
    for seconds in ([1], [1, 2], [60, 90, 120], [2**64 - 1] * 3):
        assert average(seconds) == average_panicking(seconds) == sum(seconds) // len(seconds)


def test_describe_failure_lets_a_panic_through() -> None:
    with pytest.raises(BaseException, match=r"^attempt to divide by zero$") as caught:
        describe_failure(average_panicking, [])
    assert is_panic(caught.value)


# ANCHOR: boundary_tests
def test_every_text_gets_an_outcome_and_nothing_raises() -> None:
    assert parse_durations(["1h30m", "30m1h", "", 90, None]) == [
        (True, 5400),
        (False, "unit 'h' at position 4 in '30m1h' comes after 'm'"),
        (False, "empty duration '': expected a number at position 0, found the end of the text"),
        (False, "expected a str, got int"),
        (False, "expected a str, got NoneType"),
    ]


def test_any_iterable_of_texts_will_do_but_not_a_single_str() -> None:
    def lines() -> Iterator[str]:
        yield "45s"
        yield "2d 4h"

    assert parse_durations(lines()) == [(True, 45), (True, 187_200)]
    assert parse_durations(()) == []
    with pytest.raises(TypeError, match="not iterable"):
        parse_durations(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not one str; for one text, call parse_duration"):
        parse_durations("1h30m")


# ANCHOR_END: boundary_tests


def test_a_str_that_rust_cannot_hold_is_an_outcome_too() -> None:
    [(ok, message)] = parse_durations(["\ud800"])
    assert ok is False
    assert isinstance(message, str)
    assert "surrogates not allowed" in message


def test_an_error_raised_while_iterating_goes_on_up() -> None:
    def broken() -> Iterator[str]:
        yield "1h"
        raise OSError("the file went away")

    with pytest.raises(OSError, match="the file went away"):
        parse_durations(broken())


@given(st.lists(st.one_of(st.text(st.sampled_from("0123456789dhmsx -")), st.integers())))
def test_each_outcome_is_what_parse_duration_says(texts: list[object]) -> None:
    expected: list[tuple[bool, int | str]] = []
    for text in texts:
        if not isinstance(text, str):
            expected.append((False, f"expected a str, got {type(text).__name__}"))
            continue
        try:
            expected.append((True, parse_duration(text)))
        except DurationError as error:
            expected.append((False, str(error)))
    assert parse_durations(texts) == expected
