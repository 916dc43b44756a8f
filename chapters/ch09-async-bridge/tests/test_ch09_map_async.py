"""Python coroutines awaited from Rust: `map_async`."""

from __future__ import annotations

# ANCHOR: map_tests
import asyncio
import contextvars

import pytest
from ch09_async_bridge import live_futures, map_async

pytestmark = pytest.mark.asyncio

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="unset")


async def no_live_futures_left() -> None:
    async with asyncio.timeout(10):
        while live_futures():
            await asyncio.sleep(0.005)


async def test_results_come_in_input_order() -> None:
    async def slower_for_small(x: int) -> int:
        await asyncio.sleep(0.001 * (20 - x))
        return x * x

    results = await asyncio.wait_for(map_async(slower_for_small, range(20)), 10)
    assert results == [x * x for x in range(20)]
    assert await asyncio.wait_for(map_async(slower_for_small, []), 10) == []
    await no_live_futures_left()


async def test_exactly_concurrency_calls_are_in_flight() -> None:
    in_flight = 0
    peak = 0
    full = asyncio.Event()

    async def call(x: int) -> int:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        if in_flight == 5:
            full.set()
        # The first calls wait until five are in flight at once: with fewer
        # allowed, this times out; with more, the peak goes past five.
        await asyncio.wait_for(full.wait(), 10)
        await asyncio.sleep(0.001)
        in_flight -= 1
        return x

    assert await asyncio.wait_for(map_async(call, range(23), concurrency=5), 20) == list(range(23))
    assert peak == 5


async def test_calls_start_in_input_order() -> None:
    started: list[int] = []

    async def call(x: int) -> int:
        started.append(x)
        # Uneven durations: calls end in an order of their own.
        await asyncio.sleep(0.001 * ((x * 7) % 5))
        return x

    assert await asyncio.wait_for(map_async(call, range(50), concurrency=4), 20) == list(range(50))
    # The first four at once, then each later one as an earlier one ends: in
    # input order, as a loop guarded by a semaphore would start them.
    assert started == list(range(50))


async def test_an_early_failure_surfaces_before_any_later_call_starts() -> None:
    started: list[int] = []

    async def call(x: int) -> int:
        started.append(x)
        if x == 1:
            raise ValueError("item 1 is bad")
        await asyncio.sleep(60)  # never ends on its own
        return x

    # Item 1 is among the first four to start, so its error ends the map at
    # once: no call needs to finish first, and nothing after item 3 starts.
    # Items 2 and 3 were scheduled already; each may or may not get to begin
    # before map_async gives up on it, so either, both or neither may appear.
    with pytest.raises(ValueError, match="item 1 is bad"):
        await asyncio.wait_for(map_async(call, range(50), concurrency=4), 10)
    assert started in ([0, 1], [0, 1, 2], [0, 1, 3], [0, 1, 2, 3]), started
    await no_live_futures_left()


async def test_the_calls_see_the_callers_contextvars() -> None:
    request_id.set("request-42")

    async def read(_: int) -> str:
        return request_id.get()

    assert await asyncio.wait_for(map_async(read, range(3)), 10) == ["request-42"] * 3


async def test_the_calls_run_on_the_callers_loop() -> None:
    caller = asyncio.get_running_loop()

    async def which_loop(_: int) -> bool:
        return asyncio.get_running_loop() is caller

    assert await asyncio.wait_for(map_async(which_loop, range(4)), 10) == [True] * 4


# ANCHOR_END: map_tests


# ANCHOR: map_error_test
async def test_an_error_stops_the_map_cancels_calls_in_flight_and_starts_no_more() -> None:
    started: list[int] = []
    cancelled: list[int] = []

    async def call(x: int) -> int:
        started.append(x)
        try:
            if len(started) == 4:  # the fourth call to start fails
                await asyncio.sleep(0.05)
                raise ValueError(f"item {x} is bad")
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            cancelled.append(x)
            raise
        return x

    with pytest.raises(ValueError, match=r"^item \d+ is bad$"):
        await asyncio.wait_for(map_async(call, range(20), concurrency=4), 30)
    await no_live_futures_left()
    async with asyncio.timeout(10):
        while len(cancelled) < 3:
            await asyncio.sleep(0.005)
    # Four calls started (the most allowed at once), one failed, the three
    # others were cancelled, and none of the sixteen waiting calls began.
    assert len(started) == 4, started
    assert sorted(cancelled) == sorted(started[:3])


# ANCHOR_END: map_error_test


async def test_cancelling_the_awaiting_task_cancels_the_calls_in_flight() -> None:
    started: list[int] = []
    cancelled: list[int] = []

    async def call(x: int) -> int:
        started.append(x)
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            cancelled.append(x)
            raise
        return x

    with pytest.raises(TimeoutError):
        await asyncio.wait_for(map_async(call, range(10), concurrency=3), 0.2)
    await no_live_futures_left()
    async with asyncio.timeout(10):
        while len(cancelled) < len(started):
            await asyncio.sleep(0.005)
    assert len(started) == 3
    assert sorted(cancelled) == sorted(started)
