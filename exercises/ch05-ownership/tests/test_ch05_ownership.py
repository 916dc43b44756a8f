"""Checks for workshop exercise ch05-ownership.

Each check says what to fix when it fails. Run them with
`uv run workshop check ch05-ownership`.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import pytest


@pytest.fixture
def later_class() -> Any:
    return importlib.import_module("ch05_exercise").Later


def test_1_later_keeps_a_reference_to_its_callback(later_class: Any) -> None:
    def callback(*args: object) -> object:
        return args

    before = sys.getrefcount(callback)
    later = later_class(callback)
    held = sys.getrefcount(callback) - before
    if held == 0 or not later.pending:
        pytest.fail(
            "Later(callback) did not keep the callback: `pending` is "
            f"{later.pending!r} and it holds {held} reference(s) to it. In `new`, store "
            "`Some(callback.unbind())`: `unbind()` turns the `Bound` into a `Py` (TODO 1).",
            pytrace=False,
        )
    assert held == 1, f"Later holds {held} references to its callback; one is enough"


def test_2_run_calls_the_callback_with_the_arguments(later_class: Any) -> None:
    calls: list[tuple[object, ...]] = []

    def callback(*args: object) -> str:
        calls.append(args)
        return "done"

    later = later_class(callback)
    if not later.pending:
        pytest.fail("do TODO 1 first: Later has no callback to run", pytrace=False)
    got = later.run("a", 2)
    assert calls == [("a", 2)], (
        f"the callback was called with {calls!r}; expected one call with ('a', 2): "
        "`callback.bind(py).call1(args)` (TODO 2)"
    )
    assert got == "done", f"run() returned {got!r}; return what the callback returned"
    later.run()
    assert len(calls) == 2, "run() again calls the callback again: keep it after running"


def test_3_cancel_lets_go_of_the_callback(later_class: Any) -> None:
    def callback(*args: object) -> None:
        pass

    before = sys.getrefcount(callback)
    later = later_class(callback)
    if sys.getrefcount(callback) == before:
        pytest.fail("do TODO 1 first: Later keeps no reference to cancel", pytrace=False)
    first = later.cancel()
    assert first is True, (
        f"cancel() returned {first!r} while a callback was stored; return True: "
        "`self.callback.take().is_some()` (TODO 3)"
    )
    assert sys.getrefcount(callback) == before, (
        "after cancel() Later still holds a reference to the callback: set the field "
        "to None, which drops the Py and gives the reference back (TODO 3)"
    )
    assert later.pending is False
    assert later.cancel() is False, "a second cancel() has nothing to let go of: False"
    with pytest.raises(RuntimeError, match="cancelled"):
        later.run()


def test_a_non_callable_is_refused(later_class: Any) -> None:
    with pytest.raises(TypeError, match="needs something to call"):
        later_class(42)
