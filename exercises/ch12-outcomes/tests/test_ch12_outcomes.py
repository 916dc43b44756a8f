"""Checks for workshop exercise ch12-outcomes.

Each check says what to fix when it fails. Run them with
`uv run workshop check ch12-outcomes`.

`call_to_outcome(func, args)` calls `func(*args)`, as a worker calls a task,
and returns the outcome the engine stores: `("ok", json)` or
`("error", "TypeName: message")`. A KeyboardInterrupt or a SystemExit is not
an outcome: it must reach the caller.
"""

from __future__ import annotations

import asyncio
import enum
import importlib
import json
import math
import reprlib
from collections.abc import Callable
from types import ModuleType
from typing import Any, NoReturn

import pytest
from cookbook.testing import wrong_kinds
from hypothesis import given, settings

I64 = range(-(2**63), 2**63)

# repr() for messages, kept short: a list 1,000 deep or one that holds itself
# shows as [[[...]]], and an object whose __repr__ raises still shows.
SHORT = reprlib.Repr()
SHORT.maxlevel, SHORT.maxlist, SHORT.maxdict, SHORT.maxstring = 3, 5, 4, 40

# --- what the tasks raise and return ------------------------------------------------------
# At module level, so that each class's __qualname__ is its plain name.


class Checkout:
    class Declined(Exception):
        """A nested class: its __qualname__ is 'Checkout.Declined'."""


class Garbled(ValueError):
    """An exception that cannot say what it is: its __str__ raises."""

    def __str__(self) -> str:
        raise RuntimeError("__str__ refuses")


class NotAString(ValueError):
    """str() of it raises TypeError: __str__ returned non-string."""

    def __str__(self) -> Any:
        return 42


INTERRUPT = KeyboardInterrupt("Ctrl-C while a message was being written")


class Interrupted(ValueError):
    """Someone pressed Ctrl-C while the message was being written."""

    def __str__(self) -> str:
        raise INTERRUPT


class Disguised(ValueError):
    """An exception whose __class__ attribute raises: only its real type tells."""

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        raise RuntimeError("__class__ refuses")


class Hostile:
    """A return value whose __class__ attribute raises."""

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        raise RuntimeError("__class__ refuses")


class StopWorker(BaseException):
    """A BaseException of the application's own: a request to stop, not a failure."""


class Color(enum.IntEnum):
    RED = 1


class Tagged(list):  # type: ignore[type-arg]
    """A list subclass: it would come back out of JSON as a plain list."""


class Settings(dict):  # type: ignore[type-arg]
    """A dict subclass, likewise."""


def raising(error: BaseException) -> Callable[[], NoReturn]:
    def task() -> NoReturn:
        raise error

    return task


def returning(value: object) -> Callable[[], object]:
    return lambda: value


# --- calling it ---------------------------------------------------------------------------


@pytest.fixture
def module() -> ModuleType:
    return importlib.import_module("ch12_exercise")


def attempt(module: ModuleType, func: object, args: tuple[object, ...], todo: str) -> object:
    """What call_to_outcome(func, args) returned, or the exception it raised.

    A panic becomes a failed check that says which TODO to look at.
    """
    try:
        result: object = module.call_to_outcome(func, args)
    except BaseException as error:
        if type(error).__name__ != "PanicException":
            return error
        message = str(error)
    else:
        return result
    # Failing outside the `except` block keeps the panic out of the report.
    if message.startswith("not yet implemented"):
        advice = "replace the todo!() with your code"
    else:
        # An unwrapped PyErr shows the Python traceback inside it: leave that out.
        if ", traceback: " in message:
            message = message.split(", traceback: ")[0] + " }"
        advice = (
            "whatever a task does becomes an outcome, or goes on up as a PyErr: never a "
            "panic. Match on the Result instead of unwrapping it"
        )
    pytest.fail(f"call_to_outcome panicked: {message}\n  -> {advice} ({todo})", pytrace=False)


def outcome(
    module: ModuleType, func: object, todo: str, args: tuple[object, ...] = ()
) -> tuple[str, str]:
    """call_to_outcome(func, args), which must return an outcome rather than raise."""
    result = attempt(module, func, args, todo)
    if isinstance(result, BaseException):
        pytest.fail(
            f"call_to_outcome raised {type(result).__name__}: {result}; a task that raises "
            "an Exception, or returns anything at all, gives an outcome ('ok', json) or "
            f"('error', 'TypeName: message'), not an exception ({todo})",
            pytrace=False,
        )
    assert isinstance(result, tuple), f"call_to_outcome returned {result!r}, not a tuple"
    assert len(result) == 2, f"call_to_outcome returned {result!r}: expected (kind, text)"
    kind, text = result
    assert kind in ("ok", "error"), f"the outcome's kind is {kind!r}: 'ok' or 'error'"
    assert isinstance(text, str), f"the outcome's text is {text!r}, not a str"
    return kind, text


def same(got: object, expected: object) -> bool:
    """Equal, and of the same types all the way down: True is not 1, 1.0 is not 1."""
    if type(got) is not type(expected):
        return False
    if isinstance(got, list) and isinstance(expected, list):
        return len(got) == len(expected) and all(map(same, got, expected))
    if isinstance(got, dict) and isinstance(expected, dict):
        return list(got) == list(expected) and all(same(got[k], expected[k]) for k in got)
    return got == expected


def check_ok(module: ModuleType, value: object, expected: object, todo: str) -> None:
    kind, text = outcome(module, returning(value), todo)
    shown = SHORT.repr(value)
    assert kind == "ok", (
        f"a task returned {shown} and the outcome is {(kind, text)!r}; JSON carries it, so "
        f"the outcome is ('ok', json) ({todo})"
    )
    try:
        decoded = json.loads(text)
    except ValueError:
        pytest.fail(f"the outcome for {shown} is ('ok', {text!r}), which is not JSON", False)
    assert same(decoded, expected), (
        f"the outcome for {shown} is ('ok', {text!r}), which reads back as {decoded!r}; "
        f"expected {expected!r}, with the same types: a bool is true/false, not 1/0"
    )


def check_not_jsonable(module: ModuleType, value: object, name: str, todo: str) -> None:
    got = outcome(module, returning(value), todo)
    shown = SHORT.repr(value)
    expected = ("error", f"NotJsonable: {name}")
    assert got == expected, (
        f"a task returned {shown} and the outcome is {got!r}; expected {expected!r}, "
        f"naming the type of the value JSON cannot carry ({todo})"
    )


# --- TODO 1: the match on what the call gave back -----------------------------------------


def test_1_a_returned_value_is_ok_with_its_json(module: ModuleType) -> None:
    cases: list[tuple[object, object]] = [
        (None, None),
        (True, True),
        (False, False),
        (0, 0),
        (-7, -7),
        (2**63 - 1, 2**63 - 1),
        (-(2**63), -(2**63)),
        (1.5, 1.5),
        (1.0, 1.0),
        (1e300, 1e300),
        ("", ""),
        ("receipt 42", "receipt 42"),
        ('a "quote", a \\ and a\nnewline', 'a "quote", a \\ and a\nnewline'),
        ("naïve ☃ 🐍", "naïve ☃ 🐍"),
    ]
    for value, expected in cases:
        check_ok(module, value, expected, "TODO 1")


def test_2_the_arguments_reach_the_task(module: ModuleType) -> None:
    got = outcome(module, pow, "TODO 1", (2, 10))
    assert got == ("ok", "1024"), f"call_to_outcome(pow, (2, 10)) gave {got!r}: call func(*args)"
    got = outcome(module, str.upper, "TODO 1", ("shout",))
    assert got == ("ok", '"SHOUT"'), f"call_to_outcome(str.upper, ('shout',)) gave {got!r}"


def test_3_a_raised_exception_is_an_error_outcome(module: ModuleType) -> None:
    cases: list[tuple[object, tuple[object, ...], str]] = [
        (lambda: 1 / 0, (), "ZeroDivisionError: division by zero"),
        (raising(ValueError("bad input")), (), "ValueError: bad input"),
        (int, ("x",), "ValueError: invalid literal for int() with base 10: 'x'"),
        (raising(KeyError("order-7")), (), "KeyError: 'order-7'"),
        (raising(Checkout.Declined("card declined")), (), "Checkout.Declined: card declined"),
        (42, (), "TypeError: 'int' object is not callable"),
        # type_name reads the real type, never the __class__ attribute.
        (raising(Disguised("still a ValueError")), (), "Disguised: still a ValueError"),
    ]
    for func, args, text in cases:
        got = outcome(module, func, "TODO 1", args)
        assert got == ("error", text), (
            f"the task raised and the outcome is {got!r}; expected {('error', text)!r}: "
            "for an Exception, return ('error', describe(py, &error)?) (TODO 1)"
        )


def test_4_keyboard_interrupt_and_system_exit_reach_the_caller(module: ModuleType) -> None:
    never_swallowed = "the queue never swallows it"
    stops: list[tuple[BaseException, str]] = [
        (
            KeyboardInterrupt(),
            f"a KeyboardInterrupt must reach the caller: {never_swallowed}, "
            "or Ctrl-C could not stop a worker",
        ),
        (
            SystemExit(3),
            "a SystemExit must reach the caller: sys.exit() in a task stops the "
            "worker, it is not the task's failure",
        ),
        (
            asyncio.CancelledError(),
            "an asyncio.CancelledError must reach the caller: a cancelled task must stay cancelled",
        ),
        (
            StopWorker("stop"),
            "a BaseException that is not an Exception must reach the "
            f"caller, whatever its class: {never_swallowed}",
        ),
    ]
    for error, why in stops:
        result = attempt(module, raising(error), (), "TODO 1")
        if not isinstance(result, BaseException):
            pytest.fail(
                f"a task raised {type(error).__name__} and call_to_outcome returned {result!r}; "
                f"{why}. Only an Exception (`error.is_instance_of::<PyException>(py)`) is "
                "an outcome: return any other `Err(error)` as it is (TODO 1)",
                pytrace=False,
            )
        assert result is error, (
            f"a task raised {type(error).__name__} and call_to_outcome raised "
            f"{type(result).__name__}: {result}; {why}, and unchanged: return the very "
            "`Err(error)` the call gave you (TODO 1)"
        )


def test_5_a_value_json_cannot_carry_is_not_jsonable(module: ModuleType) -> None:
    cases: list[tuple[object, str]] = [
        ({1, 2}, "set"),
        (frozenset(), "frozenset"),
        (object(), "object"),
        (b"bytes", "bytes"),
        (1 + 2j, "complex"),
        (2**63, "int"),
        (-(2**63) - 1, "int"),
        (math.nan, "float"),
        (math.inf, "float"),
        (-math.inf, "float"),
        ("lone \ud800 surrogate", "str"),
        (Color.RED, "Color"),  # an int subclass would come back as a plain int
        (Hostile(), "Hostile"),
    ]
    for value, name in cases:
        check_not_jsonable(module, value, name, "TODO 1")


# --- TODO 2: the containers ---------------------------------------------------------------


def test_6_lists_tuples_and_dicts_are_json(module: ModuleType) -> None:
    cases: list[tuple[object, object]] = [
        ([], []),
        ([1, "a", None, True, 2.5], [1, "a", None, True, 2.5]),
        ((1, 2), [1, 2]),
        ((), []),
        ({}, {}),
        ({"total": 12.5, "items": ["tea", "cake"]}, {"total": 12.5, "items": ["tea", "cake"]}),
        ({"a": [1, {"b": None, "c": (True, False)}]}, {"a": [1, {"b": None, "c": [True, False]}]}),
        ({"b": 1, "a": 2}, {"b": 1, "a": 2}),  # the keys keep Python's order
    ]
    deep: object = "bottom"
    for _ in range(50):
        deep = [deep]
    cases.append((deep, deep))
    advice = (
        "TODO 2: a list or tuple is a Value::Array of its items and a dict a Value::Object, "
        "each item encoded with encode(&item, depth + 1)"
    )
    for value, expected in cases:
        check_ok(module, value, expected, advice)
    got = outcome(module, divmod, "TODO 2", (7, 2))
    assert got == ("ok", "[3,1]"), f"call_to_outcome(divmod, (7, 2)) gave {got!r}"


def test_7_a_container_holding_something_json_cannot_carry(module: ModuleType) -> None:
    cases: list[tuple[object, str]] = [
        ([1, {2}], "set"),
        ((1, object()), "object"),
        ({"a": [1, 2**64]}, "int"),
        ([[[math.nan]]], "float"),
        ({1: "one"}, "int"),  # a JSON key is a str: the key is what cannot be carried
        ({"ok": {None: 1}}, "NoneType"),
        ({("a", "b"): 1}, "tuple"),
        ({"\ud800": 1}, "str"),
        (Tagged([1, 2]), "Tagged"),  # subclasses would come back as plain list and dict
        (Settings(a=1), "Settings"),
        ([Settings(a=1)], "Settings"),
    ]
    for value, name in cases:
        check_not_jsonable(module, value, name, "TODO 2")


# --- TODO 3: describing an exception ------------------------------------------------------


def test_8_an_exception_that_cannot_be_printed_is_still_an_outcome(module: ModuleType) -> None:
    for error, name in [(Garbled("x"), "Garbled"), (NotAString("x"), "NotAString")]:
        got = outcome(module, raising(error), "TODO 3")
        expected = ("error", f"{name}: <unprintable>")
        assert got == expected, (
            f"the task raised {name}, whose str() raises, and the outcome is {got!r}; "
            f"expected {expected!r}: match on value.str() instead of unwrapping it (TODO 3)"
        )
    got = outcome(module, raising(ValueError("bad \ud800 byte")), "TODO 3")
    assert got[0] == "error"
    assert got[1].startswith("ValueError: bad "), f"the outcome is {got!r}"


def test_9_a_keyboard_interrupt_while_printing_reaches_the_caller(module: ModuleType) -> None:
    result = attempt(module, raising(Interrupted("x")), (), "TODO 3")
    assert result is INTERRUPT, (
        f"a Ctrl-C arrived while str() ran the exception's __str__, and call_to_outcome "
        f"gave {result!r}; a KeyboardInterrupt must reach the caller, this one too: in "
        "describe, `return Err(failure)` when the failure is not an Exception (TODO 3)"
    )


# --- anything at all ----------------------------------------------------------------------


class NotJson(Exception):
    """What `reference` raises: `name` is the type of the value JSON cannot carry."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def reference(value: object) -> object:
    """The JSON value `value` should become, in Python, or NotJson(its offender)."""
    if value is None or type(value) is bool:
        return value
    if type(value) is int and value in I64:
        return value
    if type(value) is float and math.isfinite(value):
        return value
    if type(value) is str:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise NotJson("str") from None
        return value
    if type(value) is list or type(value) is tuple:
        return [reference(item) for item in value]
    if type(value) is dict:
        decoded = {}
        for key, item in value.items():
            if type(key) is not str:
                raise NotJson(type(key).__qualname__)
            decoded[reference(key)] = reference(item)
        return decoded
    raise NotJson(type(value).__qualname__)


def test_10_anything_a_task_returns_becomes_an_outcome(module: ModuleType) -> None:
    # One plain check first, so that an unfinished TODO 1 fails once, plainly,
    # rather than for every value Hypothesis tries.
    check_ok(module, None, None, "TODO 1")

    @settings(report_multiple_bugs=False)
    @given(wrong_kinds())
    def anything(value: object) -> None:
        try:
            expected = reference(value)
        except NotJson as offender:
            check_not_jsonable(module, value, offender.name, "TODO 1 and TODO 2")
        else:
            check_ok(module, value, expected, "TODO 1 and TODO 2")

    anything()


def test_11_a_container_that_holds_itself_is_not_jsonable(module: ModuleType) -> None:
    # Last, because a recursion without end overflows the stack, and that ends
    # the whole process: the checks after it would never run.
    loop: list[object] = []
    loop.append(loop)
    knot: dict[str, object] = {}
    knot["self"] = knot
    deep: object = 0
    for _ in range(1_000):
        deep = [deep]
    for value, name in [(loop, "list"), (knot, "dict"), (deep, "list")]:
        check_not_jsonable(module, value, name, "TODO 2: encode(&item, depth + 1)")
