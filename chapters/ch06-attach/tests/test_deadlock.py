"""A Mutex held across an attach deadlocks; lock_py_attached does not.

The deadlocking call never returns, so it runs in a child process
(examples/deadlock.py), which the test kills. Every wait has a timeout, and
the fixture kills any child still running, whatever happened in the test.
"""

from __future__ import annotations

# ANCHOR: deadlock_tests
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "examples" / "deadlock.py"
# Enough for a busy machine to start Python and import the module.
START_TIMEOUT = 60.0
# Once the demonstration has started, the fixed version ends within
# milliseconds. This long without an end, the other one is stuck for good.
STUCK_AFTER = 3.0

GIL_ENABLED = getattr(sys, "_is_gil_enabled", lambda: True)()


# ANCHOR: child
class Child:
    """examples/deadlock.py running in a child process; its lines arrive in a queue."""

    def __init__(self, mode: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(SCRIPT), mode],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)  # the end of the output

    def next_line(self, timeout: float) -> str | None:
        """The next line of output, None at its end; fails the test after `timeout`."""
        try:
            return self.lines.get(timeout=timeout)
        except queue.Empty:
            pytest.fail(f"no output from {SCRIPT.name} within {timeout} s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=30)
        self.reader.join(timeout=30)
        assert self.process.stdout is not None
        self.process.stdout.close()


@pytest.fixture
def start_demo() -> Iterator[Callable[[str], Child]]:
    children: list[Child] = []

    def start(mode: str) -> Child:
        children.append(Child(mode))
        return children[-1]

    yield start
    for child in children:
        child.stop()


# ANCHOR_END: child


# ANCHOR: deadlock_test
@pytest.mark.skipif(
    not GIL_ENABLED,
    reason="free-threaded Python: no GIL to wait for, so the demonstration usually finishes "
    "(it can still hang, when a stop-the-world pause waits for the thread stuck attached)",
)
def test_a_mutex_held_across_an_attach_deadlocks(start_demo: Callable[[str], Child]) -> None:
    child = start_demo("deadlock")
    first = child.next_line(START_TIMEOUT)
    assert first == "_deadlock_demo(fixed=False): a worker thread takes the lock, then attaches"
    # Within microseconds of that line, both threads wait for each other.
    with pytest.raises(subprocess.TimeoutExpired):
        child.process.wait(timeout=STUCK_AFTER)
    child.stop()  # kill it: nothing else ends it
    assert child.next_line(START_TIMEOUT) is None, "it printed more: it did not deadlock"


def test_lock_py_attached_detaches_while_it_waits(start_demo: Callable[[str], Child]) -> None:
    child = start_demo("fixed")
    first = child.next_line(START_TIMEOUT)
    assert first == "_deadlock_demo(fixed=True): a worker thread takes the lock, then attaches"
    last = child.next_line(STUCK_AFTER)
    assert last == "finished: the worker wrote 1 entry while holding the lock"
    assert child.process.wait(timeout=START_TIMEOUT) == 0


# ANCHOR_END: deadlock_test


def test_the_demonstration_says_how_to_run_it(start_demo: Callable[[str], Child]) -> None:
    child = start_demo("neither")
    assert child.next_line(START_TIMEOUT) == "usage: deadlock.py fixed|deadlock"
    assert child.process.wait(timeout=START_TIMEOUT) == 1


# ANCHOR_END: deadlock_tests
