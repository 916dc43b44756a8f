"""The package's public face: its names, and ordinary exceptions for bad input."""

from __future__ import annotations

# ANCHOR: api_tests
import asyncio
import subprocess
import sys
from collections.abc import Awaitable, Callable

import ch09_async_bridge
import pytest
from ch09_async_bridge import (
    _native,
    configure,
    live_futures,
    map_async,
    sleep,
    worker_threads,
)
from cookbook.testing import (
    ORDINARY,
    classes_that_name_a_private_module,
    raises_only_ordinary_exceptions,
    wrong_kinds,
)
from hypothesis import given, settings


def test_the_package_exports_its_api_under_its_own_name() -> None:
    assert ch09_async_bridge.__all__ == [
        "RustPanic",
        "configure",
        "live_futures",
        "map_async",
        "sleep",
        "worker_threads",
    ]
    assert classes_that_name_a_private_module(ch09_async_bridge) == []


def test_bridge_calls_need_a_running_event_loop() -> None:
    # Called outside a coroutine, there is no loop to make an asyncio future on.
    with pytest.raises(RuntimeError, match="no running event loop"):
        sleep(1)
    assert live_futures() == 0


def test_configure_refuses_bad_thread_counts() -> None:
    for bad, error in [(0, ValueError), (257, ValueError), (-1, ValueError), ("2", TypeError)]:
        with pytest.raises(error, match="worker_threads must"):
            configure(bad)  # type: ignore[arg-type]


def test_configure_before_first_use_sets_the_worker_threads_and_after_raises() -> None:
    code = (
        "import asyncio\n"
        "from ch09_async_bridge import configure, sleep, worker_threads\n"
        "configure(3)\n"
        "configure(5)  # before first use, the last one counts\n"
        "async def main():\n"
        "    return await asyncio.wait_for(sleep(1, 'ran'), 10)\n"
        "print(asyncio.run(main()), worker_threads())\n"
        "try:\n"
        "    configure(2)\n"
        "except RuntimeError as error:\n"
        "    print(error)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.splitlines()
    assert first == "ran 5"
    assert second.startswith("configure() came too late: the tokio runtime is already running")


async def raises_only_ordinary(make: Callable[[], Awaitable[object]]) -> None:
    """Await make(), which must return or raise an ordinary exception, within 10 s."""
    try:
        await asyncio.wait_for(make(), 10)  # make() may raise before anything is awaited
    except ORDINARY:
        return
    except BaseException as error:
        raise AssertionError(f"raised {type(error).__qualname__}: {error!r}") from error


def is_int_in(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


# ANCHOR: wrong_kinds
@settings(deadline=None)
@given(wrong_kinds())
def test_bad_arguments_raise_ordinary_exceptions(value: object) -> None:
    async def echo(item: object) -> object:
        return item

    async def check() -> None:
        calls: list[Callable[[], Awaitable[object]]] = [
            lambda: sleep(0, value),
            lambda: map_async(value, [1, 2]),  # type: ignore[arg-type]
            lambda: map_async(echo, value),  # type: ignore[arg-type]
            lambda: map_async(echo, [1, 2], concurrency=value),  # type: ignore[arg-type]
            lambda: _native.fail_after(0, value),  # type: ignore[arg-type]
        ]
        # A valid duration is a real wait (up to a day): only invalid ones here.
        if not is_int_in(value, 0, _MAX_MS):
            calls.append(lambda: sleep(value))  # type: ignore[call-overload]
            calls.append(lambda: _native.fail_after(value, "m"))  # type: ignore[arg-type]
            calls.append(lambda: _native.panic_after(value, "m"))  # type: ignore[arg-type]
        if not isinstance(value, str):  # a str message is a deliberate panic
            calls.append(lambda: _native.panic_after(0, value))  # type: ignore[arg-type]
        if not isinstance(value, bool):  # a bool is a deliberate panic
            calls.append(lambda: _native.panic_after(0, "m", keep_message=value))  # type: ignore[arg-type]
        for call in calls:
            await raises_only_ordinary(call)

    asyncio.run(check())
    # A valid count configures the runtime (or is refused: too late); only
    # invalid ones here.
    if not is_int_in(value, 1, 256):
        raises_only_ordinary_exceptions(configure, value)
    for no_arguments in (live_futures, worker_threads):
        with pytest.raises(TypeError):
            no_arguments(value)  # type: ignore[call-arg]


_MAX_MS = 86_400_000
# ANCHOR_END: wrong_kinds
# ANCHOR_END: api_tests
