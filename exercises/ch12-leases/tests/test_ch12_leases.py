"""Checks for workshop exercise ch12-leases.

Each check says what to fix when it fails. Run them with
`uv run workshop check ch12-leases`.

The clock is explicit: each call says what time it is (`now`, in seconds), so
a check plays out minutes of a slow task, and a second worker trying to take
its job, in no time at all.
"""

from __future__ import annotations

import importlib
import math
from typing import Any

import pytest

JOB = "report-7"
LEASE = 30.0


@pytest.fixture
def leases_class() -> Any:
    return importlib.import_module("ch12_leases_exercise").Leases


def claimed_by_a(leases_class: Any) -> Any:
    """Leases with a 30 s lease, and worker "a" holding JOB since t=0."""
    leases = leases_class(LEASE)
    leases.add(JOB)
    assert leases.claim("a", 0.0) == JOB
    return leases


def test_1_a_slow_task_that_renews_keeps_its_job(leases_class: Any) -> None:
    # Worker a runs a task that takes 100 s, and renews its lease every 10 s.
    # Worker b, idle, asks for work every 5 s.
    leases = claimed_by_a(leases_class)
    for step in range(1, 21):
        now = 5.0 * step
        if step % 2 == 0:
            lost = leases.renew("a", now)
            assert lost == [], (
                f"at t={now:g} a renewed and was told it lost {lost!r}, but a has held "
                f"{JOB!r} all along: return only the jobs another worker took over (TODO 1)"
            )
        taken = leases.claim("b", now)
        assert taken is None, (
            f"at t={now:g} b's claim() took {taken!r} over, though a renews its {LEASE:g} s "
            "lease every 10 s: renew must move the deadline of every job the worker holds "
            "to now + lease (TODO 1). The task would now run twice."
        )
    assert leases.holder(JOB) == "a", f"after renewing to t=100, {JOB!r} should still be a's"
    assert leases.finish("a", JOB) is True, "a held the job to the end: its finish() is True"
    assert leases.holder(JOB) is None, "a finished job has no holder"


def test_2_without_renewals_another_worker_takes_over(leases_class: Any) -> None:
    # Worker a stalls (a long pause, a lost network) and renews nothing.
    leases = claimed_by_a(leases_class)
    for now in (5.0, 10.0, 15.0, 20.0, 25.0):
        assert leases.claim("b", now) is None, f"a's lease runs to t=30; at t={now:g} it holds"
    assert leases.claim("b", 30.0) == JOB, "a's lease lapsed at t=30: b takes the job over"
    assert leases.holder(JOB) == "b"

    lost = leases.renew("a", 35.0)
    assert lost == [JOB], (
        f"a renewed at t=35, after b took {JOB!r} over at t=30, and renew returned {lost!r}; "
        f"expected [{JOB!r}], so that a drops the job instead of running it twice (TODO 1)"
    )
    assert leases.holder(JOB) == "b", (
        "renewing must not give a the job back: only a job the worker still holds is "
        "renewed (TODO 1)"
    )
    again = leases.renew("a", 40.0)
    assert again == [], (
        f"a renewed again at t=40 and was told again it lost {again!r}; report a lost job "
        "once: take it out of the worker's claimed set (TODO 1)"
    )
    assert leases.claim("b", 45.0) is None, "b's own lease runs to t=60"


def test_3_renewing_with_nothing_held_returns_an_empty_list(leases_class: Any) -> None:
    leases = leases_class(LEASE)
    got = leases.renew("nobody", 0.0)
    assert got == [], (
        f"renew() by a worker that never claimed anything returned {got!r}; expected []: "
        "`self.claimed.get_mut(worker)` is None for it (TODO 1)"
    )
    leases = claimed_by_a(leases_class)
    assert leases.finish("a", JOB) is True
    got = leases.renew("a", 10.0)
    assert got == [], (
        f"renew() by a worker whose only job is finished returned {got!r}; expected []: a "
        "job the worker finished itself is not lost"
    )


def test_4_a_lapsed_lease_that_nobody_took_over_is_still_renewable(leases_class: Any) -> None:
    leases = claimed_by_a(leases_class)
    lost = leases.renew("a", 50.0)
    assert lost == [], (
        f"a renewed at t=50, after its lease lapsed at t=30 but before anyone took {JOB!r} "
        f"over, and renew returned {lost!r}; a still holds the job, so renew it (TODO 1)"
    )
    assert leases.holder(JOB) == "a"
    assert leases.claim("b", 60.0) is None, (
        "a renewed at t=50, so its lease runs to t=80, yet b took the job over at t=60: "
        "renew must set the deadline to now + lease, whether or not it had lapsed (TODO 1)"
    )
    assert leases.claim("b", 80.0) == JOB, "with no renewal after t=50, the lease lapses at t=80"


def test_5_renew_returns_every_lost_job_sorted_and_keeps_the_rest(leases_class: Any) -> None:
    leases = leases_class(LEASE)
    for job_id in ("j3", "j1", "j2"):
        leases.add(job_id)
    assert [leases.claim("a", 0.0) for _ in range(3)] == ["j3", "j1", "j2"]
    leases.add("j4")
    assert leases.claim("a", 25.0) == "j4"  # its lease runs to t=55
    taken = [leases.claim("b", 30.0) for _ in range(4)]
    assert taken == ["j1", "j2", "j3", None], "at t=30 b takes over the three lapsed jobs"

    lost = leases.renew("a", 31.0)
    assert lost == ["j1", "j2", "j3"], (
        f"a lost j1, j2 and j3 to b, and renew returned {lost!r}; expected all three, "
        "sorted (a BTreeSet walks its ids in order) (TODO 1)"
    )
    assert leases.claim("b", 56.0) is None, (
        "a still holds j4 and renewed it at t=31, so its lease runs to t=61, yet b took it "
        "over at t=56: renew the jobs the worker holds while you look for lost ones (TODO 1)"
    )
    assert leases.holder("j4") == "a"


def test_6_only_the_worker_that_holds_a_job_may_finish_it(leases_class: Any) -> None:
    leases = claimed_by_a(leases_class)
    assert leases.claim("b", 30.0) == JOB  # a's lease lapsed: b takes the job over
    got = leases.finish("a", JOB)
    assert got is False, (
        f"a finished {JOB!r} after b took it over at t=30, and finish returned {got!r}; "
        "expected False: b is running the job now, and a's result must not count. "
        "Return Ok(false) when the job is not Job::Held by this worker (TODO 2)"
    )
    assert leases.holder(JOB) == "b", (
        f"a's refused finish() changed the job: its holder is {leases.holder(JOB)!r}, "
        "expected 'b'. Check first, and change nothing when you return Ok(false) (TODO 2)"
    )
    assert leases.finish("b", JOB) is True, "b holds the job: its finish() is True"
    got = leases.finish("b", JOB)
    assert got is False, f"finishing a finished job again returned {got!r}; expected False"


def test_7_a_lapsed_lease_that_nobody_took_over_can_still_finish(leases_class: Any) -> None:
    leases = claimed_by_a(leases_class)
    # t=100: a's lease lapsed long ago, but no other worker asked for work.
    assert leases.finish("a", JOB) is True, "nobody took the job over: a still holds it"
    assert leases.claim("b", 100.0) is None, "a finished job is never taken over"


def test_8_claim_takes_queued_jobs_oldest_first_then_lapsed_ones(leases_class: Any) -> None:
    leases = leases_class(LEASE)
    for job_id in ("x", "a", "m"):
        leases.add(job_id)
    assert [leases.claim("w", 0.0) for _ in range(4)] == ["x", "a", "m", None]
    leases.add("late")
    assert leases.claim("v", 100.0) == "late", "a queued job comes before a takeover"
    assert leases.claim("v", 100.0) == "a", "then the lease that lapsed first, smallest id"
    assert leases.claim("w", 100.0) is None, "a worker never takes over its own job"


def test_9_mistakes_are_clear_exceptions(leases_class: Any) -> None:
    for lease in (0.0, -1.0, math.nan, math.inf):
        with pytest.raises(ValueError, match="lease"):
            leases_class(lease)
    leases = claimed_by_a(leases_class)
    with pytest.raises(ValueError, match=JOB):
        leases.add(JOB)  # held
    leases.add("queued")
    with pytest.raises(ValueError, match="queued"):
        leases.add("queued")
    assert leases.finish("a", JOB) is True
    with pytest.raises(ValueError, match=JOB):
        leases.add(JOB)  # finished: a job id runs once
    with pytest.raises(KeyError, match="never-added"):
        leases.finish("a", "never-added")
    with pytest.raises(KeyError, match="never-added"):
        leases.holder("never-added")
    with pytest.raises(ValueError, match="now"):
        leases.claim("a", math.nan)
    with pytest.raises(ValueError, match="now"):
        leases.renew("a", math.inf)
