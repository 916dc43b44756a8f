"""The package's public face: its names, and ordinary exceptions for bad input."""

from __future__ import annotations

# ANCHOR: api_tests
import subprocess
import sys
from typing import TypeGuard

import ch06_attach
from ch06_attach import (
    AtomicCounter,
    PlainCounter,
    _native,
    call_from_threads,
    count_primes,
    count_primes_attached,
    to_decimal,
)
from cookbook.testing import (
    classes_that_name_a_private_module,
    raises_only_ordinary_exceptions,
    wrong_kinds,
)
from hypothesis import given


# ANCHOR: public_api
def test_the_package_exports_its_api_under_its_own_name() -> None:
    assert ch06_attach.__all__ == [
        "AtomicCounter",
        "PlainCounter",
        "call_from_threads",
        "count_primes",
        "count_primes_attached",
        "to_decimal",
    ]
    assert classes_that_name_a_private_module(ch06_attach) == []
    assert repr(AtomicCounter) == "<class 'ch06_attach.AtomicCounter'>"
    assert repr(PlainCounter) == "<class 'ch06_attach.PlainCounter'>"


# ANCHOR_END: public_api


def test_the_build_profile_is_debug_or_release() -> None:
    assert _native.build_profile() in ("debug", "release")


# ANCHOR: gil_used_test
def test_importing_the_module_leaves_the_gil_as_it_was() -> None:
    # On a free-threaded Python, a module declaring `gil_used = true` would
    # switch the GIL on at import, with a RuntimeWarning (an error here). On
    # a Python with a GIL there is nothing to switch: before and after agree.
    code = (
        "import sys\n"
        "gil = getattr(sys, '_is_gil_enabled', lambda: True)\n"
        "before = gil()\n"
        "import ch06_attach\n"
        "print(before, gil())\n"
    )
    result = subprocess.run(
        [sys.executable, "-W", "error::RuntimeWarning", "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    before, after = result.stdout.split()
    assert before == after


# ANCHOR_END: gil_used_test


def is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


# ANCHOR: wrong_kinds
@given(wrong_kinds())
def test_bad_arguments_raise_ordinary_exceptions(value: object) -> None:
    atomic = AtomicCounter()
    plain = PlainCounter()

    def nothing(thread_index: int, call_index: int) -> None:
        pass

    calls = [
        lambda: call_from_threads(value, 1, 1),  # type: ignore[arg-type]
        lambda: call_from_threads(nothing, value, 1),  # type: ignore[arg-type]
        lambda: AtomicCounter(value),  # type: ignore[arg-type]
        lambda: atomic.increment(value),  # type: ignore[arg-type]
        lambda: setattr(atomic, "value", value),
        lambda: PlainCounter(value),  # type: ignore[arg-type]
        lambda: plain.increment(value),  # type: ignore[arg-type]
        lambda: plain.increment_and_call(value),  # type: ignore[arg-type]
        lambda: setattr(plain, "value", value),
        lambda: to_decimal(value),  # type: ignore[arg-type]
    ]
    # A valid limit or call count is real work, up to seconds of it: only
    # the invalid ones, which are refused at once, belong in this test.
    if not (is_int(value) and 0 <= value <= 10_000_000):
        calls.append(lambda: count_primes(value))  # type: ignore[arg-type]
        calls.append(lambda: count_primes_attached(value))  # type: ignore[arg-type]
    if not (is_int(value) and 1_000 < value <= 1_000_000):
        calls.append(lambda: call_from_threads(nothing, 1, value))  # type: ignore[arg-type]
    for call in calls:
        raises_only_ordinary_exceptions(call)


# ANCHOR_END: wrong_kinds
# ANCHOR_END: api_tests
