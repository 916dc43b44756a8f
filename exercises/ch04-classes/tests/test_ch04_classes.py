"""Checks for workshop exercise ch04-classes.

Each check says what to fix when it fails. Run them with
`uv run workshop check ch04-classes`.
"""

from __future__ import annotations

import importlib
from typing import Any

import pytest


@pytest.fixture
def volume_class() -> Any:
    return importlib.import_module("ch04_exercise").Volume


def read_level(volume: Any) -> object:
    try:
        return volume.level
    except AttributeError:
        pass
    # Failing outside the `except` block keeps the AttributeError out of the report.
    pytest.fail(
        "Python cannot read `volume.level`. A field is private to Rust until a "
        "method marked `#[getter]` returns it: add `#[getter] fn level(&self) -> u8` "
        "(TODO 2).",
        pytrace=False,
    )


def test_1_new_refuses_a_level_above_11(volume_class: Any) -> None:
    try:
        volume_class(12)
    except ValueError as error:
        message = str(error)
    else:
        pytest.fail(
            "Volume(12) returned a Volume; it should raise ValueError, because a "
            "volume goes up to 11. Call `checked(level)?` in `new` (TODO 1).",
            pytrace=False,
        )
    assert "12" in message, f"the ValueError says {message!r}; it should show the 12"


def test_2_python_can_read_the_level(volume_class: Any) -> None:
    got = read_level(volume_class(7))
    assert got == 7, f"Volume(7).level is {got!r}, expected 7 (TODO 2)"
    assert read_level(volume_class(0)) == 0


def test_3_the_setter_changes_the_level(volume_class: Any) -> None:
    volume = volume_class(3)
    volume.level = 11
    got = read_level(volume)
    assert got == 11, (
        f"after `volume.level = 11`, volume.level is {got!r}: store the new level in "
        "`self.level` (TODO 3)"
    )


def test_4_the_setter_refuses_a_level_above_11(volume_class: Any) -> None:
    volume = volume_class(3)
    try:
        volume.level = 12
    except ValueError:
        pass
    else:
        pytest.fail(
            "`volume.level = 12` was accepted; the setter should check the level as "
            "`new` does, with `checked(level)?` (TODO 3).",
            pytrace=False,
        )
    got = read_level(volume)
    assert got == 3, f"a refused level must change nothing, but volume.level is now {got!r}"


def test_5_repr_rebuilds_the_volume(volume_class: Any) -> None:
    got = repr(volume_class(7))
    assert got == "Volume(7)", (
        f"repr(Volume(7)) is {got!r}, expected 'Volume(7)'. Build it with "
        'format!("Volume({})", self.level) (TODO 4).'
    )


def test_6_pyo3_refuses_what_a_u8_cannot_hold(volume_class: Any) -> None:
    # `level: u8` cannot hold -1 or 300, so PyO3 refuses them before your code runs.
    with pytest.raises(OverflowError):
        volume_class(-1)
    with pytest.raises(OverflowError):
        volume_class(300)
