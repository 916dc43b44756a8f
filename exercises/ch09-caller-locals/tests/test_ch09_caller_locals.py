"""Checks for workshop exercise ch09-caller-locals.

Each check says what to fix when it fails. Run them with
`uv run workshop check ch09-caller-locals`.
"""

from __future__ import annotations

import asyncio
import contextvars
import importlib
from collections.abc import Awaitable, Callable
from types import ModuleType
from typing import Any

import pytest

pytestmark = [
    pytest.mark.asyncio,
    # Half-way (TODO 1 done, not TODO 2), each coroutine is made and never
    # awaited, and Python says so at teardown: the failed check already says
    # what to fix, so keep that noise out of the report.
    pytest.mark.filterwarnings("ignore:coroutine .* was never awaited:RuntimeWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]

who: contextvars.ContextVar[str] = contextvars.ContextVar("who", default="nobody")


@pytest.fixture
def module() -> ModuleType:
    return importlib.import_module("ch09_locals_exercise")


async def call_all(module: ModuleType, funcs: list[Callable[[], Awaitable[Any]]]) -> Any:
    try:
        return await asyncio.wait_for(module.call_all(funcs), 10)
    except RuntimeError as error:
        if "no running event loop" not in str(error):
            raise
        pytest.fail(
            "RuntimeError: no running event loop. into_future looked for the caller's loop "
            "in a tokio task spawned with tokio::spawn, which has none (only the future "
            "passed to future_into_py gets them). Pass the TaskLocals you captured to "
            "pyo3_async_runtimes::into_future_with_locals(&locals, coroutine)",
            pytrace=False,
        )


def make(value: int, delay: float) -> Callable[[], Awaitable[int]]:
    async def call() -> int:
        await asyncio.sleep(delay)
        return value

    return call


async def test_call_all_returns_every_result_in_order(module: ModuleType) -> None:
    results = await call_all(module, [make(i, 0.001 * (5 - i)) for i in range(5)])
    assert results == [0, 1, 2, 3, 4], f"call_all gave {results!r}"


async def test_the_calls_see_the_callers_contextvars(module: ModuleType) -> None:
    who.set("the caller")

    async def read() -> str:
        return who.get()

    results = await call_all(module, [read, read])
    assert results == ["the caller"] * 2, (
        f"the coroutines saw who={results!r}: they ran without the caller's context. "
        "Capture it with the loop, as TaskLocals, on the caller's thread"
    )


async def test_the_calls_run_on_the_callers_loop(module: ModuleType) -> None:
    caller = asyncio.get_running_loop()

    async def same_loop() -> bool:
        return asyncio.get_running_loop() is caller

    assert await call_all(module, [same_loop]) == [True]
