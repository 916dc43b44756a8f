"""add and add_by_hand: typed parameters are contracts, checked before the body runs."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from ch02_add_extract import add, add_by_hand
from hypothesis import given, settings
from hypothesis import strategies as st

I64_MIN, I64_MAX = -(2**63), 2**63 - 1


# ANCHOR: contract_tests
def test_add_adds() -> None:
    assert add(2, 3) == 5


def test_a_str_is_refused_before_rust_runs() -> None:
    with pytest.raises(TypeError, match="'str' object cannot be interpreted as an integer"):
        add("two", 3)  # type: ignore[arg-type]


def test_a_float_is_refused_too_even_a_whole_one() -> None:
    with pytest.raises(TypeError, match="'float' object cannot be interpreted as an integer"):
        add(2.0, 3)  # type: ignore[arg-type]


def test_a_sum_that_does_not_fit_is_an_overflow_error() -> None:
    with pytest.raises(OverflowError, match="does not fit in 64 bits"):
        add(I64_MAX, 1)


def test_an_argument_that_does_not_fit_is_an_overflow_error() -> None:
    with pytest.raises(OverflowError, match=r"too (large|big) to convert"):
        add(2**63, 0)


# ANCHOR_END: contract_tests


def test_bool_is_an_int_to_python_and_so_to_pyo3() -> None:
    assert add(True, 2) == 3


def test_the_argument_name_is_attached_as_a_note_where_python_supports_notes() -> None:
    with pytest.raises(TypeError) as caught:
        add(1, "two")  # type: ignore[arg-type]
    notes = getattr(caught.value, "__notes__", None)
    if hasattr(caught.value, "add_note"):  # Python 3.11 and later
        assert notes == ["while processing 'b'"]
    else:
        assert notes is None


@given(st.integers(min_value=-(2**65), max_value=2**65), st.integers(-(2**65), 2**65))
def test_add_agrees_with_python_or_raises_overflow_error(a: int, b: int) -> None:
    if I64_MIN <= a <= I64_MAX and I64_MIN <= b <= I64_MAX and I64_MIN <= a + b <= I64_MAX:
        assert add(a, b) == a + b
    else:
        with pytest.raises(OverflowError):
            add(a, b)


def outcome(function: Callable[[object, object], int], a: object, b: object) -> tuple[str, object]:
    try:
        return ("returned", function(a, b))
    except (TypeError, OverflowError) as error:
        return (type(error).__name__, str(error))


@settings(max_examples=1000)
@given(
    st.one_of(st.integers(-(2**65), 2**65), st.text(), st.floats(), st.none()),
    st.one_of(st.integers(-(2**65), 2**65), st.text()),
)
def test_add_by_hand_raises_what_add_raises(a: object, b: object) -> None:
    assert outcome(add_by_hand, a, b) == outcome(add, a, b)  # type: ignore[arg-type]


def test_only_the_macro_names_the_argument() -> None:
    with pytest.raises(TypeError) as by_hand:
        add_by_hand(1, "two")  # type: ignore[arg-type]
    # .extract() inside the body knows nothing about parameter names.
    assert getattr(by_hand.value, "__notes__", None) is None
