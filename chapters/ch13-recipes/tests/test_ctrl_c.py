"""Recipe: Ctrl-C during long Rust work. `count_primes` looks for Ctrl-C
between slices of detached work; `count_primes_without_checks` never does."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time

import pytest
from ch13_recipes import count_primes, count_primes_without_checks
from cookbook.testing import raises_only_ordinary_exceptions, wrong_kinds
from hypothesis import given, settings
from hypothesis import strategies as st

MAX_BELOW = 10**12


def primes_below(below: int) -> int:
    """The reference: a sieve of Eratosthenes, in Python."""
    if below < 3:
        return 0
    sieve = bytearray([1]) * below
    sieve[0] = sieve[1] = 0
    for n in range(2, int(below**0.5) + 1):
        if sieve[n]:
            sieve[n * n :: n] = bytes(len(range(n * n, below, n)))
    return sum(sieve)


# ANCHOR: counting_tests
def test_both_count_the_primes_below_a_number() -> None:
    for below, count in [(0, 0), (2, 0), (3, 1), (10, 4), (100, 25), (1_000_000, 78_498)]:
        assert count_primes(below) == count
        assert count_primes_without_checks(below) == count


@given(st.integers(min_value=0, max_value=5_000))
def test_the_counts_agree_with_a_sieve(below: int) -> None:
    assert count_primes(below) == count_primes_without_checks(below) == primes_below(below)


# ANCHOR_END: counting_tests


def test_bad_sizes_say_what_to_fix() -> None:
    for function in (count_primes, count_primes_without_checks):
        cases: list[tuple[object, type[Exception], str]] = [
            (-1, ValueError, "below must be from 0 to 1000000000000, got -1"),
            (MAX_BELOW + 1, ValueError, "got 1000000000001"),
            (10**5000, ValueError, "got an int too large to show"),
            (True, TypeError, "below must be an int, not bool"),
            (1e6, TypeError, "below must be an int, not float"),
            ("100", TypeError, "below must be an int, not str"),
        ]
        for bad, error, message in cases:
            with pytest.raises(error, match=re.escape(message)):
                function(bad)  # type: ignore[arg-type]


@settings(deadline=None)
@given(wrong_kinds())
def test_bad_arguments_raise_ordinary_exceptions(value: object) -> None:
    # A valid size is real work (days of it, at the top of the range): only
    # invalid ones here.
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_BELOW:
        return
    for function in (count_primes, count_primes_without_checks):
        assert raises_only_ordinary_exceptions(function, value) is not None


# ANCHOR: ctrl_c_tests
# ANCHOR: child
CHILD = """
import signal, sys, threading, time
from ch13_recipes import count_primes, count_primes_without_checks

# A process started with SIGINT ignored (under nohup, say) passes that on, and
# Python then installs no handler: put back the one that raises KeyboardInterrupt.
signal.signal(signal.SIGINT, signal.default_int_handler)

def lasting(seconds):
    '''A size whose count takes at least `seconds` uninterrupted: (size, count,
    seconds it took). Grown here, so that it holds for debug and release builds.'''
    below = 250_000
    while True:
        started = time.perf_counter()
        count = count_primes_without_checks(below)
        took = time.perf_counter() - started
        if took >= seconds:
            return below, count, took
        below *= 2

mode = sys.argv[1]
if mode == "checked":
    print("started", flush=True)
    try:
        count_primes(10**12)  # days of work
    except KeyboardInterrupt as interrupt:
        print("KeyboardInterrupt from count_primes")
        print(*interrupt.__notes__, sep="\\n")
elif mode == "unchecked":
    below, count, full = lasting(1.0)
    print("started", flush=True)
    started = time.perf_counter()
    result = None
    try:
        result = count_primes_without_checks(below)
    except KeyboardInterrupt as interrupt:
        took = time.perf_counter() - started
        print("KeyboardInterrupt, notes:", getattr(interrupt, "__notes__", []))
        print("the count reached the caller:", result is not None)
        # A verdict about latency, with a generous margin: the signal came
        # 0.2 s into a call that takes `full` seconds uninterrupted.
        print("the call ran to its end:", took >= full / 2)
else:
    below, count, _ = lasting(0.5)
    results = []
    done = threading.Event()

    def work():
        results.append(count_primes(below))
        done.set()

    threading.Thread(target=work).start()
    print("started", flush=True)
    try:
        while not done.wait(0.01):
            pass
    except KeyboardInterrupt:
        print("KeyboardInterrupt in the main thread")
    done.wait()
    print("the other thread's count is complete:", results == [count])
"""
# ANCHOR_END: child


def interrupt_child(mode: str) -> tuple[list[str], float]:
    """Start a child counting primes, press Ctrl-C (send SIGINT) 0.2 s after it
    says it started, and return its output lines and how long it took to end
    after the signal."""
    command = [sys.executable, "-c", CHILD, mode]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        first = child.stdout.readline()
        if first != "started\n":
            _, err = child.communicate(timeout=60)
            pytest.fail(f"the child said {first!r}, not 'started':\n{err}")
        time.sleep(0.2)  # well inside the call
        sent = time.monotonic()
        child.send_signal(signal.SIGINT)
        try:
            out, err = child.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the child ({mode}) was still running 60 s after Ctrl-C", False)
        ended = time.monotonic() - sent
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert child.returncode == 0, err
    return out.splitlines(), ended


# A parent cannot press Ctrl-C for one child on Windows: signal.CTRL_C_EVENT
# reaches every process on the console (pytest too), and aimed at a process
# group it is not delivered at all (GenerateConsoleCtrlEvent's documentation).
# ANCHOR: posix_only
POSIX_ONLY = pytest.mark.skipif(
    sys.platform == "win32",
    reason="Windows cannot send Ctrl-C to one child process: CTRL_C_EVENT goes to the "
    "whole console or, aimed at a process group, nowhere",
)
# ANCHOR_END: posix_only


# ANCHOR: signal_tests
@POSIX_ONLY
def test_ctrl_c_stops_the_checked_count_within_a_slice() -> None:
    lines, after_signal = interrupt_child("checked")
    assert lines[0] == "KeyboardInterrupt from count_primes"
    # The note says how far it got: a small part of the way to 10**12.
    note = re.fullmatch(
        r"count_primes\(1000000000000\) was interrupted after examining the numbers "
        r"below (\d+), of which (\d+) are prime",
        lines[1],
    )
    assert note is not None, lines
    reached, found = map(int, note.groups())
    assert 0 < reached < MAX_BELOW
    assert found == primes_below(reached)
    # A bound about latency, and generous: the check comes every 20 ms or so,
    # and the whole count would take days.
    assert after_signal < 5, f"Ctrl-C took {after_signal:.1f} s to land"


@POSIX_ONLY
def test_without_checks_ctrl_c_lands_only_after_the_call_returned() -> None:
    lines, _ = interrupt_child("unchecked")
    assert lines == [
        # Raised by the interpreter when the call returned, so no note.
        "KeyboardInterrupt, notes: []",
        # Counted to the end, then thrown away: the exception came first.
        "the count reached the caller: False",
        "the call ran to its end: True",
    ]


@POSIX_ONLY
def test_ctrl_c_reaches_the_main_thread_while_another_threads_count_runs_on() -> None:
    lines, _ = interrupt_child("thread")
    # Python runs signal handlers on the main thread only: on any other thread
    # check_signals does nothing, and the count there runs to its end.
    assert lines == [
        "KeyboardInterrupt in the main thread",
        "the other thread's count is complete: True",
    ]


# ANCHOR_END: signal_tests
# ANCHOR_END: ctrl_c_tests


# ANCHOR: simulated_test
SIMULATED = """
import _thread, signal, threading
from ch13_recipes import count_primes

signal.signal(signal.SIGINT, signal.default_int_handler)
threading.Timer(0.2, _thread.interrupt_main).start()
try:
    count_primes(10**12)
except KeyboardInterrupt:
    print("KeyboardInterrupt from count_primes")
"""


def test_a_simulated_ctrl_c_stops_the_checked_count_on_every_system() -> None:
    # _thread.interrupt_main() sets the flag that the SIGINT handler sets,
    # with no operating system involved: this test runs on Windows too. It
    # comes from another Python thread, which runs because the work is detached.
    command = [sys.executable, "-c", SIMULATED]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert (result.stdout, result.returncode) == ("KeyboardInterrupt from count_primes\n", 0)


# ANCHOR_END: simulated_test
