"""Blocking work and asyncio: the same 200 ms wait, called five ways from a
coroutine, while a probe task counts how often the event loop goes round."""

# ANCHOR: tour
import asyncio
import contextlib
from collections.abc import Awaitable, Callable

from ch13_recipes import _native, blocking_wait, bridged_wait, coroutine_wait


async def ticks_during(work: Callable[[], Awaitable[object]]) -> int:
    """How often a task that sleeps 1 ms at a time wakes while `work` is awaited."""
    ticks = 0

    async def probe() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.001)
            ticks += 1

    task = asyncio.create_task(probe())
    while ticks == 0:
        await asyncio.sleep(0.001)
    before = ticks
    await work()
    during = ticks - before
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    return during


async def main() -> None:
    async def call_blocking() -> None:
        blocking_wait(200)  # detached, and still on the loop's thread

    ways: list[tuple[str, Callable[[], Awaitable[object]]]] = [
        ("blocking_wait(200)", call_blocking),
        (
            "await asyncio.to_thread(blocking_wait, 200)",
            lambda: asyncio.to_thread(blocking_wait, 200),
        ),
        ("await bridged_wait(200)", lambda: bridged_wait(200)),
        ("await coroutine_wait(200)", lambda: coroutine_wait(200)),
        ("await coroutine_wait_inline(200)", lambda: _native.coroutine_wait_inline(200)),
    ]
    for label, work in ways:
        ticks = await ticks_during(work)
        # The counts vary from run to run; whether the loop ran does not.
        print(f"{label:<45} the loop {'ran' if ticks >= 5 else 'was blocked'}")

    try:
        await _native.coroutine_wait_without_runtime(0)
    except BaseException as error:  # a PanicException is not an Exception
        print(f"coroutine_wait_without_runtime: {type(error).__name__}: {error}")

    pending = coroutine_wait(-1)
    print("coroutine_wait(-1) made a", type(pending).__name__, "without complaint")
    try:
        await pending
    except ValueError as error:
        print("awaiting it:", repr(error), error.__notes__)
    try:
        bridged_wait(-1)
    except ValueError as error:
        print("bridged_wait(-1):", repr(error))


asyncio.run(main())
# ANCHOR_END: tour
