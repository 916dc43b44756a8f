"""What each Rust return type becomes in Python."""

from __future__ import annotations

import math

import pytest
from ch03_into_python import (
    code_points,
    encode_utf8,
    first_bytes,
    min_max,
    split_words,
    text_stats,
    word_frequencies,
)
from cookbook.testing import raises_only_ordinary_exceptions, wrong_kinds
from hypothesis import given
from hypothesis import strategies as st


# ANCHOR: shapes
def test_option_of_a_tuple_is_a_tuple_or_none() -> None:
    assert min_max([3, -1.5, 8]) == (-1.5, 8.0)
    assert type(min_max([1.0])) is tuple
    assert min_max([]) is None


def test_a_btreemap_is_a_dict_in_sorted_key_order() -> None:
    counts = word_frequencies("the cat, the hat. The end")
    assert counts == {"cat": 1, "end": 1, "hat": 1, "the": 3}
    assert type(counts) is dict
    assert list(counts) == sorted(counts)


def test_a_vec_of_str_is_a_list() -> None:
    assert split_words("  one two\tthree\n") == ["one", "two", "three"]
    assert split_words("") == []


def test_a_struct_with_derive_into_pyobject_is_a_dict() -> None:
    stats = text_stats("the quick brown fox\njumps")
    assert type(stats) is dict
    assert list(stats) == ["words", "lines", "longest_word"]  # declaration order
    assert stats == {"words": 5, "lines": 2, "longest_word": "quick"}
    assert text_stats("")["longest_word"] is None


# ANCHOR_END: shapes


# ANCHOR: bytes_or_list
def test_vec_u8_and_slices_of_u8_become_bytes_but_vec_u32_a_list() -> None:
    assert encode_utf8("héllo") == "héllo".encode()
    assert type(encode_utf8("x")) is bytes
    data = b"abcdef"
    head = first_bytes(data, 3)
    assert head == b"abc"
    assert type(head) is bytes
    assert code_points("hé") == [104, 233]


# ANCHOR_END: bytes_or_list


def test_a_returned_slice_is_a_new_bytes_object() -> None:
    data = b"abcdef" * 10
    whole = first_bytes(data, 1000)
    assert whole == data
    assert whole is not data  # a copy of the slice, in a new object
    assert first_bytes(data, 0) == b""


# ANCHOR: min_max_nan
def test_min_max_refuses_nan_and_names_its_position() -> None:
    with pytest.raises(
        ValueError,
        match=r"^values\[2\] is NaN, which is neither smaller nor larger than any number; "
        r"remove NaNs first \(math.isnan finds them\)$",
    ):
        min_max([1.0, 2.0, math.nan])


# ANCHOR_END: min_max_nan


@given(st.lists(st.floats(allow_nan=False), min_size=1))
def test_min_max_agrees_with_min_and_max(values: list[float]) -> None:
    result = min_max(values)
    assert result is not None
    # repr tells 0.0 from -0.0: for equal values both keep the first, as min() and max() do.
    assert repr(result) == repr((min(values), max(values)))


@given(st.text(alphabet="ab \t\n"))
def test_split_words_agrees_with_str_split_on_a_simple_alphabet(text: str) -> None:
    assert split_words(text) == text.split()


@given(wrong_kinds())
def test_wrong_arguments_raise_ordinary_exceptions(value: object) -> None:
    for function in (min_max, word_frequencies, split_words, text_stats, encode_utf8, code_points):
        raises_only_ordinary_exceptions(function, value)
    raises_only_ordinary_exceptions(first_bytes, value, 2)
    raises_only_ordinary_exceptions(first_bytes, b"abc", value)
