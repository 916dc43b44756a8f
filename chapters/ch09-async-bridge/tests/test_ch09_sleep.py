"""A Rust future awaited from asyncio: `sleep`, its cancellation, its failures."""

from __future__ import annotations

# ANCHOR: sleep_tests
import asyncio
import time

import pytest
from ch09_async_bridge import RustPanic, _native, live_futures, sleep

pytestmark = pytest.mark.asyncio


async def no_live_futures_left() -> None:
    """Wait (up to 10 s) until every Rust future of the module is dropped."""
    async with asyncio.timeout(10):
        while live_futures():
            await asyncio.sleep(0.005)


async def test_sleep_resolves_to_its_value() -> None:
    marker = object()
    assert await asyncio.wait_for(sleep(10, marker), 10) is marker
    nothing: object = await asyncio.wait_for(sleep(0), 10)
    assert nothing is None


async def test_a_thousand_sleeps_finish_together() -> None:
    started = time.perf_counter()
    values = await asyncio.wait_for(asyncio.gather(*(sleep(50, i) for i in range(1000))), 30)
    took = time.perf_counter() - started
    assert values == list(range(1000))
    # One after another they would take 1000 x 50 ms = 50 s. Together they
    # take about one sleep plus the crossings; 10 s leaves room for a busy
    # machine and a debug build.
    assert took < 0.2 * 1000 * 0.050, f"1000 sleeps of 50 ms took {took:.2f} s"
    await no_live_futures_left()


# ANCHOR_END: sleep_tests


# ANCHOR: cancel_tests
async def test_cancelling_the_awaiting_task_drops_the_rust_future() -> None:
    async def wait_a_minute() -> None:
        await sleep(60_000)

    task = asyncio.create_task(wait_a_minute())
    await asyncio.sleep(0.01)
    assert live_futures() == 1
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(task, 10)
    await no_live_futures_left()


async def test_wait_for_times_out_promptly_and_drops_the_rust_future() -> None:
    started = time.perf_counter()
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(sleep(60_000), 0.05)
    assert time.perf_counter() - started < 10  # not the 60 s of the sleep
    await no_live_futures_left()


async def test_asyncio_timeout_times_out_promptly_and_drops_the_rust_future() -> None:
    started = time.perf_counter()
    with pytest.raises(TimeoutError):
        async with asyncio.timeout(0.05):
            await sleep(60_000)
    assert time.perf_counter() - started < 10
    await no_live_futures_left()


# ANCHOR_END: cancel_tests


# ANCHOR: failure_tests
async def test_an_error_returned_by_a_rust_future_is_an_ordinary_exception() -> None:
    with pytest.raises(ValueError, match=r"^refused$"):
        await asyncio.wait_for(_native.fail_after(1, "refused"), 10)
    await no_live_futures_left()


async def test_a_panic_in_a_rust_future_becomes_rust_panic() -> None:
    # RustPanic is an Exception (unlike PanicException, a BaseException), and
    # pyo3-async-runtimes 0.30 loses the panic's own message on the way.
    assert issubclass(RustPanic, Exception)
    with pytest.raises(RustPanic, match=r"^rust future panicked: unknown error$"):
        await asyncio.wait_for(_native.panic_after(1, "on purpose"), 10)
    await no_live_futures_left()  # the guard was dropped while unwinding


async def test_a_panic_caught_inside_the_future_keeps_its_message() -> None:
    with pytest.raises(RustPanic, match=r"^rust future panicked: on purpose, 42$"):
        await asyncio.wait_for(_native.panic_after(1, "on purpose, 42", keep_message=True), 10)
    await no_live_futures_left()


# ANCHOR_END: failure_tests
