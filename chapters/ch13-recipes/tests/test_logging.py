"""Recipe: logging from Rust into Python's logging, through the `log` crate and pyo3-log."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from ch13_recipes import (
    Ticker,
    checksum,
    import_batches_in_threads,
    import_rows,
    report_with_tracing,
    reset_logging_cache,
)
from cookbook.testing import raises_only_ordinary_exceptions, wrong_kinds
from hypothesis import given, settings

CHAPTER = Path(__file__).resolve().parents[1]
TRACE = 5  # pyo3-log's level for Rust's trace!: Python has no TRACE level


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    """pyo3-log caches each Rust module's level the first time it logs, and the
    cache lives as long as the process: start and end every test without it."""
    reset_logging_cache()
    yield
    reset_logging_cache()


def seen(caplog: pytest.LogCaptureFixture) -> list[tuple[str, int, str]]:
    return [(record.name, record.levelno, record.getMessage()) for record in caplog.records]


MODULE = "ch13_recipes.logging"
ROWS = "ch13_recipes.logging.rows"


# ANCHOR: levels_test
def test_each_rust_module_logs_to_its_own_python_logger(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(1, logger="ch13_recipes")  # everything, trace included
    assert import_rows(["tea,2", "cake,x", "scone"]) == 1
    assert seen(caplog) == [
        (MODULE, logging.INFO, "rows received: 3"),
        (ROWS, TRACE, 'row 1: "tea,2"'),
        (ROWS, logging.DEBUG, "row 1: 2 x tea"),
        (ROWS, TRACE, 'row 2: "cake,x"'),
        (ROWS, logging.WARNING, 'row 2 skipped: quantity "x" is not a whole number'),
        (ROWS, TRACE, 'row 3: "scone"'),
        (ROWS, logging.WARNING, "row 3 skipped: no comma"),
        (MODULE, logging.INFO, "rows imported: 1 of 3"),
    ]
    assert caplog.records[1].levelname == "Level 5"


def test_python_levels_decide_what_is_kept(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="ch13_recipes")
    assert import_rows(["tea,2", ", 3", "scone"]) == 1
    assert seen(caplog) == [
        (ROWS, logging.WARNING, "row 2 skipped: empty sku"),
        (ROWS, logging.WARNING, "row 3 skipped: no comma"),
    ]


def test_one_rust_module_can_be_quieter_than_its_parent(caplog: pytest.LogCaptureFixture) -> None:
    # caplog.set_level sets its handler's level too: the last call decides it.
    caplog.set_level(logging.ERROR, logger=ROWS)
    caplog.set_level(logging.DEBUG, logger="ch13_recipes")
    import_rows(["tea,2", "scone"])
    assert seen(caplog) == [
        (MODULE, logging.INFO, "rows received: 2"),
        (MODULE, logging.INFO, "rows imported: 1 of 2"),
    ]


def test_error_level(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.ERROR, logger="ch13_recipes")
    assert import_rows(["scone", "cake,x"]) == 0
    assert seen(caplog) == [(MODULE, logging.ERROR, "no row could be imported, of 2")]


# ANCHOR_END: levels_test


def test_a_record_knows_where_in_the_rust_source_it_was_made(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="ch13_recipes")
    import_rows([])
    record = caplog.records[0]
    assert Path(record.pathname).as_posix().endswith("src/logging.rs")
    assert record.lineno > 0
    assert record.funcName is None  # pyo3-log passes no function name


# ANCHOR: cache_test
def test_a_lower_level_is_seen_only_after_reset(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="ch13_recipes")
    import_rows(["tea,2"])  # the first records cache WARNING for each Rust module
    caplog.set_level(logging.DEBUG, logger="ch13_recipes")
    import_rows(["tea,2"])
    assert seen(caplog) == []  # the cached WARNING still filters in Rust

    reset_logging_cache()
    import_rows(["tea,2"])
    assert seen(caplog) == [
        (MODULE, logging.INFO, "rows received: 1"),
        (ROWS, logging.DEBUG, "row 1: 2 x tea"),
        (MODULE, logging.INFO, "rows imported: 1 of 1"),
    ]


def test_a_higher_level_is_seen_at_once(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="ch13_recipes")
    import_rows(["tea,2"])
    assert len(caplog.records) == 3
    caplog.clear()
    # No reset: a record the cache lets through is still checked by Python.
    caplog.set_level(logging.WARNING, logger="ch13_recipes")
    import_rows(["tea,2", "scone"])
    assert seen(caplog) == [(ROWS, logging.WARNING, "row 2 skipped: no comma")]


# ANCHOR_END: cache_test


# ANCHOR: cost_test
class Calls:
    """Counts the calls pyo3-log makes into Python's Logger objects."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.enabled_checks = 0
        self.handled = 0
        is_enabled_for = logging.Logger.isEnabledFor
        handle = logging.Logger.handle

        def counting_is_enabled_for(logger: logging.Logger, level: int) -> bool:
            self.enabled_checks += 1
            return is_enabled_for(logger, level)

        def counting_handle(logger: logging.Logger, record: logging.LogRecord) -> None:
            self.handled += 1
            handle(logger, record)

        monkeypatch.setattr(logging.Logger, "isEnabledFor", counting_is_enabled_for)
        monkeypatch.setattr(logging.Logger, "handle", counting_handle)

    def during(self, action: Callable[[], object]) -> tuple[int, int]:
        self.enabled_checks = self.handled = 0
        action()
        return self.enabled_checks, self.handled


def test_a_disabled_line_does_not_call_python_once_its_level_is_cached(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.INFO, logger="ch13_recipes")
    calls = Calls(monkeypatch)
    reset_logging_cache()
    few = calls.during(lambda: checksum(bytes(10)))
    reset_logging_cache()
    many = calls.during(lambda: checksum(bytes(100_000)))
    # The first debug! asks Python about its logger and caches the answer;
    # the other 99,999 are decided in Rust.
    assert few == many
    checks, handled = many
    assert 1 <= checks <= 6
    assert handled == 0

    # Enabled, each line is one call to isEnabledFor and one to handle.
    caplog.set_level(logging.DEBUG, logger="ch13_recipes")
    reset_logging_cache()
    checks, handled = calls.during(lambda: checksum(bytes(1_000)))
    assert handled == 1_000
    assert 1_000 <= checks <= 1_006


# ANCHOR_END: cost_test


# ANCHOR: thread_test
def test_records_from_rust_threads_reach_python(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="ch13_recipes")
    assert import_batches_in_threads([["tea,1", "cake,2"], ["scone,x"], []]) == 2
    rows = [record for record in caplog.records if record.name == ROWS]
    by_thread: dict[int | None, list[str]] = {}
    for record in rows:
        by_thread.setdefault(record.thread, []).append(record.getMessage())
    # Each batch logged from its own thread, in order; none from this one.
    assert sorted(by_thread.values(), key=len) == [
        ['row 1 skipped: quantity "x" is not a whole number'],
        ["row 1: 1 x tea", "row 2: 2 x cake"],
    ]
    assert threading.get_ident() not in by_thread
    assert seen(caplog)[-1] == (MODULE, logging.INFO, "rows imported: 2, from 3 batches")


def test_at_most_sixteen_batches() -> None:
    with pytest.raises(ValueError, match="at most 16 batches"):
        import_batches_in_threads([[]] * 17)


# ANCHOR_END: thread_test


def wait_for(condition: Callable[[], bool]) -> None:
    """Poll until condition() holds. The deadline only stops a broken test from
    hanging: nothing here measures time."""
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.001)


def ticks(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == MODULE]


# ANCHOR: ticker_test
def test_a_stopped_ticker_has_delivered_every_tick(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="ch13_recipes")
    with Ticker(1) as ticker:
        wait_for(lambda: len(ticks(caplog)) >= 3)
        logged = ticker.stop()
    assert logged >= 3
    assert ticks(caplog) == [f"tick {n}" for n in range(1, logged + 1)]
    assert all(record.thread != threading.get_ident() for record in caplog.records)
    assert ticker.stop() == 0  # already stopped


def test_leaving_the_with_block_stops_the_ticker(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="ch13_recipes")
    ticker = Ticker(1)

    def leave_early() -> None:
        with ticker:
            wait_for(lambda: len(ticks(caplog)) >= 1)
            raise LookupError("left early")

    # __exit__ stops the ticker, and lets the exception go on.
    with pytest.raises(LookupError, match="left early"):
        leave_early()
    delivered = len(ticks(caplog))
    assert ticker.stop() == 0
    assert ticks(caplog) == [f"tick {n}" for n in range(1, delivered + 1)]


def test_a_ticker_stopped_at_exit_delivers_everything() -> None:
    result = subprocess.run(
        [sys.executable, "examples/logging_ticker_at_exit.py"],
        cwd=CHAPTER,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines()[-1] == "at exit: stopped; every tick reached Python: True"


def test_ticker_refuses_bad_periods() -> None:
    for bad in (0, 60_001):
        with pytest.raises(ValueError, match="every_ms must be from 1 to 60000"):
            Ticker(bad)
    with pytest.raises(OverflowError):
        Ticker(-1)


# ANCHOR_END: ticker_test


# ANCHOR: tracing_test
def test_tracing_events_arrive_through_log(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(1)  # the root logger: tracing's span records have their own target
    report_with_tracing(3, 1)
    assert seen(caplog) == [
        (MODULE, logging.INFO, "report; imported=3"),
        ("tracing.span.active", TRACE, "-> report;"),
        (MODULE, logging.INFO, "import finished imported=3 skipped=1"),
        ("tracing.span.active", TRACE, "<- report;"),
        ("tracing.span", TRACE, "-- report;"),
    ]


# ANCHOR_END: tracing_test


# ANCHOR: raising_filter_test
class Refusing(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        raise LookupError("this filter refuses every record")


def test_an_exception_from_a_logging_filter_surfaces_as_system_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="ch13_recipes")
    refusing = Refusing()
    logger = logging.getLogger(MODULE)
    logger.addFilter(refusing)
    try:
        # pyo3-log cannot return the error from a log line: it leaves it set,
        # and Python finds it when import_rows returns.
        with pytest.raises(SystemError, match="returned a result with an exception set") as caught:
            import_rows(["tea,2"])
    finally:
        logger.removeFilter(refusing)
    assert isinstance(caught.value.__cause__, LookupError)


# ANCHOR_END: raising_filter_test


def test_the_logger_survives_a_second_import_of_the_module() -> None:
    # The module's init runs again for a fresh module object; pyo3_log::init()
    # would panic there ("SetLoggerError"), install() keeps the first logger.
    code = (
        "import importlib, logging, sys\n"
        "logging.basicConfig(level=logging.INFO, format='%(name)s: %(message)s',"
        " stream=sys.stdout)\n"
        "first = importlib.import_module('ch13_recipes._native')\n"
        "del sys.modules['ch13_recipes._native']\n"
        "second = importlib.import_module('ch13_recipes._native')\n"
        "print(first is second)\n"
        "second.import_rows([])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "False",
        f"{MODULE}: rows received: 0",
        f"{MODULE}: rows imported: 0 of 0",
    ]


# ANCHOR: wrong_kinds
@settings(deadline=None)
@given(wrong_kinds())
def test_bad_arguments_raise_ordinary_exceptions(value: object) -> None:
    raises_only_ordinary_exceptions(import_rows, value)
    raises_only_ordinary_exceptions(checksum, value)
    raises_only_ordinary_exceptions(import_batches_in_threads, value)
    raises_only_ordinary_exceptions(report_with_tracing, value, 1)
    raises_only_ordinary_exceptions(report_with_tracing, 1, value)
    # A valid period starts a thread; only invalid ones here.
    if not (isinstance(value, int) and 1 <= value <= 60_000):
        raises_only_ordinary_exceptions(Ticker, value)
    with pytest.raises(TypeError):
        reset_logging_cache(value)  # type: ignore[call-arg]


# ANCHOR_END: wrong_kinds
