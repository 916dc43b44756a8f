"""FromPyObject, derived from attributes, derived from items, and written by hand."""

from __future__ import annotations

import math
from collections import namedtuple
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from ch02_add_extract import colour_to_hex, distance, distance_between_dicts
from hypothesis import given
from hypothesis import strategies as st


# ANCHOR: point_tests
@dataclass
class Spot:  # a plain Python class; the Rust `Point` is what `distance` extracts
    x: float
    y: float


Pair = namedtuple("Pair", ["x", "y"])


def test_anything_with_x_and_y_attributes_is_a_point() -> None:
    assert distance(Spot(0, 0), Spot(3, 4)) == 5.0
    assert distance(Pair(1, 1), SimpleNamespace(x=4, y=5)) == 5.0


def test_a_dict_has_items_not_attributes() -> None:
    with pytest.raises(AttributeError, match="'dict' object has no attribute 'x'"):
        distance({"x": 0, "y": 0}, {"x": 3, "y": 4})  # type: ignore[arg-type]
    assert distance_between_dicts({"x": 0, "y": 0}, {"x": 3, "y": 4}) == 5.0


# ANCHOR_END: point_tests


def test_a_missing_item_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="'y'"):
        distance_between_dicts({"x": 0}, {"x": 3, "y": 4})


def test_a_non_numeric_coordinate_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        distance(Spot(0, "zero"), Spot(3, 4))  # type: ignore[arg-type]


@given(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6), st.floats(-1e6, 1e6), st.floats(-1e6, 1e6))
def test_distance_matches_math_hypot(ax: float, ay: float, bx: float, by: float) -> None:
    expected = math.hypot(ax - bx, ay - by)
    assert distance(Spot(ax, ay), Spot(bx, by)) == pytest.approx(expected)
    assert distance_between_dicts({"x": ax, "y": ay}, {"x": bx, "y": by}) == pytest.approx(expected)


# ANCHOR: colour_tests
def test_a_colour_can_be_a_hex_string_or_a_tuple() -> None:
    assert colour_to_hex("#FF8800") == "#ff8800"
    assert colour_to_hex((255, 136, 0)) == "#ff8800"


def test_each_way_of_being_wrong_has_its_own_message() -> None:
    with pytest.raises(ValueError, match="is not a colour like '#ff8800'"):
        colour_to_hex("orange")
    with pytest.raises(ValueError, match="colour channels go from 0 to 255"):
        colour_to_hex((256, 0, 0))
    with pytest.raises(TypeError, match="a colour is a '#rrggbb' string or a tuple"):
        colour_to_hex([255, 136, 0])  # type: ignore[arg-type]


# ANCHOR_END: colour_tests


@pytest.mark.parametrize("channel", [256, -1, 2**63, 2**64, -(2**64), 10**100])
def test_a_channel_out_of_range_is_a_value_error_whatever_its_size(channel: int) -> None:
    with pytest.raises(ValueError, match=r"colour channels go from 0 to 255, so \(") as caught:
        colour_to_hex((channel, 0, 0))
    assert type(caught.value) is ValueError


@pytest.mark.parametrize("colour", [(1.0, 0, 0), ("255", 0, 0), (None, 0, 0), (1, 2), (1, 2, 3, 4)])
def test_a_tuple_of_the_wrong_shape_or_kind_is_a_type_error(colour: object) -> None:
    with pytest.raises(TypeError, match="a colour is a '#rrggbb' string or a tuple"):
        colour_to_hex(colour)  # type: ignore[arg-type]


class BrokenIndex:
    """An int-like object whose `__index__` fails for its own reasons."""

    def __index__(self) -> int:
        raise RuntimeError("the sensor is offline")


def test_an_error_raised_while_converting_a_channel_passes_through() -> None:
    with pytest.raises(RuntimeError, match="the sensor is offline"):
        colour_to_hex((BrokenIndex(), 0, 0))  # type: ignore[arg-type]


@given(st.tuples(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255)))
def test_tuples_and_hex_strings_round_trip(rgb: tuple[int, int, int]) -> None:
    text = colour_to_hex(rgb)
    assert text == "#{:02x}{:02x}{:02x}".format(*rgb)
    assert colour_to_hex(text.upper()) == text
