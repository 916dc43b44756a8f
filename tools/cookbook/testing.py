"""Helpers shared by the chapters' pytest suites.

`wrong_kinds()` is a Hypothesis strategy of Python objects of many kinds, including
awkward ones: huge and negative integers, NaN, bytes that are not UTF-8, strings with
lone surrogates, nested containers, objects whose special methods raise. Feeding them
to a public function checks the promise every chapter makes: bad input becomes an
ordinary Python exception, never a crash and never a `PanicException`.
"""

from __future__ import annotations

import decimal
import fractions
import os
import threading
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest
from hypothesis import strategies as st


class Refused(Exception):
    """What `Awkward` raises. A function may let it through, and nothing else like it."""


class Awkward:
    """An object whose conversions all fail, loudly."""

    def __index__(self) -> int:
        raise Refused("__index__ refuses")

    def __int__(self) -> int:
        raise Refused("__int__ refuses")

    def __float__(self) -> float:
        raise Refused("__float__ refuses")

    def __len__(self) -> int:
        raise Refused("__len__ refuses")

    def __iter__(self) -> Any:
        raise Refused("__iter__ refuses")

    def __getitem__(self, key: object) -> Any:
        raise Refused("__getitem__ refuses")

    def __str__(self) -> str:
        raise Refused("__str__ refuses")

    def __repr__(self) -> str:
        return "Awkward()"


class LyingMapping(dict):  # type: ignore[type-arg]
    """A dict subclass whose items() and keys() disagree with its contents."""

    def keys(self) -> Any:
        raise Refused("keys refuses")

    def items(self) -> Any:
        raise Refused("items refuses")


def scalars() -> st.SearchStrategy[object]:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.integers(min_value=2**63 - 2, max_value=2**200),
        st.integers(max_value=-(2**63) + 2, min_value=-(2**200)),
        st.floats(allow_nan=True, allow_infinity=True),
        st.complex_numbers(),
        st.text(),
        st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1),
        st.binary(),
        st.just(b"\xff\xfe not utf-8"),
        st.decimals(allow_nan=True, allow_infinity=True),
        st.fractions(),
        st.just(decimal.Decimal("sNaN")),
        st.just(fractions.Fraction(1, 3)),
        st.builds(Awkward),
        st.just(object()),
        st.just(len),
        st.just(type),
        st.just(Ellipsis),
    )


def wrong_kinds() -> st.SearchStrategy[object]:
    """Scalars and containers of scalars, nested a few levels deep."""
    return st.recursive(
        scalars(),
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.tuples(inner, inner),
            st.dictionaries(st.text(max_size=5), inner, max_size=4),
            st.dictionaries(st.integers(), inner, max_size=3),
            st.frozensets(st.integers(), max_size=3),
            st.builds(LyingMapping, st.dictionaries(st.text(max_size=3), inner, max_size=2)),
        ),
        max_leaves=8,
    )


# What a well-behaved function may raise for bad input. AttributeError comes from
# reading attributes of the wrong kind of object; `Refused` is what `Awkward` and
# `LyingMapping` raise from their own methods, which should pass through. A
# RuntimeError is not here: in this project it means "this is a bug".
ORDINARY = (
    TypeError,
    ValueError,
    OverflowError,
    KeyError,
    IndexError,
    AttributeError,
    Refused,
)


def raises_only_ordinary_exceptions(
    function: Callable[..., object],
    *args: object,
    allowed: tuple[type[BaseException], ...] = ORDINARY,
    **kwargs: object,
) -> BaseException | None:
    """Call `function`; return the exception it raised, or None if it returned.

    Anything outside `allowed` fails the calling test with a message naming it. That
    includes `pyo3_runtime.PanicException`, which derives from `BaseException`: a panic
    is a bug in the extension, never an acceptable answer to bad input.
    """
    try:
        function(*args, **kwargs)
    except allowed as error:
        return error
    except BaseException as error:
        raise AssertionError(
            f"{getattr(function, '__qualname__', function)} raised "
            f"{type(error).__module__}.{type(error).__qualname__}: {error!r}; "
            f"bad input should raise one of {[kind.__name__ for kind in allowed]}"
        ) from error
    return None


def classes_that_name_a_private_module(package: ModuleType) -> list[str]:
    """The classes `package` exports whose `__module__` is a private module.

    A class re-exported from `_native` keeps the `__module__` its `#[pyclass(module
    = ...)]` gave it, and users see that name in reprs, error messages and
    tracebacks. A public class should name the public package.
    """
    found = []
    for name in getattr(package, "__all__", []):
        value = getattr(package, name)
        module = getattr(value, "__module__", "") if isinstance(value, type) else ""
        if any(part.startswith("_") for part in module.split(".")):
            found.append(f"{name} (__module__ is {module!r})")
    return found


def progress_during(function: Callable[..., object], *args: object) -> int:
    """How many times another Python thread goes round its loop while
    function(*args) runs in this one: progress made while it ran, counted
    rather than timed (Chapter 6's example defines the same function)."""
    count = 0
    running = True
    started = threading.Event()

    def spin() -> None:
        nonlocal count
        started.set()
        while running:
            count += 1

    other = threading.Thread(target=spin)
    other.start()
    started.wait()
    before = count
    function(*args)
    after = count
    running = False
    other.join()
    return after - before


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave out tests marked `redis` when COOKBOOK_WITHOUT_REDIS is set, and say so.

    For machines that cannot have a redis-server (GitHub's Windows runners);
    everywhere else those tests run, and fail with a line saying how to install
    redis-server when it is missing. A conftest.py imports this hook to use it.
    """
    if not os.environ.get("COOKBOOK_WITHOUT_REDIS"):
        return
    left_out = [item for item in items if item.get_closest_marker("redis") is not None]
    if not left_out:
        return
    config.hook.pytest_deselected(items=left_out)
    items[:] = [item for item in items if item.get_closest_marker("redis") is None]
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(
            f"COOKBOOK_WITHOUT_REDIS is set: left out {len(left_out)} test(s) that need "
            "redis-server; they run wherever it is installed"
        )
