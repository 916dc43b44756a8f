"""`sum_floats` and `sum_buffer`: the same sums as Python's, two ways in."""

from __future__ import annotations

import array
import functools
import operator

import pytest
from ch11_benchmarks import build_profile, sum_buffer, sum_floats
from cookbook.testing import raises_only_ordinary_exceptions, wrong_kinds
from hypothesis import given
from hypothesis import strategies as st

finite = st.floats(allow_nan=False, allow_infinity=False, width=64)


def left_to_right(values: list[float]) -> float:
    """The reference: plain left-to-right addition (what sum() did before 3.12)."""
    return functools.reduce(operator.add, values, 0.0)


@given(st.lists(finite))
def test_sum_floats_adds_left_to_right(values: list[float]) -> None:
    assert sum_floats(values) == left_to_right(values)


@given(st.lists(finite))
def test_sum_buffer_gives_the_same_sum_from_an_array(values: list[float]) -> None:
    assert sum_buffer(array.array("d", values)) == left_to_right(values)


def test_sum_buffer_reads_a_strided_view_too() -> None:
    doubles = array.array("d", [1.0, 100.0, 2.0, 100.0, 3.0])
    assert sum_buffer(memoryview(doubles)[::2]) == 6.0


def test_sum_floats_takes_ints_as_floats_and_refuses_str() -> None:
    assert sum_floats([1, 2.5]) == 3.5
    with pytest.raises(TypeError):
        sum_floats(["1.0"])  # type: ignore[list-item]


@pytest.mark.parametrize("wrong", [[1.0, 2.0], array.array("i", [1, 2]), b"12345678"])
def test_sum_buffer_refuses_what_is_not_a_buffer_of_doubles(wrong: object) -> None:
    with pytest.raises(TypeError, match="buffer of C doubles") as caught:
        sum_buffer(wrong)  # type: ignore[arg-type]
    assert caught.value.__cause__ is not None  # PyO3's own reason, kept as the cause


@given(wrong_kinds())
def test_wrong_arguments_raise_ordinary_exceptions(value: object) -> None:
    raises_only_ordinary_exceptions(sum_floats, value)
    raises_only_ordinary_exceptions(sum_buffer, value)


def test_build_profile_names_a_cargo_profile() -> None:
    assert build_profile() in {"debug", "release"}
