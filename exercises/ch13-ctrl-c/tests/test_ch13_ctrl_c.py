"""Checks for workshop exercise ch13-ctrl-c.

Each check says what to fix when it fails. Run them with
`uv run workshop check ch13-ctrl-c`.

`estimate_pi(samples)` throws `samples` darts at a unit square and returns
four times the share inside the quarter circle. The checks that press Ctrl-C
run it in a child process, so that a call that ignores Ctrl-C (hours of work)
can be stopped: they simulate Ctrl-C with `_thread.interrupt_main()`, which
does inside Python what the SIGINT from a terminal does, on every system.
"""

from __future__ import annotations

import functools
import importlib
import re
import subprocess
import sys
from types import ModuleType

import pytest
from cookbook.testing import progress_during

MAX_SAMPLES = 10**12
MASK = 2**64 - 1


@pytest.fixture
def module() -> ModuleType:
    return importlib.import_module("ch13_ctrl_c_exercise")


def reference(samples: int) -> float:
    """estimate_pi in Python: the same SplitMix64 generator, the same darts."""
    state = inside = 0

    def uniform() -> float:
        nonlocal state
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        z ^= z >> 31
        return (z >> 11) / 2**53

    for _ in range(samples):
        x, y = uniform(), uniform()
        if x * x + y * y < 1.0:
            inside += 1
    return 4 * inside / samples


# --- what was already there: keep it working ----------------------------------------------


def test_1_the_estimate_is_the_same_however_the_darts_are_grouped(module: ModuleType) -> None:
    # 200,000 darts are several chunks: the generator must carry on from one
    # chunk to the next, not start again.
    for samples in (1, 2, 1_000, 65_536, 65_537, 200_000):
        got = module.estimate_pi(samples)
        expected = reference(samples)
        assert got == expected, (
            f"estimate_pi({samples}) returned {got!r}, expected {expected!r}: the darts must "
            "be the same ones, in the same order, however many chunks they are thrown in. "
            "Keep one `Darts` and throw each chunk from it: `darts = py.detach(|| "
            "darts.throw(batch))`"
        )


def test_2_bad_sizes_say_what_to_fix(module: ModuleType) -> None:
    for number in (0, MAX_SAMPLES + 1, -5):
        with pytest.raises(ValueError, match="samples must be from 1 to 1000000000000"):
            module.estimate_pi(number)
    for other in ("1000", 1e3, None, True):
        with pytest.raises(TypeError, match="samples must be an int"):
            module.estimate_pi(other)


def test_3_other_threads_run_while_it_works(module: ModuleType) -> None:
    ran = progress_during(module.estimate_pi, 2_000_000)
    assert ran > 0, (
        "another Python thread made no progress while estimate_pi ran: throw each chunk "
        "inside `py.detach(...)`, and attach only between chunks, to call check_signals"
    )


# --- TODO 1: Ctrl-C ------------------------------------------------------------------------

CHILD = """
import _thread, signal, sys, threading
from ch13_ctrl_c_exercise import estimate_pi

# Put back the SIGINT handler that raises KeyboardInterrupt (a process started
# with SIGINT ignored, under nohup say, would have none).
signal.signal(signal.SIGINT, signal.default_int_handler)
if sys.argv[1] == "own handler":
    class Stop(Exception):
        pass

    def stop(signum, frame):
        raise Stop("the program's own SIGINT handler says stop")

    signal.signal(signal.SIGINT, stop)

# Ctrl-C, 0.2 s into the call.
threading.Timer(0.2, _thread.interrupt_main).start()
try:
    estimate_pi(10**12)
except BaseException as error:
    print(type(error).__name__)
    for note in getattr(error, "__notes__", []):
        print(note)
else:
    print("returned")
"""


IGNORED = (
    "Ctrl-C came 0.2 s into estimate_pi(10**12), and 10 s later it was still running: "
    "Python runs its signal handlers only when someone lets it. Throw the darts in chunks, "
    "each one detached, and call `py.check_signals()?` between two chunks (TODO 1). (The "
    "check's Ctrl-C comes from another Python thread, which can run only while the work is "
    "detached.)"
)


@functools.cache
def child_output(handler: str) -> list[str] | None:
    """What a child printed when Ctrl-C came 0.2 s into estimate_pi(10**12):
    the exception's name, then its notes. None: still running after 10 s."""
    if handler != "default" and child_output("default") is None:
        return None  # the same 10 s again would say nothing new
    command = [sys.executable, "-c", CHILD, handler]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=10)
    except subprocess.TimeoutExpired:
        return None
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def press_ctrl_c(handler: str = "default") -> list[str]:
    lines = child_output(handler)
    if lines is None:
        pytest.fail(IGNORED, pytrace=False)
    return lines


def test_4_ctrl_c_stops_it_with_keyboard_interrupt() -> None:
    lines = press_ctrl_c()
    assert lines[0] == "KeyboardInterrupt", (
        f"Ctrl-C during estimate_pi gave {lines[0]!r}, not KeyboardInterrupt: the `Err` that "
        "`py.check_signals()` returns is the KeyboardInterrupt; return it as it is (TODO 1)"
    )


def test_5_the_error_is_whatever_the_signal_handler_raised() -> None:
    lines = press_ctrl_c("own handler")
    assert lines[0] == "Stop", (
        f"a program whose own SIGINT handler raises Stop got {lines[0]!r} from estimate_pi: "
        "check_signals runs the program's handler, and its exception is the `Err` you get. "
        "Return that very error (`?` does), never a new KeyboardInterrupt (TODO 1)"
    )


# --- TODO 2: the note ----------------------------------------------------------------------


def test_6_the_interrupt_says_how_far_the_work_got(module: ModuleType) -> None:
    lines = press_ctrl_c()
    expected = (
        "estimate_pi(1000000000000) was interrupted after <n> samples; "
        "the estimate so far: <estimate>"
    )
    notes = lines[1:]
    if len(notes) != 1:
        pytest.fail(
            f"the KeyboardInterrupt has the notes {notes!r}; expected one, {expected!r}: "
            "`interrupt.add_note(py, text)` before `return Err(interrupt)` (TODO 2)",
            pytrace=False,
        )
    note = re.fullmatch(
        r"estimate_pi\(1000000000000\) was interrupted after (\d+) samples; "
        r"the estimate so far: (\S+)",
        notes[0],
    )
    assert note is not None, f"the note is {notes[0]!r}; expected {expected!r} (TODO 2)"
    thrown, estimate = int(note[1]), float(note[2])
    assert 0 < thrown < MAX_SAMPLES, f"the note says {thrown} samples were thrown"
    assert estimate == module.estimate_pi(thrown), (
        f"the note says the estimate after {thrown} samples is {estimate!r}, but "
        f"estimate_pi({thrown}) is {module.estimate_pi(thrown)!r}: note `darts.thrown` and "
        "`darts.estimate()` of the darts thrown so far (TODO 2)"
    )
