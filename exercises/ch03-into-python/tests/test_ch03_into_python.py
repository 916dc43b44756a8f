"""Checks for workshop exercise ch03-into-python.

Each check says what to fix when it fails. Run them with
`uv run workshop check ch03-into-python`.
"""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest


@pytest.fixture
def module() -> ModuleType:
    return importlib.import_module("ch03_exercise")


def test_1_divide_returns_a_tuple(module: ModuleType) -> None:
    got = module.divide(7, 2)
    assert got == (3, 1), (
        f"divide(7, 2) returned {got!r}, expected (3, 1): return "
        "`Some((dividend / divisor, dividend % divisor))` (TODO 1)"
    )
    assert module.divide(0, 5) == (0, 0), "divide(0, 5) should be (0, 0)"


def test_2_dividing_by_zero_is_none(module: ModuleType) -> None:
    got = module.divide(7, 0)
    assert got is None, (
        f"divide(7, 0) returned {got!r}; there is no answer, so return `None` (TODO 1)"
    )


def test_3_letter_counts_is_a_dict_of_letters(module: ModuleType) -> None:
    got = module.letter_counts("Hello!")
    expected = {"e": 1, "h": 1, "l": 2, "o": 1}
    if got == {}:
        pytest.fail(
            "letter_counts('Hello!') returned {}: count each letter into `counts` (TODO 2)",
            pytrace=False,
        )
    assert got == expected, (
        f"letter_counts('Hello!') returned {got!r}, expected {expected!r}: lower-case "
        "the letters and skip everything that is not `char::is_alphabetic` (TODO 2)"
    )
    assert list(got) == sorted(got), "a BTreeMap gives a dict with its keys in sorted order"


def test_4_letter_counts_handles_any_alphabet(module: ModuleType) -> None:
    got = module.letter_counts("Straße ÉÉ 42")
    expected = {"a": 1, "e": 1, "r": 1, "s": 1, "t": 1, "ß": 1, "é": 2}
    assert got == expected, (
        f"letter_counts('Straße ÉÉ 42') returned {got!r}, expected {expected!r} (TODO 2)"
    )


def test_5_summarize_returns_a_dict(module: ModuleType) -> None:
    got = module.summarize([1.0, 2.0, 3.0])
    if isinstance(got, tuple):
        pytest.fail(
            f"summarize([1.0, 2.0, 3.0]) returned the tuple {got!r}. Return a `Summary`: "
            "add `#[derive(IntoPyObject)]` above `struct Summary`, then build one and "
            "return it, and Python receives a dict (TODO 3)",
            pytrace=False,
        )
    assert got == {"count": 3, "total": 6.0, "mean": 2.0}, (
        f"summarize([1.0, 2.0, 3.0]) returned {got!r}, expected "
        "{'count': 3, 'total': 6.0, 'mean': 2.0} (TODO 3)"
    )
    assert list(got) == ["count", "total", "mean"], "the keys follow the fields' order"


def test_6_the_mean_of_nothing_is_none(module: ModuleType) -> None:
    got = module.summarize([])
    if isinstance(got, tuple):
        pytest.fail("summarize still returns a tuple: see TODO 3", pytrace=False)
    assert got == {"count": 0, "total": 0.0, "mean": None}, (
        f"summarize([]) returned {got!r}; with no values the mean is undefined: make "
        "`mean` None, which an `Option<f64>` field does for you (TODO 3)"
    )
