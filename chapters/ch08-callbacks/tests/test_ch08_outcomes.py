"""success(), retry() and failure(): the tuples of the outcome protocol."""

from __future__ import annotations

import pytest
from ch08_callbacks import Outcome, Worker, failure, retry, success
from hypothesis import given, settings
from hypothesis import strategies as st


def run_once(outcome: Outcome) -> tuple[str, bytes, str | None]:
    """The report of a worker whose callback returns `outcome` once."""
    report = Worker(lambda task_id, payload, tries: outcome, max_tries=1).run("task", b"")
    return report.status, report.data, report.error


# ANCHOR: helper_tests
def test_the_helpers_build_the_flat_tuples() -> None:
    assert success() == (0, b"", 0)
    assert success(b"receipt") == (0, b"receipt", 0)
    assert retry() == (2, b"", 0)
    assert retry(after_ms=250) == (2, b"", 250)
    assert failure("card declined") == (1, b"card declined", 0)


def test_the_helpers_check_what_they_are_given() -> None:
    with pytest.raises(TypeError, match=r"success\(\) takes bytes, not str; encode text first"):
        success("text")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"retry\(\) needs after_ms of 0 or more, got -1"):
        retry(after_ms=-1)
    with pytest.raises(TypeError, match=r"retry\(\) takes after_ms as an int, not float"):
        retry(after_ms=0.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"failure\(\) takes the message as a str, not bytes"):
        failure(b"declined")  # type: ignore[arg-type]


# ANCHOR_END: helper_tests


def test_a_bool_is_not_a_delay() -> None:
    with pytest.raises(TypeError, match="not bool"):
        retry(after_ms=True)


def test_a_message_utf8_cannot_hold_is_escaped_not_refused() -> None:
    assert failure("bad \udc80 text") == (1, b"bad \\udc80 text", 0)
    assert run_once(failure("bad \udc80 text")) == ("failed", b"", "bad \\udc80 text")


def test_a_bytes_subclass_is_bytes() -> None:
    class Blob(bytes):
        pass

    assert success(Blob(b"x")) == (0, b"x", 0)


@settings(deadline=None)
@given(st.binary())
def test_success_data_comes_back_as_the_report_data(data: bytes) -> None:
    assert run_once(success(data)) == ("success", data, None)


@settings(deadline=None)
@given(st.text(st.characters(exclude_categories=["Cs"]), min_size=1))
def test_a_failure_message_comes_back_as_the_report_error(message: str) -> None:
    assert run_once(failure(message)) == ("failed", b"", message)


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=2**70))
def test_a_retry_on_the_last_try_runs_out_of_tries(after_ms: int) -> None:
    # max_tries=1: no wait follows the last try, whatever the delay asked for.
    error = "ran out of tries (max_tries=1): every try asked to retry"
    assert run_once(retry(after_ms)) == ("failed", b"", error)
