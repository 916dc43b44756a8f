"""Checks for workshop exercise ch02-add-extract.

Run them with `uv run workshop check ch02-add-extract`.
"""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest


@pytest.fixture
def module() -> ModuleType:
    return importlib.import_module("ch02_exercise")


def test_1_multiply_small_numbers(module: ModuleType) -> None:
    assert module.multiply(6, 7) == 42
    assert module.multiply(-3, 5) == -15


def test_1_multiply_overflow_is_an_overflow_error(module: ModuleType) -> None:
    try:
        result = module.multiply(2**62, 4)
    except OverflowError:
        return
    pytest.fail(
        f"multiply(2**62, 4) returned {result!r}; the true product does not fit in an i64, "
        "so it must raise OverflowError (TODO 1: i64::checked_mul)",
        pytrace=False,
    )


def area_of(module: ModuleType, rect: dict[str, float]) -> float:
    try:
        return module.area(rect)  # type: ignore[no-any-return]
    except AttributeError as error:
        problem = str(error)
    pytest.fail(
        f"area({rect!r}) raised AttributeError: {problem}. #[derive(FromPyObject)] reads "
        "attributes unless you add #[pyo3(from_item_all)] to the struct (TODO 2).",
        pytrace=False,
    )


def test_2_area_reads_a_dict(module: ModuleType) -> None:
    got = area_of(module, {"width": 2.0, "height": 3.5})
    assert got == 7.0, f"area({{'width': 2.0, 'height': 3.5}}) returned {got!r}, expected 7.0"


def test_2_area_names_a_missing_key(module: ModuleType) -> None:
    with pytest.raises(KeyError, match="height"):
        area_of(module, {"width": 2.0})


def test_3_pad_has_a_default_fill(module: ModuleType) -> None:
    try:
        got = module.pad("ab", 5)
    except TypeError as error:
        problem = str(error)
    else:
        assert got == "   ab", f"pad('ab', 5) returned {got!r}, expected '   ab'"
        return
    pytest.fail(
        f"pad('ab', 5) raised TypeError: {problem}. Give `fill` a default with "
        "#[pyo3(signature = (text, width, *, fill = ' '))] (TODO 3).",
        pytrace=False,
    )


def test_3_fill_is_keyword_only(module: ModuleType) -> None:
    assert module.pad("ab", 5, fill="*") == "***ab"
    try:
        module.pad("ab", 5, "*")
    except TypeError:
        return
    pytest.fail(
        "pad('ab', 5, '*') worked, but `fill` should be keyword-only: put `*` before it "
        "in the signature (TODO 3).",
        pytrace=False,
    )


def test_3_a_huge_width_is_refused_not_a_crash(module: ModuleType) -> None:
    # Given code, not a TODO: the size check at the top of `pad`.
    with pytest.raises(ValueError, match="pad makes at most"):
        module.pad("ab", 2**62, fill="*")
