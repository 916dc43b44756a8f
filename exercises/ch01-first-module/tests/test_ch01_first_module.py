"""Checks for workshop exercise ch01-first-module.

Each check says what to fix when it fails. Run them with
`uv run workshop check ch01-first-module`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType

import pytest


@pytest.fixture
def module() -> ModuleType:
    return importlib.import_module("ch01_exercise")


def exported_repeat(module: ModuleType) -> Callable[[str, int], str]:
    if not hasattr(module, "repeat"):
        pytest.fail(
            "Python cannot see `repeat`. A #[pyfunction] is only importable once the "
            "module exports it: add `#[pymodule_export] use super::repeat;` to "
            "`mod ch01_exercise` (TODO 3).",
            pytrace=False,
        )
    return module.repeat  # type: ignore[no-any-return]


def test_1_repeat_is_exported_and_repeats(module: ModuleType) -> None:
    repeat = exported_repeat(module)
    got = repeat("ab", 3)
    assert got == "ababab", f"repeat('ab', 3) returned {got!r}, expected 'ababab' (TODO 1)"
    assert repeat("x", 0) == "", "repeat('x', 0) should be the empty string"


def test_2_repeat_rejects_impossible_counts(module: ModuleType) -> None:
    repeat = exported_repeat(module)
    # `times: usize` cannot hold -1, so PyO3 refuses it before your code runs.
    with pytest.raises(OverflowError):
        repeat("ab", -1)
    # Far too much memory: the check at the top of `repeat` refuses it.
    with pytest.raises(ValueError, match="the limit is"):
        repeat("ab", 2**62)


def test_3_greeter_greets(module: ModuleType) -> None:
    got = module.Greeter("Hello").greet("Ada")
    assert got == "Hello, Ada!", (
        f"Greeter('Hello').greet('Ada') returned {got!r}, expected 'Hello, Ada!' (TODO 2)"
    )


def test_4_greeter_refuses_an_empty_name(module: ModuleType) -> None:
    greeter = module.Greeter("Hello")
    try:
        result = greeter.greet("")
    except ValueError as error:
        message = str(error)
    else:
        pytest.fail(
            f"Greeter('Hello').greet('') returned {result!r}; it should raise ValueError. "
            "Return `Err(PyValueError::new_err(...))` when the name is empty (TODO 2).",
            pytrace=False,
        )
    assert "name" in message, (
        f"the ValueError says {message!r}; mention the name, so the caller knows what to fix"
    )
