"""EventBus: callbacks stored in Rust, their reference counts, and the garbage collector."""

from __future__ import annotations

import gc
import sys
import weakref
from collections.abc import Callable

import pytest
from ch05_ownership import EventBus


# ANCHOR: emit_tests
def test_emit_calls_every_subscriber_in_order_with_the_arguments() -> None:
    calls: list[tuple[str, tuple[object, ...]]] = []
    bus = EventBus()
    bus.subscribe(lambda *args: calls.append(("first", args)))
    bus.subscribe(lambda *args: calls.append(("second", args)))
    assert bus.emit("saved", 42) == 2
    assert calls == [("first", ("saved", 42)), ("second", ("saved", 42))]
    assert len(bus) == 2


def test_unsubscribe_takes_the_token_that_subscribe_returned() -> None:
    bus = EventBus()
    first = bus.subscribe(print)
    second = bus.subscribe(print)
    assert first != second
    assert bus.unsubscribe(first) is True
    assert bus.unsubscribe(first) is False  # already gone
    assert bus.unsubscribe(12345) is False  # never handed out
    assert len(bus) == 1


def test_something_that_cannot_be_called_is_refused_at_once() -> None:
    with pytest.raises(TypeError, match=r"subscribe\(\) needs something to call.*got int"):
        EventBus().subscribe(42)  # type: ignore[arg-type]


# ANCHOR_END: emit_tests


# ANCHOR: raising_callback
def test_the_first_exception_propagates_and_the_bus_keeps_its_subscribers() -> None:
    seen: list[str] = []
    problem = ValueError("disk full")

    def fails(*args: object) -> None:
        raise problem

    bus = EventBus()
    bus.subscribe(lambda *args: seen.append("before"))
    bus.subscribe(fails)
    bus.subscribe(lambda *args: seen.append("after"))
    with pytest.raises(ValueError, match="disk full") as caught:
        bus.emit()
    assert caught.value is problem  # the very exception, not a copy or a wrapper
    assert seen == ["before"]  # the loop stopped at the failure
    assert len(bus) == 3


# ANCHOR_END: raising_callback


def test_a_callback_may_change_the_subscriptions_while_emit_runs() -> None:
    bus = EventBus()
    calls: list[str] = []
    tokens: dict[str, int] = {}

    def leaves(*args: object) -> None:
        calls.append("leaves")
        bus.unsubscribe(tokens["leaves"])
        bus.subscribe(lambda *args: calls.append("joined"))

    tokens["leaves"] = bus.subscribe(leaves)
    bus.subscribe(lambda *args: calls.append("stays"))
    # emit calls the subscribers as they were when it started...
    assert bus.emit() == 2
    assert calls == ["leaves", "stays"]
    # ...and the next emit sees the changes.
    calls.clear()
    assert bus.emit() == 2
    assert calls == ["stays", "joined"]


def test_tokens_of_every_size_are_just_unknown() -> None:
    bus = EventBus()
    bus.subscribe(print)
    for token in (0, -1, 2**64, -(2**100)):
        assert bus.unsubscribe(token) is False
    assert len(bus) == 1


# ANCHOR: refcounts
def test_subscribe_holds_exactly_one_reference_to_the_callback() -> None:
    def callback(*args: object) -> None:
        pass

    before = sys.getrefcount(callback)
    bus = EventBus()
    token = bus.subscribe(callback)
    assert sys.getrefcount(callback) == before + 1
    bus.emit("event")  # a call borrows the callback; it keeps nothing
    assert sys.getrefcount(callback) == before + 1
    bus.unsubscribe(token)
    assert sys.getrefcount(callback) == before


def test_deleting_the_bus_gives_its_references_back() -> None:
    def callback(*args: object) -> None:
        pass

    before = sys.getrefcount(callback)
    bus = EventBus()
    bus.subscribe(callback)
    bus.subscribe(callback)  # subscribed twice: two references
    assert sys.getrefcount(callback) == before + 2
    del bus
    assert sys.getrefcount(callback) == before


# ANCHOR_END: refcounts


# ANCHOR: cycle
def make_cycle() -> weakref.ref[Callable[..., object]]:
    """A bus whose only subscriber refers back to the bus, and nothing else."""
    bus = EventBus()

    def callback(*args: object, bus: EventBus = bus) -> EventBus:
        return bus  # the default argument keeps the bus alive

    bus.subscribe(callback)
    return weakref.ref(callback)  # lets us ask later without keeping it alive


def test_a_cycle_through_the_bus_is_collected() -> None:
    alive = make_cycle()
    gc.collect()
    assert alive() is None


# ANCHOR_END: cycle
