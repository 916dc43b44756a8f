"""Recipe: blocking work and asyncio. A detached synchronous call still blocks
the event loop; `asyncio.to_thread`, pyo3-async-runtimes and PyO3's own
`async fn` (handing the work to tokio's blocking pool) leave it free."""

from __future__ import annotations

import asyncio
import contextlib
import re
import subprocess
import sys
from collections.abc import Awaitable, Callable

import pytest
from ch13_recipes import _native, blocking_wait, bridged_wait, coroutine_wait
from cookbook.testing import ORDINARY, progress_during, wrong_kinds
from hypothesis import given, settings

MAX_MS = 60_000
WORK_MS = 200  # long enough for a free loop to go round many times


# ANCHOR: probe
async def ticks_during(work: Callable[[], Awaitable[object]]) -> int:
    """How many times a probe task goes round its loop (a 1 ms asyncio sleep
    each time) while `await work()` runs: counted, not timed."""
    ticks = 0

    async def probe() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.001)
            ticks += 1

    task = asyncio.create_task(probe())
    while ticks == 0:  # the probe is going round
        await asyncio.sleep(0.001)
    before = ticks
    await work()
    during = ticks - before
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    return during


# ANCHOR_END: probe

# ANCHOR: loop_tests
# The bound of 5 ticks is about the loop being free, not about speed: a free
# loop goes round about 150 times in 200 ms (about 12 where the loop's timers
# tick every 15.6 ms, as on Windows); a blocked one, not once.
FREE = 5


@pytest.mark.asyncio
async def test_a_detached_call_still_blocks_the_event_loop() -> None:
    async def call_it() -> None:
        blocking_wait(WORK_MS)

    assert await ticks_during(call_it) == 0


def test_a_detached_call_lets_other_threads_run() -> None:
    # What detaching is for: another Python thread goes round its loop
    # meanwhile. It is not what a coroutine needs.
    assert progress_during(blocking_wait, WORK_MS) > 0


@pytest.mark.asyncio
async def test_to_thread_leaves_the_loop_free() -> None:
    assert await ticks_during(lambda: asyncio.to_thread(blocking_wait, WORK_MS)) >= FREE


@pytest.mark.asyncio
async def test_a_bridged_future_leaves_the_loop_free() -> None:
    assert await ticks_during(lambda: bridged_wait(WORK_MS)) >= FREE


@pytest.mark.asyncio
async def test_a_pyo3_coroutine_that_hands_the_work_to_tokio_leaves_the_loop_free() -> None:
    assert await ticks_during(lambda: coroutine_wait(WORK_MS)) >= FREE


# ANCHOR_END: loop_tests


# ANCHOR: coroutine_tests
@pytest.mark.asyncio
async def test_both_awaitables_resolve_to_none() -> None:
    # None, not (): a Rust `()` would reach Python as an empty tuple (see bridged_wait).
    assert list(await asyncio.gather(bridged_wait(0), coroutine_wait(0))) == [None, None]


@pytest.mark.asyncio
async def test_a_pyo3_coroutine_that_blocks_in_its_body_blocks_the_loop() -> None:
    # Its body runs on the loop's thread, each time asyncio polls it.
    assert await ticks_during(lambda: _native.coroutine_wait_inline(WORK_MS)) == 0


def test_a_pyo3_coroutine_body_runs_attached() -> None:
    # Driven by hand, one step runs the whole body: a 200 ms wait, attached.
    # Another Python thread moves only around it (a switch interval or two);
    # beside the same wait detached, it runs all along.
    def one_step(ms: int) -> None:
        with contextlib.suppress(StopIteration):
            _native.coroutine_wait_inline(ms).send(None)

    attached = progress_during(one_step, WORK_MS)
    detached = progress_during(blocking_wait, WORK_MS)
    assert attached < detached / 10, (attached, detached)


@pytest.mark.asyncio
async def test_a_pyo3_coroutine_has_no_tokio_runtime_of_its_own() -> None:
    message = "there is no reactor running, must be called from the context of a Tokio 1.x runtime"
    with pytest.raises(BaseException, match=f"^{re.escape(message)}$") as caught:
        await _native.coroutine_wait_without_runtime(0)
    # A panic caught by PyO3: not an Exception, so `except Exception` misses it.
    assert type(caught.value).__name__ == "PanicException"


def test_a_pyo3_coroutine_needs_a_running_asyncio_loop() -> None:
    # Driven by hand, outside any loop: the first step hands the work to
    # tokio, then finds no loop to wait on.
    coroutine = coroutine_wait(10)
    with pytest.raises(RuntimeError, match="no running event loop"):
        coroutine.send(None)


@pytest.mark.asyncio
async def test_a_bridged_call_needs_its_loop_when_called() -> None:
    def outside_a_loop() -> None:
        bridged_wait(0)

    with pytest.raises(RuntimeError, match="no running event loop"):
        await asyncio.to_thread(outside_a_loop)


@pytest.mark.asyncio
async def test_bad_arguments_fail_at_the_call_when_bridged_at_the_await_in_a_coroutine() -> None:
    expected = re.escape("ms must be from 0 to 60000, got -1")
    with pytest.raises(ValueError, match=expected):
        bridged_wait(-1)
    coroutine = coroutine_wait(-1)  # no error yet: PyO3 converts arguments on the first step
    with pytest.raises(ValueError, match=expected) as caught:
        await coroutine
    assert caught.value.__notes__ == ["while processing 'ms'"]


@pytest.mark.asyncio
async def test_cancelling_either_awaitable_is_prompt() -> None:
    # asyncio cancels the task; the Rust future is dropped (the blocking
    # wait itself runs on to its end on tokio's pool: it cannot be stopped).
    for make in (bridged_wait, coroutine_wait):
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(make(2_000), 0.05)


# ANCHOR_END: coroutine_tests


# ANCHOR: exit_test
@pytest.mark.parametrize("wait", ["bridged_wait", "coroutine_wait"])
def test_exiting_right_after_the_last_await_does_not_crash(wait: str) -> None:
    # Both awaitables wake asyncio from a tokio thread. Without the exit hook
    # that the first call registers, about one run in seven (bridged_wait) or
    # in three (coroutine_wait) died here with a segfault or an abort.
    code = (
        "import asyncio\n"
        f"from ch13_recipes import {wait}\n"
        "async def main():\n"
        f"    await {wait}(0)\n"
        "asyncio.run(main())\n"
    )
    for _ in range(12):
        command = [sys.executable, "-c", code]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
        assert (result.returncode, result.stderr) == (0, "")


# ANCHOR_END: exit_test


def is_valid_ms(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_MS


async def raises_only_ordinary(make: Callable[[], Awaitable[object]]) -> None:
    """Await make(), which must raise an ordinary exception, within 10 s."""
    try:
        await asyncio.wait_for(make(), 10)  # make() may raise before anything is awaited
    except ORDINARY:
        return
    except BaseException as error:
        raise AssertionError(f"raised {type(error).__qualname__}: {error!r}") from error
    raise AssertionError("returned, for an argument that is not a valid ms")


@settings(deadline=None)
@given(wrong_kinds())
def test_bad_arguments_raise_ordinary_exceptions(value: object) -> None:
    if is_valid_ms(value):
        return  # a real wait (up to a minute), or a deliberate panic: not a wrong kind

    async def check() -> None:
        async def call_blocking() -> None:
            blocking_wait(value)  # type: ignore[arg-type]

        calls: list[Callable[[], Awaitable[object]]] = [
            call_blocking,
            lambda: bridged_wait(value),  # type: ignore[arg-type]
            lambda: coroutine_wait(value),  # type: ignore[arg-type]
            lambda: _native.coroutine_wait_inline(value),  # type: ignore[arg-type]
            lambda: _native.coroutine_wait_without_runtime(value),  # type: ignore[arg-type]
        ]
        for call in calls:
            await raises_only_ordinary(call)

    asyncio.run(check())
