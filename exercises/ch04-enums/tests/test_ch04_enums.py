"""Checks for workshop exercise ch04-enums.

Each check says what to fix when it fails. Run them with
`uv run workshop check ch04-enums`.
"""

from __future__ import annotations

import importlib
from typing import Any

import pytest


@pytest.fixture
def light() -> Any:
    return importlib.import_module("ch04_enums_exercise").Light


def off(light: Any) -> Any:
    if not hasattr(light, "OFF"):
        pytest.fail(
            "Light has no OFF. Add a variant `Off` to `enum Light` (TODO 3); "
            '`rename_all = "UPPERCASE"` makes Python call it OFF. Then build: the '
            "compiler names every `match` that must now handle `Light::Off`.",
            pytrace=False,
        )
    return light.OFF


def test_1_next_goes_red_green_amber(light: Any) -> None:
    for now, expected in [
        (light.RED, light.GREEN),
        (light.GREEN, light.AMBER),
        (light.AMBER, light.RED),
    ]:
        got = now.next()
        assert got == expected, f"{now!r}.next() returned {got!r}, expected {expected!r} (TODO 1)"


def test_2_seconds_per_light(light: Any) -> None:
    for now, expected in [(light.RED, 30), (light.GREEN, 25), (light.AMBER, 5)]:
        got = now.seconds()
        assert got == expected, f"{now!r}.seconds() returned {got!r}, expected {expected} (TODO 2)"


def test_3_an_off_light_stays_off(light: Any) -> None:
    light_off = off(light)
    got = light_off.next()
    assert got == light_off, (
        f"Light.OFF.next() returned {got!r}: a light that is off stays off. "
        "Make the `Light::Off` arm of `next` return `Light::Off` (TODO 3)."
    )


def test_4_an_off_light_has_no_duration(light: Any) -> None:
    got = off(light).seconds()
    assert got is None, (
        f"Light.OFF.seconds() returned {got!r}, expected None: "
        "make the `Light::Off` arm of `seconds` return `None` (TODO 3)"
    )


def test_5_lights_are_python_values(light: Any) -> None:
    # Given by `#[pyclass(eq, frozen, hash, rename_all = "UPPERCASE")]`.
    assert repr(light.RED) == "Light.RED"
    assert light.RED != light.GREEN
    assert {light.RED: "stop"}[light.RED] == "stop"
