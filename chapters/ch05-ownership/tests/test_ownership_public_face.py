"""The public face: ordinary exceptions for bad input, and public types that name the package."""

from __future__ import annotations

import ch05_ownership as chapter
from ch05_ownership import EventBus, SharedCounter
from cookbook.testing import (
    classes_that_name_a_private_module,
    raises_only_ordinary_exceptions,
    wrong_kinds,
)
from hypothesis import given


@given(wrong_kinds())
def test_every_method_meets_wrong_input_with_an_ordinary_exception(value: object) -> None:
    bus = EventBus()
    bus.subscribe(lambda *args: None)
    counter = SharedCounter()
    calls = [
        lambda: bus.subscribe(value),  # type: ignore[arg-type]
        lambda: bus.unsubscribe(value),  # type: ignore[arg-type]
        lambda: bus.emit(value),
        lambda: bus.emit(value, value),
        lambda: EventBus(value),  # type: ignore[call-arg]
        lambda: SharedCounter(value),  # type: ignore[arg-type]
        lambda: counter.share(value),  # type: ignore[call-arg]
        lambda: counter.increment(value),  # type: ignore[call-arg]
    ]
    for call in calls:
        raises_only_ordinary_exceptions(call)


def test_public_classes_name_the_public_package() -> None:
    assert chapter.__all__ == ["EventBus", "SharedCounter"]
    assert classes_that_name_a_private_module(chapter) == []
