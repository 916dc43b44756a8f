"""Shared by every exercise's checks: make a Rust panic read like a failed check.

A panic inside a #[pyfunction] reaches Python as `pyo3_runtime.PanicException`,
which derives from BaseException, so pytest would print it as a crash with a
long traceback. A learner's `todo!()` is not a crash: it is unfinished work.
"""

from __future__ import annotations

from collections.abc import Generator

import pytest


def _is_panic(error: BaseException) -> bool:
    return type(error).__name__ == "PanicException"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    try:
        return (yield)
    except BaseException as error:
        if not _is_panic(error):
            raise
        message = str(error)
    # Failing outside the `except` block keeps the panic out of the report.
    advice = (
        "replace the todo!() with your code"
        if message.startswith("not yet implemented")
        else "a panic is a bug: return a PyErr (an exception) instead"
    )
    pytest.fail(f"the Rust code panicked: {message}\n  -> {advice}", pytrace=False)
