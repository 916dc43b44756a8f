"""Bad input to every public function is an ordinary exception with a message,
never a crash, a PanicException or a RuntimeError (which would mean a bug)."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Awaitable, Callable
from typing import Any

from ch12_task_queue import App, Retry
from cookbook.testing import ORDINARY, raises_only_ordinary_exceptions, wrong_kinds
from hypothesis import given, settings


def is_seconds(value: object) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value >= 0
    )


async def raises_only_ordinary(call: Callable[[], Awaitable[object]]) -> None:
    try:
        await call()
    except ORDINARY:
        pass
    except BaseException as error:
        raise AssertionError(f"raised {type(error).__qualname__}: {error!r}") from error


# ANCHOR: wrong_kinds
@settings(deadline=None, max_examples=150)
@given(wrong_kinds())
def test_bad_arguments_raise_ordinary_exceptions(value: object) -> None:
    raises_only_ordinary_exceptions(App, value)
    for keyword in ("queue", "lease", "keep_results"):
        options: dict[str, Any] = {keyword: value}
        raises_only_ordinary_exceptions(App, None, **options)
    app = App()
    for keyword in ("name", "max_tries", "timeout"):
        options = {keyword: value}
        raises_only_ordinary_exceptions(app.task, **options)
    raises_only_ordinary_exceptions(app.task, value)
    raises_only_ordinary_exceptions(app.job, value)
    raises_only_ordinary_exceptions(Retry, value)

    @app.task(name="echo")
    async def echo(*args: object, **kwargs: object) -> object:
        return args

    async def check() -> None:
        calls: list[Callable[[], Awaitable[object]]] = [
            lambda: echo.enqueue(value),
            lambda: echo.enqueue(key=value),
            lambda: echo.enqueue(_job_id=value),  # type: ignore[arg-type]
            lambda: echo.enqueue_many(value),  # type: ignore[arg-type]
            lambda: echo.enqueue_many([value]),  # type: ignore[list-item]
        ]
        # A valid delay defers a job a burst worker would wait for, and a
        # valid timeout (None: no limit) is a real wait: only invalid ones here.
        if value is not None and not is_seconds(value):
            calls.append(lambda: echo.enqueue(_delay=value))  # type: ignore[arg-type]
            calls.append(lambda: app.job("some-id").result(timeout=value))  # type: ignore[arg-type]
        # A valid concurrency with burst=True runs a short worker over what the
        # calls above enqueued; a valid burst=False would run one forever.
        calls.append(lambda: app.run_worker(concurrency=value, burst=True))  # type: ignore[arg-type]
        if not isinstance(value, bool):
            calls.append(lambda: app.run_worker(burst=value))  # type: ignore[arg-type]
        for call in calls:
            await raises_only_ordinary(call)

    asyncio.run(check())


# ANCHOR_END: wrong_kinds
