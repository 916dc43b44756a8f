"""Benchmarks wait for a quiet machine, refuse a busy one, or say it was busy."""

from __future__ import annotations

import pytest
from cookbook import quiet


def test_a_quiet_machine_is_measured_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quiet, "load", lambda: 0.1)
    assert quiet.settle(patience=0) is None


def test_a_machine_that_stays_busy_is_refused_with_what_to_do(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(quiet, "load", lambda: 99.0)
    busy = quiet.settle(patience=0.05, poll=0.01)
    assert busy is not None
    assert busy.startswith("the machine is busy: load average 99.00 on ")
    assert "--allow-busy" in busy


def test_a_load_that_settles_is_waited_for(monkeypatch: pytest.MonkeyPatch) -> None:
    loads = iter([99.0, 99.0, 0.1])
    monkeypatch.setattr(quiet, "load", lambda: next(loads))
    assert quiet.settle(patience=10, poll=0.01) is None


def test_a_busy_run_says_so_first_in_its_machine_block() -> None:
    text = "sources: abc\n\nANCHOR: machine\ncpu: x\nANCHOR_END: machine\n"
    marked = quiet.mark_busy(text, "the machine is busy: load average 3.44 on 2 cores")
    assert (
        marked.splitlines()[3] == "BUSY MACHINE: the machine is busy: load average 3.44 on 2 cores"
    )
    assert marked.count("BUSY MACHINE") == 1
