"""The copy at the boundary: which argument types accept what, and what comes back."""

from __future__ import annotations

import pytest
from ch03_into_python import (
    filled_in_place,
    filled_via_vec,
    len_of_backed_bytes,
    len_of_backed_str,
    len_of_slice,
    len_of_str,
    len_of_string,
    len_of_vec,
)
from cookbook.testing import raises_only_ordinary_exceptions, wrong_kinds
from hypothesis import given
from hypothesis import strategies as st

BYTES_IN = (len_of_vec, len_of_slice, len_of_backed_bytes)
STR_IN = (len_of_str, len_of_string, len_of_backed_str)


@given(st.binary())
def test_every_bytes_argument_type_sees_the_same_bytes(data: bytes) -> None:
    for function in BYTES_IN:
        assert function(data) == len(data)


@given(st.text(st.characters(exclude_categories=["Cs"])))
def test_every_str_argument_type_sees_the_same_utf8(text: str) -> None:
    for function in STR_IN:
        assert function(text) == len(text.encode("utf-8"))


# ANCHOR: accepted
def test_only_a_copying_type_can_take_a_bytearray_or_a_list() -> None:
    assert len_of_vec(bytearray(b"abc")) == 3  # copied into the Vec
    assert len_of_vec([1, 2, 3]) == 3  # each int converted
    assert len_of_backed_bytes(bytearray(b"abc")) == 3  # copied: a bytearray can change
    with pytest.raises(TypeError, match="'bytearray' object is not an instance of 'bytes'"):
        len_of_slice(bytearray(b"abc"))  # type: ignore[arg-type]


def test_no_bytes_argument_type_takes_a_str() -> None:
    for function in BYTES_IN:
        with pytest.raises(TypeError):
            function("text")  # type: ignore[arg-type]


# ANCHOR_END: accepted


# ANCHOR: filled
def test_both_ways_of_making_bytes_give_the_same_bytes() -> None:
    assert filled_via_vec(4, ord("x")) == filled_in_place(4, ord("x")) == b"xxxx"
    assert type(filled_via_vec(1, 0)) is bytes
    assert type(filled_in_place(1, 0)) is bytes
    assert filled_in_place(0, 1) == b""


# ANCHOR_END: filled


def test_sizes_are_bounded() -> None:
    message = r"^size is 268435457; the filled_\* functions make at most 268435456 bytes"
    for make in (filled_via_vec, filled_in_place):
        with pytest.raises(ValueError, match=message):
            make(256 * 1024 * 1024 + 1, 0)
        with pytest.raises(OverflowError):
            make(-1, 0)
        with pytest.raises(OverflowError):
            make(1, 256)


@given(wrong_kinds())
def test_wrong_arguments_raise_ordinary_exceptions(value: object) -> None:
    for function in BYTES_IN + STR_IN:
        raises_only_ordinary_exceptions(function, value)
    for make in (filled_via_vec, filled_in_place):
        raises_only_ordinary_exceptions(make, value, 1)
        raises_only_ordinary_exceptions(make, 1, value)
        raises_only_ordinary_exceptions(make, value, value)
