"""parse_duration: answers, exception classes, messages, causes and notes."""

from __future__ import annotations

import pickle
import re
import traceback

import pytest
from ch07_errors import (
    DurationError,
    EmptyDurationError,
    MissingNumberError,
    MissingUnitError,
    NegativeNumberError,
    RepeatedUnitError,
    UnitOrderError,
    UnknownUnitError,
    parse_duration,
)
from hypothesis import example, given
from hypothesis import strategies as st

# ANCHOR: reference
MAX = 2**64 - 1  # the largest u64
SECONDS = {"d": 86_400, "h": 3_600, "m": 60, "s": 1}

# The grammar again, in plain Python, written a different way: a regular
# expression cuts the text into tokens, and a loop judges them. [0-9] and
# [A-Za-z], not \d and \w: in Python those match other scripts' digits and letters.
TOKEN = re.compile(
    r"(?P<blank>[ \t\n\r\f]+)"  # str.isspace() would accept more than Rust does
    r"|(?P<negative>-[0-9]+)"
    r"|(?P<number>[0-9]+)(?P<unit>[A-Za-z]*)"
    r"|(?P<other>[A-Za-z]+|.)",
    re.DOTALL,
)

Expected = int | tuple[type[DurationError], int]


def reference(text: str) -> Expected:
    """The seconds in `text`, or the exception class and position parse_duration reports."""
    total = 0
    units = ""  # the units seen so far, in order
    for token in TOKEN.finditer(text):
        start = token.start()
        if token["blank"]:
            continue
        if token["negative"]:
            return NegativeNumberError, start
        if token["other"]:
            return MissingNumberError, start
        unit, unit_start = token["unit"], token.start("unit")
        if not unit:
            return MissingUnitError, start
        if unit not in SECONDS:
            return UnknownUnitError, unit_start
        if unit in units:
            return RepeatedUnitError, unit_start
        if units and "dhms".index(unit) < "dhms".index(units[-1]):
            return UnitOrderError, unit_start
        units += unit
        number = int(token["number"])  # Python's int never overflows...
        if number > MAX or number * SECONDS[unit] > MAX or total + number * SECONDS[unit] > MAX:
            return DurationError, start  # ...so the 64-bit limit is checked by hand
        total += number * SECONDS[unit]
    if not units:
        return EmptyDurationError, len(text)
    return total


# ANCHOR_END: reference


# ANCHOR: property_test
def outcome(text: str) -> Expected:
    """What parse_duration does with `text`, in the reference's terms."""
    try:
        return parse_duration(text)
    except DurationError as error:
        problem = error
    # The position is an attribute: no need to parse the message for it.
    assert problem.text == text
    assert f"at position {problem.position}" in str(problem)
    return type(problem), problem.position


blanks = st.text(st.sampled_from(" \t\n\r\f"), max_size=2)


@st.composite
def durations(draw: st.DrawFn) -> tuple[str, int]:
    """A valid duration, built part by part, and the seconds it stands for."""
    units = draw(st.lists(st.sampled_from("dhms"), min_size=1, max_size=4, unique=True))
    text, total = draw(blanks), 0
    for unit in sorted(units, key="dhms".index):
        number = draw(st.integers(min_value=0, max_value=10**9))
        zeros = "0" * draw(st.integers(min_value=0, max_value=2))
        text += f"{zeros}{number}{unit}" + draw(blanks)
        total += number * SECONDS[unit]
    return text, total


@given(durations())
@example(("1h30m", 5_400)).via("the chapter's examples")
@example(("2d 4h", 187_200)).via("the chapter's examples")
def test_valid_durations_give_their_seconds(duration: tuple[str, int]) -> None:
    text, seconds = duration
    assert parse_duration(text) == seconds


# Texts that are mostly wrong: parts with any unit in any order, numbers of
# any size, stray characters, and arbitrary text (surrogates aside: a Rust
# str cannot hold them).
parts = st.tuples(
    st.sampled_from(["", "", "", "", "-", "0"]),  # mostly no sign
    st.one_of(
        st.integers(0, 99),
        st.integers(0, 2**66),
        st.integers(MAX // 86_400 - 1, MAX // 86_400 + 1),  # days on the edge of too many
    ),
    st.sampled_from([*"dhmsdhmsdhms", "", "x", "H", "min", ".5h", "_0s"]),
)
joined = st.builds(
    lambda parts, gaps: "".join(f"{a}{n}{u}{g}" for (a, n, u), g in zip(parts, gaps, strict=False)),
    st.lists(parts, max_size=4),
    st.lists(st.sampled_from(["", " ", "\t", "  "]), min_size=4, max_size=4),
)
texts = st.one_of(
    joined,
    st.text(st.sampled_from("0123456789dhmsxH-. \t"), max_size=12),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=12),
)


@given(texts)
@example("1h3x").via("the book's example")
@example(f"1m {MAX}s").via("the total overflows")
@example("٣s").via("a digit, but not an ASCII one")
@example(" \t ").via("blank text")
def test_parse_duration_agrees_with_the_python_reference(text: str) -> None:
    assert outcome(text) == reference(text)


# ANCHOR_END: property_test


# ANCHOR: error_tests
@pytest.mark.parametrize(
    ("text", "kind", "message"),
    [
        (
            "",
            EmptyDurationError,
            "empty duration '': expected a number at position 0, found the end of the text",
        ),
        ("h", MissingNumberError, "expected a number at position 0 in 'h', found 'h'"),
        (
            "-5s",
            NegativeNumberError,
            "negative number '-5' at position 0 in '-5s': a duration cannot be negative",
        ),
        (
            "1h30",
            MissingUnitError,
            "number '30' at position 2 in '1h30' has no unit: write d, h, m or s right after it",
        ),
        ("1h3x", UnknownUnitError, "unknown unit 'x' at position 3 in '1h3x'"),
        (
            "1h1h",
            RepeatedUnitError,
            "repeated unit 'h' at position 3 in '1h1h': each unit may appear only once",
        ),
        ("30m1h", UnitOrderError, "unit 'h' at position 4 in '30m1h' comes after 'm'"),
    ],
)
def test_each_mistake_has_its_class_and_a_message_that_points_at_it(
    text: str, kind: type[DurationError], message: str
) -> None:
    with pytest.raises(DurationError) as caught:
        parse_duration(text)
    assert type(caught.value) is kind
    assert str(caught.value) == message
    assert isinstance(caught.value, ValueError)


# ANCHOR_END: error_tests


# ANCHOR: fields_test
@pytest.mark.parametrize(
    ("text", "position", "unit"),
    [
        ("", 0, None),
        ("h", 0, None),
        ("-5s", 0, None),
        ("1h30", 2, None),
        ("5min", 1, "min"),
        ("1h3x", 3, "x"),
        ("1h1h", 3, "h"),
        ("30m1h", 4, "h"),
        ("1m 99999999999999999999s", 3, None),
    ],
)
def test_each_exception_carries_its_text_position_and_unit(
    text: str, position: int, unit: str | None
) -> None:
    with pytest.raises(DurationError) as caught:
        parse_duration(text)
    error = caught.value
    assert (error.text, error.position, error.unit) == (text, position, unit)


# ANCHOR_END: fields_test


def test_blank_text_is_empty_too_and_points_past_the_blanks() -> None:
    with pytest.raises(EmptyDurationError, match="at position 3, found the end"):
        parse_duration(" \t ")


def test_odd_characters_are_shown_escaped() -> None:
    with pytest.raises(MissingNumberError) as caught:
        parse_duration("1h\u200b")
    assert str(caught.value) == (
        "expected a number at position 2 in '1h\\u{200b}', found '\\u{200b}'"
    )


# ANCHOR: cause_test
def test_a_number_too_large_is_a_duration_error_caused_by_an_overflow_error() -> None:
    with pytest.raises(DurationError) as caught:
        parse_duration("99999999999999999999s")
    error = caught.value
    assert type(error) is DurationError
    assert str(error) == (
        "'99999999999999999999s' at position 0 in '99999999999999999999s' is too large: "
        "a duration is at most 18446744073709551615 seconds"
    )
    assert isinstance(error.__cause__, OverflowError)
    assert str(error.__cause__) == (
        "the number 99999999999999999999 does not fit in 64 bits "
        "(the largest is 18446744073709551615)"
    )
    assert error.__suppress_context__ is True  # what `raise ... from ...` sets
    printed = "".join(traceback.format_exception(error))
    assert "The above exception was the direct cause of the following exception" in printed


# ANCHOR_END: cause_test


def test_the_cause_does_not_survive_pickling() -> None:
    with pytest.raises(DurationError) as caught:
        parse_duration("99999999999999999999s")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert copy.position == 0
    # __cause__ is neither in args nor in __dict__: another process gets none.
    assert isinstance(caught.value.__cause__, OverflowError)
    assert copy.__cause__ is None


def test_a_part_or_the_total_too_large_has_its_own_cause() -> None:
    with pytest.raises(DurationError) as caught:
        parse_duration("213503982334602d")
    assert str(caught.value.__cause__) == (
        "213503982334602d is 18446744073709612800 seconds, more than 64 bits hold"
    )
    with pytest.raises(DurationError, match="at position 3 in") as caught:
        parse_duration(f"1m {MAX}s")
    assert str(caught.value.__cause__) == (
        f"60 + {MAX} seconds is {MAX + 60} seconds, more than 64 bits hold"
    )
    assert parse_duration(f"{MAX}s") == MAX


def test_only_a_number_too_large_has_a_cause() -> None:
    for text in ("", "h", "-5s", "1h30", "5min", "1h1h", "30m1h"):
        with pytest.raises(DurationError) as caught:
            parse_duration(text)
        assert caught.value.__cause__ is None, text


# ANCHOR: note_tests
@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("30m1h", "write the largest unit first, as in '1h30m'"),
        ("5min", "units are single lower-case letters: d, h, m, s (as in '2d 4h' or '90s')"),
        ("1H", "units are single lower-case letters: d, h, m, s (as in '2d 4h' or '90s')"),
        ("1.5h", "numbers are whole: write '1h30m' or '90m' rather than '1.5h'"),
    ],
)
def test_the_likely_mistakes_come_with_a_note(text: str, note: str) -> None:
    with pytest.raises(DurationError) as caught:
        parse_duration(text)
    assert caught.value.__notes__ == [note]
    # A traceback prints the notes under the message.
    printed = traceback.format_exception_only(caught.value)
    assert printed[-1] == note + "\n"


# ANCHOR_END: note_tests


def test_other_mistakes_have_no_note() -> None:
    for text in ("", "h", "-5s", "1h30", "1h1h", "99999999999999999999s"):
        with pytest.raises(DurationError) as caught:
            parse_duration(text)
        assert not hasattr(caught.value, "__notes__"), text


# ANCHOR: classes_test
SUBCLASSES = [
    EmptyDurationError,
    MissingNumberError,
    NegativeNumberError,
    MissingUnitError,
    UnknownUnitError,
    RepeatedUnitError,
    UnitOrderError,
]


def test_the_exception_classes_form_a_tree_under_value_error() -> None:
    assert DurationError.__bases__ == (ValueError,)
    for kind in SUBCLASSES:
        assert kind.__bases__ == (DurationError,)


def test_the_classes_name_the_public_package() -> None:
    # create_exception!(ch07_errors, ...) sets __module__ to its first argument.
    for kind in [DurationError, *SUBCLASSES]:
        assert kind.__module__ == "ch07_errors"
    assert repr(UnitOrderError) == "<class 'ch07_errors.UnitOrderError'>"


def test_an_exception_survives_pickling_because_its_module_is_importable() -> None:
    with pytest.raises(UnitOrderError) as caught:
        parse_duration("30m1h")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert type(copy) is UnitOrderError
    assert str(copy) == str(caught.value)
    # The attributes and the note travel in the instance's __dict__, which
    # BaseException.__reduce__ pickles along with the message.
    assert (copy.text, copy.position, copy.unit) == ("30m1h", 4, "h")
    assert copy.__notes__ == ["write the largest unit first, as in '1h30m'"]


# ANCHOR_END: classes_test


def test_python_can_raise_and_catch_the_classes_too() -> None:
    with pytest.raises(DurationError):
        raise RepeatedUnitError("made in Python")
    assert DurationError.__doc__ is not None
    assert "OverflowError" in DurationError.__doc__


# ANCHOR: non_str_test
@pytest.mark.parametrize(("value", "kind"), [(90, "'int' object"), (None, "'None'")])
def test_a_non_str_is_a_type_error_from_the_argument_conversion(value: object, kind: str) -> None:
    with pytest.raises(TypeError) as caught:
        parse_duration(value)  # type: ignore[arg-type]
    assert str(caught.value) == f"{kind} is not an instance of 'str'"
    # PyO3 adds a note that names the argument.
    assert caught.value.__notes__ == ["while processing 'text'"]


# ANCHOR_END: non_str_test


def test_a_lone_surrogate_cannot_reach_rust() -> None:
    with pytest.raises(UnicodeEncodeError):
        parse_duration("\ud800s")
