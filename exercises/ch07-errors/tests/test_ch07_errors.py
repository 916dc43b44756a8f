"""Checks for workshop exercise ch07-errors.

Each check says what to fix when it fails. Run them with
`uv run workshop check ch07-errors`.
"""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest


@pytest.fixture
def module() -> ModuleType:
    return importlib.import_module("ch07_exercise")


def raised_by(module: ModuleType, text: str) -> BaseException:
    """What parse_version(text) raises (a check fails if it returns)."""
    try:
        result = module.parse_version(text)
    except Exception as error:
        return error
    pytest.fail(f"parse_version({text!r}) returned {result!r}; it should raise", pytrace=False)


def test_a_good_version_is_three_numbers(module: ModuleType) -> None:
    assert module.parse_version("1.4.2") == (1, 4, 2)
    assert module.parse_version("0.30.1") == (0, 30, 1)


def test_1_each_variant_raises_its_own_class(module: ModuleType) -> None:
    for text, wanted in [("1.4", "PartCountError"), ("1.x.2", "NotANumberError")]:
        error = raised_by(module, text)
        got = type(error).__name__
        if got != wanted:
            pytest.fail(
                f"parse_version({text!r}) raised {got}; expected {wanted}. In "
                "`impl From<VersionError> for PyErr`, `match &error { ... }` and call "
                f"`exceptions::{wanted}::new_err(message)` for that variant (TODO 1).",
                pytrace=False,
            )
        assert isinstance(error, ValueError), f"{wanted} should still be a ValueError"
        assert type(error).__module__ == "ch07_exercise"


def test_the_messages_say_what_is_wrong(module: ModuleType) -> None:
    assert str(raised_by(module, "1.4")) == "version '1.4' has 2 part(s); expected 3, as in '1.4.2'"
    assert str(raised_by(module, "1.x.2")) == "part 2 of version '1.x.2' is 'x', not a whole number"


def test_2_a_part_that_is_not_a_number_has_the_reason_as_its_cause(module: ModuleType) -> None:
    for text, reason in [
        ("1.x.2", "invalid digit found in string"),
        ("1..2", "cannot parse integer from empty string"),
        ("1.2.99999999999999999999", "number too large to fit in target type"),
    ]:
        cause = raised_by(module, text).__cause__
        if cause is None:
            pytest.fail(
                f"parse_version({text!r}) raised an exception without a __cause__. For a "
                "`NotANumber`, make `PyValueError::new_err(reason.to_string())` and pass it to "
                "`exception.set_cause(py, Some(...))` inside `Python::attach(|py| ...)` (TODO 2).",
                pytrace=False,
            )
        kind = type(cause).__name__
        assert type(cause) is ValueError, f"the cause is a {kind}; make it a ValueError"
        assert str(cause) == reason, f"the cause says {str(cause)!r}; it should say {reason!r}"
    assert raised_by(module, "1.4").__cause__ is None, "a PartCount has no cause: set none"


def test_3_python_can_import_every_class(module: ModuleType) -> None:
    missing = [
        name
        for name in ("VersionError", "PartCountError", "NotANumberError")
        if not hasattr(module, name)
    ]
    if missing:
        pytest.fail(
            f"ch07_exercise has no {', '.join(missing)}: add them to the "
            "`#[pymodule_export] use super::exceptions::{...};` line (TODO 3).",
            pytrace=False,
        )
    assert issubclass(module.PartCountError, module.VersionError)
    assert issubclass(module.NotANumberError, module.VersionError)
    assert issubclass(module.VersionError, ValueError)
    with pytest.raises(module.VersionError):
        module.parse_version("1.4")
