"""Worker: calls a Python callback, reads its outcome, retries, and reports."""

from __future__ import annotations

import gc
import sys
import threading
import time
import weakref
from collections.abc import Iterator

import pytest
from ch08_callbacks import MAX_TRIES, Outcome, Report, Worker, failure, retry, success


def idle(task_id: str, payload: bytes, tries: int) -> Outcome:
    return success()


# ANCHOR: run_tests
def test_a_task_that_succeeds_reports_its_data() -> None:
    calls: list[tuple[str, bytes, int]] = []

    def handle(task_id: str, payload: bytes, tries: int) -> Outcome:
        calls.append((task_id, payload, tries))
        return success(payload.upper())

    report = Worker(handle).run("greet", b"hello")
    assert calls == [("greet", b"hello", 1)]  # tries counts from 1
    assert (report.status, report.data, report.tries, report.error) == (
        "success",
        b"HELLO",
        1,
        None,
    )


def test_a_retry_calls_again_until_success() -> None:
    def flaky(task_id: str, payload: bytes, tries: int) -> Outcome:
        return retry() if tries < 3 else success(b"done")

    report = Worker(flaky, max_tries=3).run("flaky", b"")
    assert (report.status, report.data, report.tries) == ("success", b"done", 3)


def test_retrying_every_time_runs_out_of_tries() -> None:
    tries_seen: list[int] = []

    def stubborn(task_id: str, payload: bytes, tries: int) -> Outcome:
        tries_seen.append(tries)
        return retry()

    report = Worker(stubborn, max_tries=4).run("stubborn", b"")
    assert tries_seen == [1, 2, 3, 4]  # max_tries calls in all, no more
    assert (report.status, report.tries, report.data) == ("failed", 4, b"")
    assert report.error == "ran out of tries (max_tries=4): every try asked to retry"


def test_a_failure_is_final_and_carries_its_message() -> None:
    tries_seen: list[int] = []

    def declined(task_id: str, payload: bytes, tries: int) -> Outcome:
        tries_seen.append(tries)
        return failure("card declined")

    report = Worker(declined).run("charge", b"")
    assert tries_seen == [1]
    assert (report.status, report.error, report.data) == ("failed", "card declined", b"")


# ANCHOR_END: run_tests


# ANCHOR: raising_tests
def test_an_exception_becomes_a_failed_report_and_the_worker_carries_on() -> None:
    def handle(task_id: str, payload: bytes, tries: int) -> Outcome:
        if task_id == "crash":
            raise ValueError("boom")
        return success(payload)

    worker = Worker(handle)
    report = worker.run("crash", b"")
    assert (report.status, report.tries, report.error) == ("failed", 1, "ValueError: boom")
    assert worker.run("next", b"fine").data == b"fine"


@pytest.mark.parametrize("stop", [KeyboardInterrupt, SystemExit])
def test_a_base_exception_that_is_not_an_exception_propagates(
    stop: type[BaseException],
) -> None:
    def handle(task_id: str, payload: bytes, tries: int) -> Outcome:
        raise stop("stop now")

    with pytest.raises(stop, match="stop now"):
        Worker(handle).run("any", b"")


# ANCHOR_END: raising_tests


class Unprintable(Exception):
    def __str__(self) -> str:
        raise RuntimeError("no str for you")


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (KeyError("missing"), "KeyError: 'missing'"),
        (ValueError(), "ValueError"),
        (ZeroDivisionError("division by zero"), "ZeroDivisionError: division by zero"),
        (Unprintable(), "Unprintable: <exception str() failed>"),
        # A lone surrogate cannot be UTF-8: PyO3 writes each of its three
        # bytes as U+FFFD, the replacement character.
        (ValueError("caf\u00e9 \ud800"), "ValueError: caf\u00e9 \ufffd\ufffd\ufffd"),
    ],
)
def test_the_error_names_the_exception_type_and_message(error: Exception, expected: str) -> None:
    def handle(task_id: str, payload: bytes, tries: int) -> Outcome:
        raise error

    assert Worker(handle).run("task", b"").error == expected


def test_a_callback_with_the_wrong_parameters_is_a_failed_report() -> None:
    def two_parameters(task_id: str, payload: bytes) -> Outcome:
        return success()

    report = Worker(two_parameters).run("task", b"")  # type: ignore[arg-type]
    assert report.status == "failed"
    assert report.error is not None
    assert report.error.startswith("TypeError: ")
    assert "3 were given" in report.error


# ANCHOR: malformed_tests
@pytest.mark.parametrize(
    ("returned", "error"),
    [
        (None, "expected a tuple (code, data, retry_after_ms), not NoneType"),
        ({"status": "ok"}, "expected a tuple (code, data, retry_after_ms), not dict"),
        ([0, b"", 0], "expected a tuple (code, data, retry_after_ms), not list"),
        ((0, b""), "expected a tuple of 3 items (code, data, retry_after_ms), not 2"),
        ((0, b"", 0, 0), "expected a tuple of 3 items (code, data, retry_after_ms), not 4"),
        (("0", b"", 0), "code must be an int, not str"),
        ((0.0, b"", 0), "code must be an int, not float"),
        ((True, b"", 0), "code must be an int, not bool"),
        ((0, "text", 0), "data must be bytes, not str"),
        ((0, bytearray(b"x"), 0), "data must be bytes, not bytearray"),
        ((2, b"", 1.5), "retry_after_ms must be an int, not float"),
        ((2, b"", None), "retry_after_ms must be an int, not NoneType"),
        ((2, b"", -5), "retry_after_ms must be 0 or more, not -5"),
    ],
)
def test_a_malformed_outcome_is_a_failed_report_that_says_why(returned: object, error: str) -> None:
    def handle(task_id: str, payload: bytes, tries: int) -> object:
        return returned

    report = Worker(handle).run("task", b"")  # type: ignore[arg-type]
    assert (report.status, report.tries, report.data) == ("failed", 1, b"")
    assert report.error == f"malformed outcome: {error}"


# ANCHOR_END: malformed_tests


def test_every_unknown_code_is_a_failure_with_the_data_as_message() -> None:
    for code in (1, 3, -1, 2**64, -(2**100)):
        report = Worker(lambda *args, code=code: (code, b"why", 0)).run("task", b"")
        assert (report.status, report.error) == ("failed", "why"), code
    report = Worker(lambda *args: (1, b"\xff", 0)).run("task", b"")
    assert report.error == "\ufffd"  # not UTF-8: replaced, not refused
    report = Worker(lambda *args: (1, b"", 0)).run("task", b"")
    assert report.error == "the task failed without a message"


def test_an_outcome_may_be_a_named_tuple_with_an_int_enum_code() -> None:
    import enum
    from typing import NamedTuple

    class Code(enum.IntEnum):
        SUCCESS = 0

    class Result(NamedTuple):
        code: int
        data: bytes
        retry_after_ms: int

    report = Worker(lambda *args: Result(Code.SUCCESS, b"ok", 0)).run("task", b"")
    assert (report.status, report.data) == ("success", b"ok")


# ANCHOR: no_copy_tests
def test_the_payload_reaches_the_callback_as_the_same_object() -> None:
    payload = b"x" * 1_000_000
    seen: list[bytes] = []

    def handle(task_id: str, data: bytes, tries: int) -> Outcome:
        seen.append(data)
        return success(data)

    report = Worker(handle).run("big", payload)
    assert seen[0] is payload  # passed through, not copied
    assert report.data is payload  # and back out again, not copied either


# ANCHOR_END: no_copy_tests


def test_a_bytes_subclass_passes_through_as_it_is() -> None:
    class Blob(bytes):
        pass

    report = Worker(lambda task_id, payload, tries: success(payload)).run("task", Blob(b"ab"))
    assert type(report.data) is Blob


# ANCHOR: progress_test
@pytest.fixture
def no_forced_switches() -> Iterator[None]:
    """Python makes a thread that holds the GIL hand it over every 5 ms. With
    an hour instead, another thread runs only when this one lets go of the
    GIL by itself: in `time.sleep`, in `Event.wait`, or in `py.detach`."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(3600)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


@pytest.mark.usefixtures("no_forced_switches")
def test_another_thread_runs_while_the_worker_waits_to_retry() -> None:
    ticks = 0
    stop = threading.Event()

    def other_thread() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1  # needs the GIL
            time.sleep(0.001)  # lets go of it

    seen: list[int] = []

    def task(task_id: str, payload: bytes, tries: int) -> Outcome:
        seen.append(ticks)
        # Inside `run` nothing lets go of the GIL but the wait before a retry,
        # so the other thread can only have ticked during those waits. Wait
        # again until it has (a loaded machine may be slow to schedule it).
        return success() if ticks > seen[0] else retry(after_ms=20)

    thread = threading.Thread(target=other_thread)
    thread.start()
    try:
        report = Worker(task, max_tries=MAX_TRIES).run("wait", b"")
    finally:
        stop.set()
        thread.join()
    assert report.status == "success", (
        f"the other thread did not tick once during {len(seen) - 1} retry waits: "
        "the worker kept the GIL while it slept"
    )
    assert seen[-1] > seen[0]


# ANCHOR_END: progress_test


# ANCHOR: run_many_tests
def test_run_many_reports_in_order() -> None:
    def handle(task_id: str, payload: bytes, tries: int) -> Outcome:
        if task_id == "bad":
            raise RuntimeError("nope")
        return success(task_id.encode() + payload)

    reports = Worker(handle).run_many([("a", b"1"), ("bad", b""), ("c", b"3")])
    assert [(r.status, r.data, r.error) for r in reports] == [
        ("success", b"a1", None),
        ("failed", b"", "RuntimeError: nope"),
        ("success", b"c3", None),
    ]
    assert Worker(handle).run_many([]) == []


@pytest.mark.parametrize(
    ("tasks", "message"),
    [
        ([("a", b""), ["b", b""]], "tasks[1] must be a (task_id, payload) tuple, not list"),
        ([("a", b"", 0)], "tasks[0] must be a tuple of 2 items (task_id, payload), not 3"),
        ([(1, b"")], "tasks[0] has a task_id that is int, not str"),
        ([("a", "text")], "tasks[0] has a payload that is str, not bytes"),
        ("ab", "run_many() takes a list of (task_id, payload) tuples, not str"),
        (42, "run_many() takes a list of (task_id, payload) tuples, not int"),
    ],
)
def test_run_many_checks_every_task_before_running_any(tasks: object, message: str) -> None:
    calls: list[str] = []

    def handle(task_id: str, payload: bytes, tries: int) -> Outcome:
        calls.append(task_id)
        return success()

    with pytest.raises(TypeError) as caught:
        Worker(handle).run_many(tasks)  # type: ignore[arg-type]
    assert str(caught.value) == message
    assert calls == []  # nothing ran


# ANCHOR_END: run_many_tests


def test_run_many_takes_any_sequence() -> None:
    worker = Worker(lambda task_id, payload, tries: success(payload))
    assert [r.data for r in worker.run_many((("a", b"1"), ("b", b"2")))] == [b"1", b"2"]


# ANCHOR: constructor_tests
def test_a_worker_needs_something_to_call() -> None:
    with pytest.raises(TypeError) as caught:
        Worker(42)  # type: ignore[arg-type]
    assert str(caught.value) == (
        "Worker() needs a function to call as callback(task_id, payload, tries), not int"
    )


@pytest.mark.parametrize("max_tries", [0, -1, MAX_TRIES + 1, 2**64])
def test_max_tries_must_be_from_1_to_the_maximum(max_tries: int) -> None:
    with pytest.raises(ValueError, match="max_tries must be from 1") as caught:
        Worker(idle, max_tries=max_tries)
    assert str(caught.value) == f"max_tries must be from 1 to {MAX_TRIES}, got {max_tries}"


@pytest.mark.parametrize(("max_tries", "kind"), [(True, "bool"), (3.0, "float"), ("3", "str")])
def test_max_tries_must_be_an_int(max_tries: object, kind: str) -> None:
    with pytest.raises(TypeError) as caught:
        Worker(idle, max_tries=max_tries)  # type: ignore[arg-type]
    assert str(caught.value) == f"max_tries must be an int, not {kind}"


def test_max_tries_is_keyword_only_and_defaults_to_3() -> None:
    assert Worker(idle).max_tries == 3
    assert Worker(idle, max_tries=MAX_TRIES).max_tries == MAX_TRIES
    with pytest.raises(TypeError):
        Worker(idle, 5)  # type: ignore[call-arg]


# ANCHOR_END: constructor_tests


def test_run_takes_a_str_and_bytes() -> None:
    worker = Worker(lambda *args: success())
    with pytest.raises(TypeError, match="'int' object is not an instance of 'str'"):
        worker.run(1, b"")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="'bytearray' object is not an instance of 'bytes'"):
        worker.run("task", bytearray(b"x"))  # type: ignore[arg-type]


# ANCHOR: report_tests
def test_reports_are_frozen_values() -> None:
    worker = Worker(lambda task_id, payload, tries: success(payload))
    report = worker.run("task", b"ok")
    assert repr(report) == "Report(status='success', data=b'ok', tries=1, error=None)"
    assert report == worker.run("other task", b"ok")
    assert report != worker.run("task", b"different")
    assert hash(report) == hash(worker.run("task", b"ok"))
    with pytest.raises(AttributeError):
        report.status = "failed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Report()


# ANCHOR_END: report_tests


def test_a_failed_report_repr_quotes_its_error() -> None:
    report = Worker(lambda *args: failure('it\'s "bad"')).run("task", b"")
    assert repr(report) == ("Report(status='failed', data=b'', tries=1, error='it\\'s \"bad\"')")
    assert report != Worker(lambda *args: failure("other")).run("task", b"")
    assert report != "not a report"


# ANCHOR: refcount_tests
def test_the_worker_holds_one_reference_to_its_callback_and_run_keeps_none() -> None:
    def callback(task_id: str, payload: bytes, tries: int) -> Outcome:
        return success()

    before = sys.getrefcount(callback)
    worker = Worker(callback)
    assert sys.getrefcount(callback) == before + 1
    worker.run("task", b"")
    assert sys.getrefcount(callback) == before + 1
    del worker
    assert sys.getrefcount(callback) == before


# ANCHOR_END: refcount_tests


# ANCHOR: cycle_test
def test_a_cycle_through_a_worker_is_collected() -> None:
    class Service:
        def __init__(self) -> None:
            self.worker = Worker(self.handle)  # the worker holds a bound method of self

        def handle(self, task_id: str, payload: bytes, tries: int) -> Outcome:
            return success()

    def make_cycle() -> weakref.ref[Service]:
        return weakref.ref(Service())

    alive = make_cycle()
    gc.collect()
    assert alive() is None


# ANCHOR_END: cycle_test


def test_a_callback_may_run_its_own_worker_again() -> None:
    workers: list[Worker] = []

    def handle(task_id: str, payload: bytes, tries: int) -> Outcome:
        if task_id == "outer":
            inner = workers[0].run("inner", payload)
            return success(b"outer+" + inner.data)
        return success(payload)

    workers.append(Worker(handle))
    assert workers[0].run("outer", b"x").data == b"outer+x"


def test_two_threads_may_run_one_worker_at_once() -> None:
    started = threading.Barrier(2)

    def handle(task_id: str, payload: bytes, tries: int) -> Outcome:
        if tries == 1:
            started.wait(timeout=60)  # both threads are inside `run` together
            return retry()
        return success(payload)

    worker = Worker(handle)
    results: dict[str, Report] = {}

    def run(name: str) -> None:
        results[name] = worker.run(name, name.encode())

    threads = [threading.Thread(target=run, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {name: (r.status, r.data) for name, r in results.items()} == {
        "a": ("success", b"a"),
        "b": ("success", b"b"),
    }


def test_repr_of_a_worker_shows_its_callback() -> None:
    worker = Worker(idle, max_tries=2)
    assert repr(worker) == f"Worker({idle!r}, max_tries=2)"
    assert repr(worker).startswith("Worker(<function idle at 0x")


# ANCHOR: ctrl_c_tests
WAITING_CHILD = """
import signal, sys, threading
from ch08_callbacks import Worker, retry

# A process started with SIGINT ignored (from nohup, say) passes that on, and
# Python then installs no handler: put back the one that raises KeyboardInterrupt.
signal.signal(signal.SIGINT, signal.default_int_handler)

def slow_retry(task_id, payload, tries):
    print("waiting", flush=True)
    return retry(int(sys.argv[2]))  # a long wait before the second try

worker = Worker(slow_retry, max_tries=2)
if sys.argv[1] == "main":
    try:
        worker.run("t", b"")
    except KeyboardInterrupt:
        print("KeyboardInterrupt in run", flush=True)
else:
    reports = []
    done = threading.Event()

    def work():
        reports.append(worker.run("t", b""))
        done.set()

    threading.Thread(target=work).start()
    try:
        done.wait()
    except KeyboardInterrupt:
        print("KeyboardInterrupt in the main thread", flush=True)
    done.wait()
    print(f"the other thread's run returned: {reports[0].status}", flush=True)
"""


def interrupt_child(where: str, wait_ms: int) -> tuple[str, float]:
    """Start a child whose worker waits `wait_ms` before a retry, press Ctrl-C
    (SIGINT) once the wait began, and return its output and how long it took
    to end after the signal."""
    import signal
    import subprocess

    command = [sys.executable, "-c", WAITING_CHILD, where, str(wait_ms)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline() == "waiting\n"
    time.sleep(0.2)  # well inside the wait
    sent = time.monotonic()
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    return out, time.monotonic() - sent


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is POSIX-only")
def test_ctrl_c_during_a_retry_wait_raises_within_a_slice_on_the_main_thread() -> None:
    out, after_signal = interrupt_child("main", wait_ms=10_000)
    assert out == "KeyboardInterrupt in run\n"
    # The wait is ten seconds; the check between 50 ms slices ends it at once.
    assert after_signal < 5, f"Ctrl-C took {after_signal:.1f} s to land"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is POSIX-only")
def test_ctrl_c_reaches_the_main_thread_while_another_threads_wait_runs_on() -> None:
    out, _ = interrupt_child("thread", wait_ms=1_000)
    # Python runs signal handlers on the main thread only: the worker's thread
    # finishes its wait, tries once more, and returns a report as usual.
    assert out.splitlines() == [
        "KeyboardInterrupt in the main thread",
        "waiting",
        "the other thread's run returned: failed",
    ]


# ANCHOR_END: ctrl_c_tests
