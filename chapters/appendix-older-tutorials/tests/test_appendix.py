"""The fixed forms, seen from Python: what they return, and what wrong input raises."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from fractions import Fraction

import appendix_older_tutorials as appendix
import pytest
from appendix_older_tutorials import (
    Basket,
    Item,
    Point,
    Stock,
    brightness,
    checksum,
    count_words,
    distance_from_origin,
    first_item,
    label,
    ratio,
    restock,
    run_snippet,
    size_chart,
    to_celsius,
)
from cookbook.testing import (
    classes_that_name_a_private_module,
    raises_only_ordinary_exceptions,
    wrong_kinds,
)
from hypothesis import given


def test_count_words_takes_any_object_and_wants_a_str() -> None:  # fix_01
    assert count_words("one  two\tthree") == 3
    with pytest.raises(TypeError, match="'int' object is not an instance of 'str'"):
        count_words(5)  # type: ignore[arg-type]


def test_restock_changes_the_stock_it_is_given() -> None:  # fix_04
    stock = Stock(1)
    assert restock(stock, 2) == 3
    assert stock.count == 3
    with pytest.raises(TypeError, match="'str' object is not an instance of 'Stock'"):
        restock("kettle", 1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="would not fit in 32 bits"):
        restock(Stock(2**32 - 1), 1)


def test_size_chart_holds_a_list_a_dict_and_a_tuple() -> None:  # fix_06
    assert size_chart() == {
        "sizes": [36, 38, 40],
        "prices": {"socks": 4},
        "colours": ("red", "blue"),
    }


def test_to_celsius_returns_a_float() -> None:  # fix_07
    assert to_celsius(212.0) == 100.0
    assert type(to_celsius(32)) is float
    with pytest.raises(TypeError, match="must be real number, not str"):
        to_celsius("hot")  # type: ignore[arg-type]


def test_label_returns_an_int_or_a_str() -> None:  # fix_09
    assert label(3000) == 3
    assert label(250) == "250 g"
    with pytest.raises(TypeError, match="'str' object cannot be interpreted as an integer"):
        label("heavy")  # type: ignore[arg-type]


def test_a_basket_holds_any_objects() -> None:  # fix_10
    basket = Basket()
    basket.add(None)
    basket.add([1, 2])
    basket.add(basket)
    assert len(basket) == 3


def test_checksum_wants_bytes() -> None:  # fix_12
    assert checksum(b"abc") == 294
    with pytest.raises(TypeError, match="Can't extract `str` to `Vec`"):
        checksum("abc")  # type: ignore[arg-type]


def test_ratio_is_a_fraction() -> None:  # fix_14
    assert ratio(2, 4) == Fraction(1, 2)
    assert type(ratio(1, 3)) is Fraction
    with pytest.raises(TypeError, match="'float' object cannot be interpreted as an integer"):
        ratio(1.5, 2)  # type: ignore[arg-type]


def test_first_item_wants_a_list() -> None:  # fix_15
    assert first_item([4, 5]) == 4
    with pytest.raises(TypeError, match="'tuple' object is not an instance of 'list'"):
        first_item((4, 5))  # type: ignore[arg-type]
    with pytest.raises(IndexError):
        first_item([])


def test_brightness_wants_three_ints_of_a_byte() -> None:  # fix_16
    assert brightness((255, 255, 255)) == 255
    assert brightness((0, 30, 60)) == 30
    with pytest.raises(TypeError, match="'str' object is not an instance of 'tuple'"):
        brightness("red")  # type: ignore[arg-type]
    with pytest.raises(OverflowError):
        brightness((256, 0, 0))


def test_a_point_is_taken_by_value() -> None:  # fix_17
    point = Point(3.0, 4.0)
    assert distance_from_origin(point) == 5.0
    assert (point.x, point.y) == (3.0, 4.0)
    with pytest.raises(TypeError, match="'tuple' object is not an instance of 'Point'"):
        distance_from_origin((3.0, 4.0))  # type: ignore[arg-type]


def test_run_snippet_returns_the_names_it_defined() -> None:  # fix_22
    assert run_snippet("total = sum(range(4))") == {"total": 6}
    with pytest.raises(ValueError, match="nul byte found"):
        run_snippet("x = 1\0")
    with pytest.raises(TypeError, match="'bytes' object is not an instance of 'str'"):
        run_snippet(b"x = 1")  # type: ignore[arg-type]


def test_the_item_signature_comes_from_new() -> None:  # fix_26
    assert str(inspect.signature(Item)) == "(name, price)"
    item = Item("teapot", 1200)
    assert (item.name, item.price) == ("teapot", 1200)
    with pytest.raises(OverflowError):
        Item("teapot", -1)


@given(wrong_kinds())
def test_wrong_input_raises_an_ordinary_exception(value: object) -> None:
    calls: list[Callable[[], object]] = [
        lambda: count_words(value),  # type: ignore[arg-type]
        lambda: Stock(value),  # type: ignore[arg-type]
        lambda: restock(Stock(1), value),  # type: ignore[arg-type]
        lambda: restock(value, 1),  # type: ignore[arg-type]
        lambda: to_celsius(value),  # type: ignore[arg-type]
        lambda: label(value),  # type: ignore[arg-type]
        lambda: Basket().add(value),
        lambda: checksum(value),  # type: ignore[arg-type]
        lambda: ratio(value, 1),  # type: ignore[arg-type]
        lambda: first_item(value),  # type: ignore[arg-type]
        lambda: brightness(value),  # type: ignore[arg-type]
        lambda: Point(value, 0.0),  # type: ignore[arg-type]
        lambda: distance_from_origin(value),  # type: ignore[arg-type]
        lambda: Item(value, 1),  # type: ignore[arg-type]
    ]
    for call in calls:
        raises_only_ordinary_exceptions(call)


def test_public_classes_name_the_public_package() -> None:
    assert classes_that_name_a_private_module(appendix) == []
