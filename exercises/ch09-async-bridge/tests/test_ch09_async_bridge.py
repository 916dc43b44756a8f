"""Checks for workshop exercise ch09-async-bridge.

Each check says what to fix when it fails. Run them with
`uv run workshop check ch09-async-bridge`.
"""

from __future__ import annotations

import asyncio
import importlib
import time
from types import ModuleType

import pytest

pytestmark = pytest.mark.asyncio


@pytest.fixture
def module() -> ModuleType:
    return importlib.import_module("ch09_exercise")


async def test_later_resolves_to_its_value(module: ModuleType) -> None:
    marker = object()
    try:
        value = await asyncio.wait_for(module.later(20, marker), 10)
    except TimeoutError:
        pytest.fail("later(20, value) did not resolve within 10 s", pytrace=False)
    assert value is marker, (
        f"await later(20, value) gave {value!r}, not the very object passed as value: "
        "return Ok(value) from the future"
    )


async def test_later_does_not_block_the_event_loop(module: ModuleType) -> None:
    started = time.perf_counter()
    awaitable = module.later(300, None)
    returned_after = time.perf_counter() - started
    await asyncio.wait_for(awaitable, 10)
    if returned_after > 0.2:
        pytest.fail(
            f"later(300, None) took {returned_after:.2f} s to return its awaitable: it waited "
            "before returning, and the whole event loop waited with it. Do the waiting "
            "inside the future (async move { ... }), with tokio::time::sleep",
            pytrace=False,
        )


async def test_a_hundred_laters_wait_together(module: ModuleType) -> None:
    started = time.perf_counter()
    values = await asyncio.wait_for(asyncio.gather(*(module.later(100, i) for i in range(100))), 30)
    took = time.perf_counter() - started
    assert values == list(range(100))
    if took > 5:  # one after another: 10 s; together: about 0.1 s
        pytest.fail(
            f"100 x later(100, i) under asyncio.gather took {took:.1f} s: they waited one "
            "after another. std::thread::sleep stops a whole tokio thread; "
            "tokio::time::sleep(...).await lets it run other futures meanwhile",
            pytrace=False,
        )


async def test_cancelling_later_is_prompt(module: ModuleType) -> None:
    started = time.perf_counter()
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(module.later(60_000, None), 0.05)
    assert time.perf_counter() - started < 5, "cancelling later(60_000, None) was not prompt"
