"""Recipe: exceptions that carry data, across pickle, copy and processes."""

from __future__ import annotations

import copy
import multiprocessing
import pickle

import pytest
from ch13_recipes import SizeError, parse_size
from cookbook.testing import raises_only_ordinary_exceptions, wrong_kinds
from hypothesis import given
from hypothesis import strategies as st


def size_error(text: str) -> SizeError:
    with pytest.raises(SizeError) as caught:
        parse_size(text)
    return caught.value


# ANCHOR: fields
@pytest.mark.parametrize(
    ("text", "position", "unit"),
    [
        ("12 XB", 3, "XB"),
        ("12XB", 2, "XB"),
        ("1.5 GB", 1, ".5 GB"),
        ("  GB", 2, None),
        ("", 0, None),
        ("99999999999 TiB", 0, "TiB"),
        ("99999999999999999999", 0, None),
    ],
)
def test_the_fields_say_what_and_where_without_parsing_the_message(
    text: str, position: int, unit: str | None
) -> None:
    error = size_error(text)
    assert (error.text, error.position, error.unit) == (text, position, unit)
    assert isinstance(error, ValueError)


def test_the_message_is_unchanged_and_made_of_the_same_facts() -> None:
    error = size_error("12 XB")
    assert str(error) == (
        'unknown unit "XB" at position 3 in "12 XB": use B, kB, MB, GB, TB, KiB, MiB, GiB or TiB'
    )
    assert error.args == (str(error),)  # one argument: str() is the message, not a tuple


# ANCHOR_END: fields


# ANCHOR: pickled
def test_pickle_keeps_the_fields_because_reduce_carries_the_dict() -> None:
    error = size_error("12 XB")
    # BaseException.__reduce__: (class, args, __dict__) when there is a __dict__.
    assert error.__reduce__() == (
        SizeError,
        error.args,
        {"text": "12 XB", "position": 3, "unit": "XB"},
    )
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(error, protocol))
        assert type(back) is SizeError
        assert (back.text, back.position, back.unit) == ("12 XB", 3, "XB")
        assert str(back) == str(error)


def test_copy_keeps_them_too_and_notes_come_along_but_not_the_cause() -> None:
    error = size_error("12 XB")
    error.add_note("while reading the cache size from settings.toml")
    error.__cause__ = KeyError("cache")
    for twin in (copy.copy(error), pickle.loads(pickle.dumps(error))):
        assert (twin.position, twin.unit) == (3, "XB")
        assert twin.__notes__ == ["while reading the cache size from settings.toml"]
        # __cause__, __context__ and __traceback__ are not in args or __dict__.
        assert twin.__cause__ is None


def test_a_worker_process_raises_it_and_the_parent_catches_it_whole() -> None:
    # multiprocessing pickles what a worker raises and raises it again here.
    with multiprocessing.get_context("spawn").Pool(1) as pool, pytest.raises(SizeError) as caught:
        pool.apply(parse_size, ("12 XB",))
    assert (caught.value.text, caught.value.position, caught.value.unit) == ("12 XB", 3, "XB")


# ANCHOR_END: pickled


# ANCHOR: pitfall
class PositionError(ValueError):
    """The usual Python way, and its trap: an __init__ with more parameters than args."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.position = position


def test_a_python_subclass_with_its_own_init_does_not_unpickle() -> None:
    error = PositionError("unknown unit", 3)
    data = pickle.dumps(error)  # (PositionError, ('unknown unit',), {'position': 3})
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'position'"):
        pickle.loads(data)


# ANCHOR_END: pitfall


def test_size_error_names_the_public_package_and_takes_a_message_from_python() -> None:
    assert SizeError.__module__ == "ch13_recipes"
    assert SizeError.__bases__ == (ValueError,)
    made_here = SizeError("made in Python")
    # Only parse_size sets the fields: one made by hand has none until you set them.
    assert not hasattr(made_here, "position")
    made_here.position = 4
    assert pickle.loads(pickle.dumps(made_here)).position == 4


@given(st.text(max_size=12))
def test_any_text_is_a_size_or_a_size_error_pointing_inside_it(text: str) -> None:
    try:
        assert parse_size(text) >= 0
        return
    except SizeError as error:
        problem = error
    assert problem.text == text
    assert 0 <= problem.position <= len(text)
    assert f"at position {problem.position} " in str(problem) or "is more than" in str(problem)


@given(wrong_kinds())
def test_bad_arguments_raise_ordinary_exceptions(value: object) -> None:
    raises_only_ordinary_exceptions(parse_size, value)
