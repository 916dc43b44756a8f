"""The public face: ordinary exceptions for bad input, a Report whatever the callback does."""

from __future__ import annotations

import ch08_callbacks as chapter
import pytest
from ch08_callbacks import Outcome, Report, Worker, failure, retry, success
from cookbook.testing import (
    Refused,
    classes_that_name_a_private_module,
    raises_only_ordinary_exceptions,
    wrong_kinds,
)
from hypothesis import given, settings
from hypothesis import strategies as st


def echo(task_id: str, payload: bytes, tries: int) -> Outcome:
    return success(payload)


# ANCHOR: wrong_kinds
@settings(deadline=None)
@given(wrong_kinds())
def test_every_function_meets_wrong_input_with_an_ordinary_exception(value: object) -> None:
    worker = Worker(echo, max_tries=1)
    report = worker.run("task", b"")
    calls = [
        lambda: Worker(value),  # type: ignore[arg-type]
        lambda: Worker(value).run("task", b""),  # type: ignore[arg-type]
        lambda: Worker(echo, max_tries=value),  # type: ignore[arg-type]
        lambda: worker.run(value, b""),  # type: ignore[arg-type]
        lambda: worker.run("task", value),  # type: ignore[arg-type]
        lambda: worker.run_many(value),  # type: ignore[arg-type]
        lambda: worker.run_many([value]),  # type: ignore[list-item]
        lambda: worker.run_many([("task", value)]),  # type: ignore[list-item]
        lambda: worker.run_many([(value, b"")]),  # type: ignore[list-item]
        lambda: success(value),  # type: ignore[arg-type]
        lambda: retry(value),  # type: ignore[arg-type]
        lambda: failure(value),  # type: ignore[arg-type]
        lambda: Report(value),  # type: ignore[call-arg]
        lambda: report == value,
    ]
    for call in calls:
        raises_only_ordinary_exceptions(call)


# ANCHOR_END: wrong_kinds


# ANCHOR: arbitrary_outcomes
def is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def expected_report(returned: object) -> tuple[str, bytes, str | None]:
    """The protocol written again in plain Python: the report of one try
    (max_tries=1) whose callback returned `returned`."""

    def malformed(problem: str) -> tuple[str, bytes, str]:
        return ("failed", b"", f"malformed outcome: {problem}")

    if not isinstance(returned, tuple):
        kind = type(returned).__name__
        return malformed(f"expected a tuple (code, data, retry_after_ms), not {kind}")
    if len(returned) != 3:
        size = len(returned)
        return malformed(f"expected a tuple of 3 items (code, data, retry_after_ms), not {size}")
    code, data, delay = returned
    if not is_int(code):
        return malformed(f"code must be an int, not {type(code).__name__}")
    if not isinstance(data, bytes):
        return malformed(f"data must be bytes, not {type(data).__name__}")
    if not is_int(delay):
        return malformed(f"retry_after_ms must be an int, not {type(delay).__name__}")
    if delay < 0:
        return malformed(f"retry_after_ms must be 0 or more, not {delay!r}")
    if code == 0:
        return ("success", data, None)
    if code == 2:
        return ("failed", b"", "ran out of tries (max_tries=1): every try asked to retry")
    return ("failed", b"", data.decode("utf-8", "replace") or "the task failed without a message")


outcomes = st.one_of(
    wrong_kinds(),
    st.tuples(wrong_kinds(), wrong_kinds(), wrong_kinds()),
    st.tuples(
        st.one_of(st.sampled_from([0, 1, 2, 3, -1, True]), st.integers(), wrong_kinds()),
        st.one_of(st.binary(), st.just(b"\xff\xfe"), wrong_kinds()),
        st.one_of(st.integers(), st.sampled_from([0, -1, 2**64, False]), wrong_kinds()),
    ),
)


@settings(deadline=None)
@given(outcomes)
def test_run_always_returns_the_report_the_protocol_says(returned: object) -> None:
    worker = Worker(lambda task_id, payload, tries: returned, max_tries=1)  # type: ignore[arg-type, return-value]
    report = worker.run("task", b"")
    assert isinstance(report, Report)
    assert (report.status, report.data, report.error) == expected_report(returned)
    assert report.tries == 1


# ANCHOR_END: arbitrary_outcomes


@settings(deadline=None)
@given(wrong_kinds())
def test_run_returns_a_failed_report_whatever_exception_the_callback_raises(
    value: object,
) -> None:
    def raises_value_error(task_id: str, payload: bytes, tries: int) -> tuple[int, bytes, int]:
        raise ValueError(value)

    def raises_refused(task_id: str, payload: bytes, tries: int) -> tuple[int, bytes, int]:
        raise Refused(value)

    for callback, name in ((raises_value_error, "ValueError"), (raises_refused, "Refused")):
        report = Worker(callback).run("task", b"")
        assert (report.status, report.tries, report.data) == ("failed", 1, b"")
        assert report.error is not None
        assert report.error.startswith(name)


def test_the_public_names() -> None:
    assert chapter.__all__ == [
        "MAX_RETRY_DELAY_MS",
        "MAX_TRIES",
        "Outcome",
        "Report",
        "Worker",
        "failure",
        "retry",
        "success",
    ]
    assert (chapter.MAX_TRIES, chapter.MAX_RETRY_DELAY_MS) == (100, 10_000)
    assert Worker.__module__ == Report.__module__ == "ch08_callbacks"
    assert classes_that_name_a_private_module(chapter) == []


@pytest.mark.parametrize("name", ["Worker", "Report"])
def test_the_classes_are_final(name: str) -> None:
    with pytest.raises(TypeError):
        type("Sub", (getattr(chapter, name),), {})
