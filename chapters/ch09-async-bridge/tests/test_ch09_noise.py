"""No noise: cancelled and failed bridge futures leave no warning, no unraisable
exception and no asyncio error log behind."""

from __future__ import annotations

# ANCHOR: noise_test
import asyncio
import gc
import logging
import sys
import warnings
from typing import Any

import pytest
from ch09_async_bridge import _native, live_futures, sleep

pytestmark = pytest.mark.asyncio


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.messages.append(record.getMessage())


async def test_a_thousand_cancelled_and_a_thousand_failed_futures_make_no_noise() -> None:
    loop = asyncio.get_running_loop()
    noise: list[str] = []
    loop.set_exception_handler(lambda _, context: noise.append(str(context.get("message"))))
    logs = Collect()
    logging.getLogger("asyncio").addHandler(logs)
    unraisable: list[Any] = []
    previous_hook = sys.unraisablehook
    sys.unraisablehook = unraisable.append
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")

            async def wait_long() -> None:
                await sleep(60_000)

            waiting = [asyncio.create_task(wait_long()) for _ in range(1000)]
            await asyncio.sleep(0.05)
            for task in waiting:
                task.cancel()
            outcomes = await asyncio.wait_for(asyncio.gather(*waiting, return_exceptions=True), 30)
            assert all(isinstance(o, asyncio.CancelledError) for o in outcomes)

            failing = [_native.fail_after(0, f"failure {i}") for i in range(1000)]
            outcomes = await asyncio.wait_for(asyncio.gather(*failing, return_exceptions=True), 30)
            assert all(isinstance(o, ValueError) for o in outcomes)

            async with asyncio.timeout(10):
                while live_futures():
                    await asyncio.sleep(0.005)
            del waiting, failing, outcomes
            gc.collect()
            await asyncio.sleep(0.05)  # let any late callback run
            gc.collect()
    finally:
        sys.unraisablehook = previous_hook
        logging.getLogger("asyncio").removeHandler(logs)
    assert noise == []  # "Task was destroyed but it is pending!", "Future exception ..."
    assert logs.messages == []
    assert unraisable == []
    assert [str(w.message) for w in caught] == []


# ANCHOR_END: noise_test
