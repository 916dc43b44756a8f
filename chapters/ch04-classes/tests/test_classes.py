"""The Python face of chapter 4: Rust classes and enums, used from Python."""

from __future__ import annotations

import inspect
from collections.abc import Iterator

import ch04_classes
import pytest
from ch04_classes import Bookmark, CharCounter, Counter, Position, Reset, earliest
from cookbook.testing import (
    classes_that_name_a_private_module,
    raises_only_ordinary_exceptions,
    wrong_kinds,
)
from hypothesis import given
from hypothesis import strategies as st

# ANCHOR: reference
RESET_CHAR: dict[Reset, str | None] = {
    Reset.NEVER: None,
    Reset.ON_SPACE: " ",
    Reset.ON_NEWLINE: "\n",
}


def reference_find(text: str, char: str, min_count: int, reset: Reset) -> tuple[int, int] | None:
    """Plain Python, and a different method from the Rust loop: cut the text
    at every reset character, then count `char` in each piece."""
    reset_char = RESET_CHAR[reset]
    pieces = [text] if reset_char is None else text.split(reset_char)
    start = 0  # where the current piece starts in `text`
    for piece in pieces:
        if piece.count(char) >= min_count:
            index = start - 1
            for _ in range(min_count):
                index = text.index(char, index + 1)
            line = text.count("\n", 0, index) + 1
            column = index - (text.rfind("\n", 0, index) + 1) + 1
            return line, column
        start += len(piece) + 1
    return None


# ANCHOR_END: reference


# ANCHOR: property_test
# Text from a small alphabet makes the char and the reset characters frequent;
# arbitrary text (surrogates aside: Rust's str cannot hold them) covers the rest.
real_text = st.text(st.characters(exclude_categories=["Cs"]))
texts = st.one_of(st.text(st.sampled_from("aab \n\t\r")), real_text)
chars = st.one_of(st.sampled_from("ab \n\t"), st.characters(exclude_categories=["Cs"]))
resets = st.sampled_from([Reset.NEVER, Reset.ON_SPACE, Reset.ON_NEWLINE])


def possible(char: str, reset: Reset) -> bool:
    return RESET_CHAR[reset] != char


@given(texts, chars, st.integers(min_value=1, max_value=6), resets)
def test_counter_agrees_with_the_python_reference(
    text: str, char: str, min_count: int, reset: Reset
) -> None:
    if not possible(char, reset):
        with pytest.raises(ValueError, match="can never reach its count"):
            Counter(char, min_count, reset)
        return
    counter = Counter(char, min_count, reset)
    expected = reference_find(text, char, min_count, reset)
    assert counter.has_count(text) == (expected is not None)
    found = counter.find(text)
    assert (None if found is None else (found.line, found.column)) == expected


# ANCHOR_END: property_test


# ANCHOR: python_tests
def test_a_counter_counts_until_a_reset() -> None:
    counter = Counter("a", 2, Reset.ON_SPACE)
    assert counter.has_count("banana")
    assert not counter.has_count("a a a")
    assert counter.find("x\nbanana") == Position(2, 4)
    assert counter.find("a a a") is None


def test_the_reset_defaults_to_never() -> None:
    counter = Counter("a", 3)
    assert counter.reset == Reset.NEVER
    assert counter.has_count("a a\na")


def test_repr_is_python_that_rebuilds_the_counter() -> None:
    counter = Counter("a", 3, Reset.ON_SPACE)
    assert repr(counter) == "Counter('a', 3, Reset.ON_SPACE)"
    assert eval(repr(counter)) == counter


# ANCHOR_END: python_tests


@given(chars, st.integers(min_value=1, max_value=2**32 - 1), resets)
def test_repr_round_trips_for_any_counter(char: str, min_count: int, reset: Reset) -> None:
    if not possible(char, reset):
        return
    counter = Counter(char, min_count, reset)
    assert eval(repr(counter), {"Counter": Counter, "Reset": Reset}) == counter


def test_reset_is_an_enum_of_three_constants() -> None:
    assert repr(Reset.ON_SPACE) == "Reset.ON_SPACE"
    assert Reset.NEVER == Reset.NEVER
    assert Reset.NEVER != Reset.ON_SPACE
    # `eq` without `eq_int`: a Reset is not equal to the int behind it.
    assert Reset.NEVER != 0
    assert int(Reset.ON_NEWLINE) == 2
    assert len({Reset.NEVER, Reset.NEVER, Reset.ON_NEWLINE}) == 2
    with pytest.raises(TypeError):
        Reset()


def test_a_default_that_is_not_a_literal_shows_as_an_ellipsis() -> None:
    # `reset = Reset::Never` is Rust code, so PyO3 cannot write it in Python.
    assert str(inspect.signature(Counter)) == "(char, min_count, reset=Ellipsis)"
    assert str(inspect.signature(Position)) == "(line, column)"


def test_a_reset_read_back_from_a_counter_equals_the_constant() -> None:
    assert Counter("a", 1, Reset.ON_NEWLINE).reset == Reset.ON_NEWLINE


def test_space_means_u0020_and_newline_means_line_feed() -> None:
    on_space = Counter("a", 2, Reset.ON_SPACE)
    assert on_space.has_count("a\ta\u00a0a")  # a tab and a no-break space do not reset
    on_newline = Counter("a", 2, Reset.ON_NEWLINE)
    assert on_newline.has_count("a\ra\u2028a")  # nor do a carriage return and U+2028
    assert not on_newline.has_count("a\r\na")  # but Windows' "\r\n" ends in '\n'


# ANCHOR: error_tests
@pytest.mark.parametrize(
    ("char", "message"),
    [
        ("", "char must be exactly one character, got '' (0 characters)"),
        ("ab", "char must be exactly one character, got 'ab' (2 characters)"),
        ("e\u0301", "char must be exactly one character, got 'e\u0301' (2 characters)"),
    ],
)
def test_char_must_be_one_character(char: str, message: str) -> None:
    with pytest.raises(ValueError, match="exactly one character") as caught:
        Counter(char, 1)
    assert str(caught.value) == message


def test_char_must_be_a_str() -> None:
    with pytest.raises(TypeError, match="'int' object is not an instance of 'str'"):
        Counter(97, 1)  # type: ignore[arg-type]


@pytest.mark.parametrize("min_count", [0, -1, 2**32, 2**100])
def test_min_count_must_be_positive_and_fit(min_count: int) -> None:
    with pytest.raises(ValueError, match="min_count must be from 1") as caught:
        Counter("a", min_count)
    assert str(caught.value) == f"min_count must be from 1 to 4294967295, got {min_count}"


@pytest.mark.parametrize(("min_count", "kind"), [(True, "bool"), (2.0, "float"), ("2", "str")])
def test_min_count_must_be_an_int(min_count: object, kind: str) -> None:
    with pytest.raises(TypeError) as caught:
        Counter("a", min_count)  # type: ignore[arg-type]
    assert str(caught.value) == f"min_count must be an int, not {kind}"


@pytest.mark.parametrize(("char", "reset"), [(" ", Reset.ON_SPACE), ("\n", Reset.ON_NEWLINE)])
def test_a_counter_that_can_never_succeed_is_refused(char: str, reset: Reset) -> None:
    with pytest.raises(ValueError, match="can never reach its count") as caught:
        Counter(char, 1, reset)
    assert str(caught.value) == (
        f"a Counter for {char!r} that resets on {char!r} can never reach its count: "
        f"every {char!r} sets the count back to zero"
    )


# ANCHOR_END: error_tests


def test_the_one_character_may_be_anything_a_str_holds() -> None:
    assert Counter(" ", 2, Reset.ON_NEWLINE).has_count("a b c")
    assert Counter("\n", 2, Reset.ON_SPACE).has_count("a\nb\nc")
    assert Counter("🦀", 2).find("🦀 and 🦀") == Position(1, 7)


def test_a_lone_surrogate_is_an_ordinary_error() -> None:
    with pytest.raises(UnicodeEncodeError):
        Counter("\ud800", 1)


# ANCHOR: setters
def test_setters_check_like_the_constructor() -> None:
    counter = Counter(" ", 2)
    counter.min_count = 5
    assert counter.min_count == 5
    with pytest.raises(ValueError, match="min_count must be from 1 to 4294967295, got 0"):
        counter.min_count = 0
    with pytest.raises(ValueError, match="can never reach its count"):
        counter.reset = Reset.ON_SPACE
    counter.reset = Reset.ON_NEWLINE
    assert counter == Counter(" ", 5, Reset.ON_NEWLINE)


def test_char_is_read_only() -> None:
    counter = Counter("a", 1)
    with pytest.raises(AttributeError):
        counter.char = "b"  # type: ignore[misc]
    assert counter.char == "a"


# ANCHOR_END: setters


def test_a_failed_set_changes_nothing() -> None:
    counter = Counter("a", 2, Reset.ON_SPACE)
    with pytest.raises(TypeError):
        counter.min_count = 2.5  # type: ignore[assignment]
    with pytest.raises(TypeError):
        counter.reset = "space"  # type: ignore[assignment]
    assert counter == Counter("a", 2, Reset.ON_SPACE)


def test_deleting_an_attribute_is_refused() -> None:
    counter = Counter("a", 2)
    with pytest.raises(AttributeError):
        del counter.min_count


def test_counters_compare_by_value_but_do_not_hash() -> None:
    assert Counter("a", 2) == Counter("a", 2, Reset.NEVER)
    assert Counter("a", 2) != Counter("a", 3)
    assert Counter("a", 2) != Counter("b", 2)
    assert Counter("a", 2) != Counter("a", 2, Reset.ON_SPACE)
    assert Counter("a", 2) != "a"
    with pytest.raises(TypeError, match="unhashable"):
        hash(Counter("a", 2))


# ANCHOR: position_tests
def test_positions_are_values() -> None:
    here = Position(2, 5)
    assert repr(here) == "Position(line=2, column=5)"
    assert eval(repr(here)) == here
    assert here == Position(line=2, column=5)
    assert hash(here) == hash(Position(2, 5))
    assert len({here, Position(2, 5), Position(5, 2)}) == 2
    seen = {here: "first"}
    assert seen[Position(2, 5)] == "first"


def test_positions_are_frozen() -> None:
    here = Position(2, 5)
    with pytest.raises(AttributeError):
        here.line = 3  # type: ignore[misc]
    with pytest.raises(AttributeError):
        here.note = "no new attributes either"  # type: ignore[attr-defined]
    assert here == Position(2, 5)


def test_positions_order_like_line_column_tuples() -> None:
    positions = [Position(2, 1), Position(1, 9), Position(1, 3)]
    assert sorted(positions) == [Position(1, 3), Position(1, 9), Position(2, 1)]
    assert Position(1, 9) < Position(2, 1)
    assert earliest(positions) == Position(1, 3)
    assert earliest(()) is None


# ANCHOR_END: position_tests


def test_earliest_takes_a_sequence_of_positions_only() -> None:
    with pytest.raises(TypeError):
        earliest([Position(1, 1), (1, 1)])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        earliest("not positions")  # type: ignore[arg-type]


@given(
    st.lists(st.tuples(st.integers(0, 2**64 - 1), st.integers(0, 2**64 - 1)), max_size=8),
)
def test_positions_order_exactly_like_tuples(pairs: list[tuple[int, int]]) -> None:
    positions = [Position(line, column) for line, column in pairs]
    as_pairs = [(p.line, p.column) for p in sorted(positions)]
    assert as_pairs == sorted(pairs)
    assert earliest(positions) == (Position(*min(pairs)) if pairs else None)


def test_a_position_must_be_non_negative() -> None:
    with pytest.raises(OverflowError):
        Position(-1, 1)


# ANCHOR: wrapper_tests
def test_char_counter_takes_reset_names() -> None:
    counter = CharCounter("a", 2, reset="space")
    assert counter.reset == "space"
    assert repr(counter) == "CharCounter('a', 2, reset='space')"
    assert counter.has_count("banana")
    assert not counter.has_count("a a")
    assert counter.count_lines(["banana", "a a", "aardvark"]) == 2


def test_char_counter_refuses_unknown_names() -> None:
    with pytest.raises(ValueError, match="reset must be one of") as caught:
        CharCounter("a", 2, reset="tab")  # type: ignore[arg-type]
    assert str(caught.value) == "reset must be one of 'never', 'space', 'newline'; got 'tab'"
    with pytest.raises(TypeError, match="reset must be a str, not Reset"):
        CharCounter("a", 2, reset=Reset.ON_SPACE)  # type: ignore[arg-type]


# ANCHOR_END: wrapper_tests


def test_char_counter_passes_on_the_rust_checks() -> None:
    with pytest.raises(ValueError, match="exactly one character"):
        CharCounter("ab", 2)
    with pytest.raises(ValueError, match="can never reach its count"):
        CharCounter("\n", 2, reset="newline")
    counter = CharCounter("\n", 2)
    with pytest.raises(ValueError, match="can never reach its count"):
        counter.reset = "newline"
    counter.reset = "space"
    counter.min_count = 3
    assert counter == CharCounter("\n", 3, reset="space")
    assert counter != CharCounter("\n", 3)
    assert counter != Counter("\n", 3, Reset.ON_SPACE)
    assert counter.char == "\n"
    assert counter.find("a\n\nb\n") == Position(3, 2)


def test_count_lines_takes_any_iterable_of_str() -> None:
    def lines() -> Iterator[str]:
        yield "aa"
        yield "ab"

    assert CharCounter("a", 2).count_lines(iter(["aa", "ab", "ba"])) == 1
    assert CharCounter("a", 1).count_lines(lines()) == 2
    assert CharCounter("a", 1).count_lines(()) == 0
    with pytest.raises(TypeError):
        CharCounter("a", 1).count_lines(["a", 1])  # type: ignore[list-item]


# ANCHOR: public_api
def test_the_rust_classes_are_public_under_the_package_name() -> None:
    assert ch04_classes.__all__ == [
        "Bookmark",
        "CharCounter",
        "Counter",
        "Position",
        "Reset",
        "earliest",
    ]
    for cls in (Bookmark, Counter, Position, Reset):
        assert cls.__module__ == "ch04_classes"
    assert classes_that_name_a_private_module(ch04_classes) == []
    # What the wrapper's `find` returns is the public Position, named as such.
    position = CharCounter("a", 1).find("a")
    assert type(position) is Position
    assert repr(type(position)) == "<class 'ch04_classes.Position'>"


# ANCHOR_END: public_api


# ANCHOR: bookmark_tests
def test_a_field_with_get_and_set_is_a_read_write_property() -> None:
    bookmark = Bookmark("start", Position(1, 1))
    bookmark.name = "beginning"
    assert bookmark.name == "beginning"
    with pytest.raises(TypeError, match="'int' object is not an instance of 'str'"):
        bookmark.name = 3  # type: ignore[assignment]
    assert bookmark.name == "beginning"


def test_a_field_with_only_get_is_read_only() -> None:
    bookmark = Bookmark("start", Position(2, 5))
    assert bookmark.position == Position(2, 5)
    with pytest.raises(AttributeError):
        bookmark.position = Position(1, 1)  # type: ignore[misc]


# ANCHOR_END: bookmark_tests


def test_a_bookmark_cannot_lose_its_name() -> None:
    bookmark = Bookmark("start", Position(1, 1))
    with pytest.raises(AttributeError, match="property has no deleter"):
        del bookmark.name
    assert repr(bookmark) == "Bookmark('start', Position(line=1, column=1))"


# ANCHOR: wrong_kinds
@given(wrong_kinds())
def test_bad_arguments_raise_ordinary_exceptions(value: object) -> None:
    counter = Counter("a", 2)
    wrapper = CharCounter("a", 2)
    bookmark = Bookmark("start", Position(1, 1))
    calls = [
        lambda: Counter(value, 2),  # type: ignore[arg-type]
        lambda: Counter("a", value),  # type: ignore[arg-type]
        lambda: Counter("a", 2, value),  # type: ignore[arg-type]
        lambda: Reset(value),  # type: ignore[call-arg]
        lambda: counter.has_count(value),  # type: ignore[arg-type]
        lambda: counter.find(value),  # type: ignore[arg-type]
        lambda: setattr(counter, "min_count", value),
        lambda: setattr(counter, "reset", value),
        lambda: Position(value, 1),  # type: ignore[arg-type]
        lambda: Position(1, value),  # type: ignore[arg-type]
        lambda: earliest(value),  # type: ignore[arg-type]
        lambda: Bookmark(value, Position(1, 1)),  # type: ignore[arg-type]
        lambda: Bookmark("start", value),  # type: ignore[arg-type]
        lambda: setattr(bookmark, "name", value),
        lambda: CharCounter(value, 2),  # type: ignore[arg-type]
        lambda: CharCounter("a", value),  # type: ignore[arg-type]
        lambda: CharCounter("a", 2, value),  # type: ignore[arg-type]
        lambda: wrapper.has_count(value),  # type: ignore[arg-type]
        lambda: wrapper.find(value),  # type: ignore[arg-type]
        lambda: wrapper.count_lines(value),  # type: ignore[arg-type]
        lambda: setattr(wrapper, "min_count", value),
        lambda: setattr(wrapper, "reset", value),
        lambda: counter == value,
        lambda: wrapper == value,
        lambda: value == Reset.NEVER,
        lambda: Position(1, 1) == value,
        lambda: Position(1, 1) < value,  # type: ignore[operator]
    ]
    for call in calls:
        raises_only_ordinary_exceptions(call)


# ANCHOR_END: wrong_kinds
