"""Checks for workshop exercise ch08-callbacks.

Each check says what to fix when it fails. Run them with
`uv run workshop check ch08-callbacks`.
"""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest


@pytest.fixture
def module() -> ModuleType:
    return importlib.import_module("ch08_exercise")


def read(module: ModuleType, returned: object, todo: str) -> tuple[str, object]:
    """`read_outcome(returned)`, with a panic turned into a failed check that teaches."""
    try:
        result: tuple[str, object] = module.read_outcome(returned)
        return result
    except BaseException as error:
        if type(error).__name__ != "PanicException":
            raise
        message = str(error)
    # Failing outside the `except` block keeps the panic out of the report.
    advice = (
        "finish the match on the code"
        if message.startswith("not yet implemented")
        else "an outcome that breaks the protocol must come back as Err(reason), "
        "which read_outcome turns into ('malformed', reason)"
    )
    pytest.fail(
        f"read_outcome({returned!r}) panicked: {message}\n  -> {advice} ({todo})",
        pytrace=False,
    )


def check_malformed(module: ModuleType, returned: object, words: list[str], todo: str) -> None:
    kind, reason = read(module, returned, todo)
    assert kind == "malformed", (
        f"read_outcome({returned!r}) returned {(kind, reason)!r}; this outcome breaks the "
        f"protocol, so it should be ('malformed', reason) ({todo})"
    )
    assert isinstance(reason, str)
    missing = [word for word in words if word not in reason]
    assert not missing, (
        f"the reason for {returned!r} is {reason!r}; say what was wrong, with the "
        f"word(s) {missing!r} in it ({todo})"
    )


def test_1_something_other_than_a_tuple_of_three_is_malformed(module: ModuleType) -> None:
    cases: list[tuple[object, list[str]]] = [
        (None, ["tuple", "NoneType"]),
        ("done", ["tuple", "str"]),
        ([0, b"", 0], ["tuple", "list"]),
        ({"status": "ok"}, ["tuple", "dict"]),
        ((), ["3", "0"]),
        ((0, b"ok"), ["3", "2"]),
        ((0, b"ok", 0, 0), ["3", "4"]),
    ]
    for returned, words in cases:
        check_malformed(module, returned, words, "TODO 1")


def test_2_each_item_must_have_its_type(module: ModuleType) -> None:
    cases: list[tuple[object, list[str]]] = [
        (("0", b"", 0), ["code", "str"]),
        ((None, b"", 0), ["code", "NoneType"]),
        ((1.0, b"", 0), ["code", "float"]),
        ((True, b"", 0), ["code", "bool"]),
        ((0, "text", 0), ["data", "str"]),
        ((0, bytearray(b"x"), 0), ["data", "bytearray"]),
        ((2, b"", 0.5), ["retry_after_ms", "float"]),
        ((2, b"", None), ["retry_after_ms", "NoneType"]),
        ((2, b"", False), ["retry_after_ms", "bool"]),
        ((2, b"", -5), ["retry_after_ms"]),
    ]
    for returned, words in cases:
        check_malformed(module, returned, words, "TODO 2")


def test_3_the_code_decides(module: ModuleType) -> None:
    cases: list[tuple[object, tuple[str, object]]] = [
        ((0, b"receipt", 0), ("success", b"receipt")),
        ((2, b"", 250), ("retry", 250)),
        ((2, b"", 0), ("retry", 0)),
        ((1, b"card declined", 0), ("failure", "card declined")),
        ((7, b"unknown code", 0), ("failure", "unknown code")),
        ((-1, b"negative code", 0), ("failure", "negative code")),
        ((2**70, b"huge code", 0), ("failure", "huge code")),
        ((1, b"bad \xff byte", 0), ("failure", "bad \ufffd byte")),
    ]
    for returned, expected in cases:
        got = read(module, returned, "TODO 3")
        assert got == expected, (
            f"read_outcome({returned!r}) returned {got!r}, expected {expected!r}: 0 is a "
            "success, 2 a retry, and any other code a failure whose message is the data "
            "as UTF-8 (TODO 3)"
        )


def test_a_success_keeps_the_very_bytes_object(module: ModuleType) -> None:
    data = b"result" * 1000
    kind, kept = read(module, (0, data, 0), "TODO 2")
    assert kind == "success"
    assert kept is data, "the data came back as a copy: keep the bytes object itself"
