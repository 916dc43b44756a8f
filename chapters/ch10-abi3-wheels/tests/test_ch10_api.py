"""The package's public face: its names, its behaviour, and ordinary exceptions for bad input."""

from __future__ import annotations

import csv
import io

import ch10_abi3_wheels
import pytest
from ch10_abi3_wheels import _native, add, build_flavour, csv_line
from cookbook.testing import (
    classes_that_name_a_private_module,
    raises_only_ordinary_exceptions,
    wrong_kinds,
)
from hypothesis import given
from hypothesis import strategies as st

I64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)


def test_the_package_exports_its_api_under_its_own_name() -> None:
    assert ch10_abi3_wheels.__all__ == ["add", "build_flavour", "csv_line"]
    assert classes_that_name_a_private_module(ch10_abi3_wheels) == []


@given(I64, I64)
def test_add_adds_or_refuses_to_overflow(a: int, b: int) -> None:
    if -(2**63) <= a + b < 2**63:
        assert add(a, b) == a + b
    else:
        with pytest.raises(OverflowError):
            add(a, b)


# ANCHOR: csv_line_test
@given(st.lists(st.text(alphabet=st.characters(exclude_categories=["Cs"]))))
def test_csv_line_writes_what_the_csv_module_writes(fields: list[str]) -> None:
    expected = io.StringIO()
    csv.writer(expected).writerow(fields)
    assert csv_line(fields) == expected.getvalue()


# ANCHOR_END: csv_line_test


def test_a_lone_surrogate_is_a_unicode_error_not_a_crash() -> None:
    with pytest.raises(UnicodeEncodeError):
        csv_line(["\ud800"])


def test_the_build_is_named() -> None:
    # `maturin develop` and `maturin build` both read pyproject.toml's features.
    assert build_flavour() == "abi3-py311"
    assert _native.build_profile() in ("debug", "release")


@given(wrong_kinds())
def test_bad_arguments_raise_ordinary_exceptions(value: object) -> None:
    calls = [
        lambda: add(value, 1),  # type: ignore[arg-type]
        lambda: add(1, value),  # type: ignore[arg-type]
        lambda: csv_line(value),  # type: ignore[arg-type]
        lambda: csv_line([value]),  # type: ignore[list-item]
    ]
    for call in calls:
        raises_only_ordinary_exceptions(call)
