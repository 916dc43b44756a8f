"""What happens when the event loop closes while a Rust future is pending."""

from __future__ import annotations

# ANCHOR: loop_closing_tests
import subprocess
import sys


def run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-W", "error", "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_asyncio_run_cancels_a_task_awaiting_a_rust_future_which_is_dropped() -> None:
    # At its end, asyncio.run cancels the tasks still pending: the task
    # awaiting sleep() is cancelled, and the Rust future is dropped.
    code = (
        "import asyncio, time\n"
        "from ch09_async_bridge import live_futures, sleep\n"
        "async def wait_long():\n"
        "    await sleep(60_000)\n"
        "async def main():\n"
        "    asyncio.create_task(wait_long())\n"
        "    await asyncio.sleep(0.05)\n"
        "    print('pending', live_futures())\n"
        "asyncio.run(main())\n"
        "for _ in range(1000):\n"
        "    if live_futures() == 0: break\n"
        "    time.sleep(0.01)\n"
        "print('after the loop closed', live_futures())\n"
    )
    result = run(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["pending 1", "after the loop closed 0"]
    assert result.stderr == ""


def test_a_bare_bridge_future_outlives_its_loop_and_reports_it_cannot_deliver() -> None:
    # asyncio.run cancels tasks only. A bridge future no task awaits stays
    # pending: the Rust future runs to its end after the loop closed, and
    # pyo3-async-runtimes prints that it cannot hand over the result.
    code = (
        "import asyncio, time\n"
        "from ch09_async_bridge import live_futures, sleep\n"
        "kept = []\n"
        "async def main():\n"
        "    kept.append(sleep(200))\n"
        "asyncio.run(main())\n"
        "print('loop closed', live_futures())\n"
        "for _ in range(1000):\n"
        "    if live_futures() == 0: break\n"
        "    time.sleep(0.01)\n"
        "time.sleep(0.2)\n"
        "print('after the sleep', live_futures(), kept[0].done())\n"
    )
    result = run(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["loop closed 1", "after the sleep 0 False"]
    assert "RuntimeError: Event loop is closed" in result.stderr


# ANCHOR: exit_test
def test_exiting_right_after_the_last_await_does_not_crash() -> None:
    # Without the package's exit hook, about one run in ten died here with
    # "Fatal Python error: PyGILState_Release" (a tokio thread still
    # delivering a result as the interpreter shut down).
    code = (
        "import asyncio\n"
        "from ch09_async_bridge import sleep\n"
        "async def main():\n"
        "    return await asyncio.gather(*(sleep(1, i) for i in range(50)))\n"
        "asyncio.run(main())\n"
    )
    for _ in range(20):
        result = run(code)
        assert (result.returncode, result.stderr) == (0, "")


# ANCHOR_END: exit_test
# ANCHOR_END: loop_closing_tests
