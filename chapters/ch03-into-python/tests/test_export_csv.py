"""`export_csv`: byte-identical to `csv.DictWriter` for text, money for numbers."""

from __future__ import annotations

import csv
import datetime
import io
import types
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

import pytest
from ch03_into_python import export_csv
from ch03_into_python._native import export_csv_in_place
from cookbook.testing import raises_only_ordinary_exceptions, wrong_kinds
from hypothesis import example, given, settings
from hypothesis import strategies as st

CellValue = str | int | float | Decimal | None
Rows = list[dict[str, str]]


# ANCHOR: reference
def dict_writer(rows: list[dict[str, str]]) -> bytes:
    """What Python's own csv module writes for `rows`: the reference."""
    if not rows:
        return b""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


# ANCHOR_END: reference

# ANCHOR: strategies
# Pieces that exercise the quoting rules, glued together into fields.
AWKWARD_PIECES = [",", '"', "\r", "\n", "\r\n", " ", "", "é", "😀", "e\u0301", "\u200d", "x"]
# Any other character except lone surrogates, which UTF-8 cannot encode at all.
ANY_CHARACTER = st.characters(exclude_categories=["Cs"])
fields = st.lists(
    st.sampled_from(AWKWARD_PIECES) | st.text(ANY_CHARACTER, max_size=3), max_size=5
).map("".join)


@st.composite
def tables(draw: st.DrawFn) -> Rows:
    """Zero or more rows with the same keys: zero, one or several columns."""
    names = draw(st.lists(fields, unique=True, max_size=5))
    row = st.lists(fields, min_size=len(names), max_size=len(names))
    return [dict(zip(names, values, strict=True)) for values in draw(st.lists(row, max_size=5))]


# ANCHOR_END: strategies


# ANCHOR: identity
@settings(max_examples=1000, deadline=None)
@given(tables())
@example([])  # no rows: no header either
@example([{}, {}])  # no columns: empty lines
@example([{"only": ""}])  # one empty field is written as ""
@example([{"": ""}, {"": "x"}])
@example([{"a,b": 'say "hi"', "c": "line\r\nbreak"}])
def test_text_is_byte_identical_to_csv_dictwriter(rows: Rows) -> None:
    assert export_csv(rows, "EUR") == dict_writer(rows)


# ANCHOR_END: identity


def test_keys_that_are_equal_but_not_the_same_object_are_looked_up() -> None:
    # Rows built from fresh key strings miss the in-order shortcut, wholly or
    # from the second column on; the output must not notice.
    first, second = "".join(["na", "me"]), "".join(["pri", "ce"])
    rows = [
        {first: "tea", second: "3"},
        {"".join(["na", "me"]): "cake", "".join(["pri", "ce"]): "4"},
        {first: "jam", "".join(["pri", "ce"]): "5"},
        {second: "6", first: "bun"},
    ]
    assert export_csv(rows, "EUR") == dict_writer(rows)


money_values = st.one_of(
    fields,
    st.none(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.decimals(allow_nan=False, allow_infinity=False, places=4),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from("abc"), money_values), max_size=4))
def test_the_first_version_gives_the_same_bytes_and_the_same_errors(rows: list[Any]) -> None:
    # Chapter 11 measures export_csv against export_csv_in_place: they must do
    # the same work. Rows with different keys make both fail, the same way.
    def outcome(export: Any) -> bytes | tuple[type[BaseException], str]:
        try:
            return bytes(export(rows, "EUR"))
        except (TypeError, ValueError) as error:
            return type(error), str(error)

    assert outcome(export_csv_in_place) == outcome(export_csv)


@given(tables())
def test_any_mapping_and_any_iterable_of_rows_will_do(rows: Rows) -> None:
    expected = dict_writer(rows)
    assert export_csv(iter(rows), "EUR") == expected
    assert export_csv(tuple(rows), "EUR") == expected
    assert export_csv([types.MappingProxyType(row) for row in rows], "EUR") == expected
    assert export_csv([ReadOnlyRow(row) for row in rows], "EUR") == expected
    assert export_csv([OrderedDict(row) for row in rows], "EUR") == expected


class ReadOnlyRow(Mapping[str, CellValue]):
    """A Mapping that is not a dict: only __getitem__, __iter__ and __len__."""

    def __init__(self, data: Mapping[str, CellValue]) -> None:
        self._data = dict(data)

    def __getitem__(self, key: str) -> CellValue:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


class UpperCaseRow(dict):  # type: ignore[type-arg]
    """A dict subclass whose __getitem__ changes the values."""

    def __getitem__(self, key: str) -> Any:
        return str(super().__getitem__(key)).upper()


def test_a_dict_subclass_is_read_through_its_own_getitem() -> None:
    assert export_csv([UpperCaseRow(a="x")], "EUR") == b"a\r\nX\r\n"


# ANCHOR: edge_cases
def test_empty_tables() -> None:
    assert export_csv([], "EUR") == b""
    assert export_csv([{}], "EUR") == b"\r\n\r\n"
    assert export_csv([{"name": ""}], "EUR") == b'name\r\n""\r\n'
    assert export_csv([{"name": None}], "EUR") == b'name\r\n""\r\n'
    assert export_csv([{"": "x"}], "EUR") == b'""\r\nx\r\n'


# ANCHOR_END: edge_cases


def test_nul_is_written_as_it_is() -> None:
    # Python 3.11 and later write NUL unquoted (3.10 raised csv.Error, 3.9 quoted
    # the field); the cookbook's floor is 3.11, so the csv module is the reference.
    rows = [{"a": "x\x00y"}]
    assert export_csv(rows, "EUR") == b"a\r\nx\x00y\r\n" == dict_writer(rows)


def test_the_header_follows_the_first_rows_key_order() -> None:
    rows: list[dict[str, CellValue]] = [{"b": "1", "a": "2"}, {"a": "3", "b": "4"}]
    assert export_csv(rows, "EUR") == b"b,a\r\n1,2\r\n4,3\r\n"


# ANCHOR: money
def test_numbers_are_money() -> None:
    row: dict[str, CellValue] = {
        "int": 12,
        "negative": -3,
        "float": 0.1,
        "decimal": Decimal("12.5"),
        "tie": Decimal("0.125"),
        "empty": None,
    }
    assert export_csv([row], "EUR").decode().splitlines()[1] == (
        "12.00 EUR,-3.00 EUR,0.10 EUR,12.50 EUR,0.12 EUR,"
    )


# ANCHOR_END: money


def one_amount(value: CellValue, currency: str = "EUR") -> str:
    return export_csv([{"x": value}], currency).decode().split("\r\n")[1]


@settings(max_examples=500)
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_floats_are_formatted_exactly_like_python(x: float) -> None:
    assert one_amount(x) == f"{x:.2f} EUR"


@given(st.floats(min_value=-1000, max_value=1000).map(lambda x: round(x * 8) / 8))
def test_float_ties_go_to_even_like_python(x: float) -> None:
    # Multiples of 1/8 are exact in binary, so x.xx5 values are real ties.
    assert one_amount(x) == f"{x:.2f} EUR"


@settings(max_examples=500)
@given(st.decimals(allow_nan=False, allow_infinity=False).filter(lambda d: d.adjusted() < 4000))
def test_decimals_are_rounded_exactly_like_python(d: Decimal) -> None:
    assert one_amount(d) == f"{d:.2f} EUR"


@given(st.integers(min_value=-(10**60), max_value=10**60))
def test_ints_are_exact_even_beyond_what_a_float_can_hold(n: int) -> None:
    assert one_amount(n) == f"{Decimal(n):.2f} EUR"


def test_specific_amounts() -> None:
    assert one_amount(Decimal("-0.001")) == "-0.00 EUR"
    assert one_amount(-0.0) == "-0.00 EUR"
    assert one_amount(2.675) == "2.67 EUR"  # 2.675 is really 2.67499999...
    assert one_amount(Decimal("2.675")) == "2.68 EUR"  # a Decimal is exact
    assert one_amount(Decimal("1E+3")) == "1000.00 EUR"
    assert one_amount(10**30) == "1000000000000000000000000000000.00 EUR"
    assert one_amount(12, "USD") == "12.00 USD"


def test_subclasses_of_the_accepted_types_are_accepted() -> None:
    class Name(str):
        pass

    class Amount(Decimal):
        def as_tuple(self) -> Any:
            raise AssertionError("export_csv reads Decimal's own as_tuple")

    assert one_amount(Name("x")) == "x"
    assert one_amount(Amount("1.5")) == "1.50 EUR"


# ANCHOR: errors
def test_a_missing_key_is_named() -> None:
    rows: list[dict[str, CellValue]] = [{"item": "tea", "price": 3}, {"item": "cake"}]
    with pytest.raises(
        ValueError,
        match=r"^row 1 has no key 'price'; every row needs exactly the keys of row 0 "
        r"\(use None for an empty field\)$",
    ):
        export_csv(rows, "EUR")


def test_an_extra_key_is_named() -> None:
    rows: list[dict[str, CellValue]] = [{"item": "tea"}, {"item": "cake", "note": "x"}]
    with pytest.raises(
        ValueError,
        match=r"^row 1 has a key 'note' that row 0 does not have; every row needs exactly "
        r"the keys of row 0 \(add 'note' to row 0, or remove it from row 1\)$",
    ):
        export_csv(rows, "EUR")


def test_a_key_that_is_not_a_str_is_a_type_error() -> None:
    rows: list[dict[Any, CellValue]] = [{"item": "tea"}, {7: "cake"}]
    with pytest.raises(
        TypeError,
        match=r"^row 1 has a key that is not a str: 7 \(int\); column names must be str$",
    ):
        export_csv(rows, "EUR")


def test_a_value_of_the_wrong_type_is_named() -> None:
    with pytest.raises(
        TypeError,
        match=r"^row 0, key 'when': a value of type date cannot be exported; convert it to "
        r"str, int, float, decimal.Decimal or None first$",
    ):
        export_csv([{"when": datetime.date(2024, 1, 1)}], "EUR")  # type: ignore[dict-item]


def test_a_bool_is_not_an_amount() -> None:
    with pytest.raises(
        TypeError,
        match=r"^row 0, key 'paid': True is a bool, not an amount; convert it to a str first$",
    ):
        export_csv([{"paid": True}], "EUR")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (float("nan"), "nan"),
        (float("-inf"), "-inf"),
        (Decimal("NaN"), r"Decimal\('NaN'\)"),
        (Decimal("sNaN"), r"Decimal\('sNaN'\)"),
        (Decimal("Infinity"), r"Decimal\('Infinity'\)"),
    ],
)
def test_nan_and_infinity_are_not_amounts(value: CellValue, shown: str) -> None:
    message = rf"^row 0, key 'x': {shown} is not an amount; use None for an empty field$"
    with pytest.raises(ValueError, match=message):
        export_csv([{"x": value}], "EUR")


def test_a_row_that_is_not_a_mapping() -> None:
    with pytest.raises(
        TypeError,
        match=r"^row 1 is a list, not a mapping; each row must be a dict \(or another "
        r"collections.abc.Mapping\) from column name to value$",
    ):
        export_csv([{"a": "1"}, ["a", "2"]], "EUR")  # type: ignore[list-item]


@pytest.mark.parametrize("currency", ["eur", "EURO", "EU", "", "ÉUR", "E R"])
def test_the_currency_is_three_capital_letters(currency: str) -> None:
    message = (
        r"^currency must be three ASCII capital letters, such as 'EUR'; got "
        + repr(currency).replace("(", r"\(")
        + "$"
    )
    with pytest.raises(ValueError, match=message):
        export_csv([{"a": "1"}], currency)


# ANCHOR_END: errors


def test_rows_must_be_an_iterable_of_mappings() -> None:
    with pytest.raises(
        TypeError,
        match=r"^rows must be an iterable of mappings, such as a list of dicts; got int$",
    ):
        export_csv(5, "EUR")  # type: ignore[arg-type]
    with pytest.raises(
        TypeError,
        match=r"^rows must be an iterable of mappings, not a single mapping; "
        r"to export one row, pass \[row\]$",
    ):
        export_csv({"a": "1"}, "EUR")  # type: ignore[dict-item]


def test_text_that_is_not_valid_unicode_is_a_value_error() -> None:
    with pytest.raises(ValueError, match=r"^row 0, key 'a': 'utf-8' codec can't encode") as raised:
        export_csv([{"a": "\ud800"}], "EUR")
    assert isinstance(raised.value.__cause__, UnicodeEncodeError)


def test_absurdly_large_amounts_are_refused() -> None:
    with pytest.raises(
        ValueError,
        match=r"^row 0, key 'x': Decimal\('1E\+5000'\) has more than 4300 digits before "
        r"the decimal point; amounts that large are refused$",
    ):
        export_csv([{"x": Decimal("1E+5000")}], "EUR")
    with pytest.raises(ValueError, match=r"^row 0, key 'x': Exceeds the limit"):
        export_csv([{"x": 10**5000}], "EUR")


def test_a_tiny_decimal_with_a_huge_exponent_is_cheap() -> None:
    assert one_amount(Decimal("1E-999999999")) == "0.00 EUR"
    assert one_amount(Decimal("0E+999999999")) == "0.00 EUR"


def test_errors_stop_at_the_first_bad_row_and_return_nothing() -> None:
    def rows() -> Iterator[dict[str, CellValue]]:
        yield {"a": "1"}
        raise KeyError("the source failed")

    with pytest.raises(KeyError, match="the source failed"):
        export_csv(rows(), "EUR")


# ANCHOR: wrong_kinds
@given(wrong_kinds())
def test_wrong_arguments_raise_ordinary_exceptions(value: object) -> None:
    raises_only_ordinary_exceptions(export_csv, value, "EUR")
    raises_only_ordinary_exceptions(export_csv, [{"a": "1"}], value)
    raises_only_ordinary_exceptions(export_csv, [{"a": "1"}, value], "EUR")
    raises_only_ordinary_exceptions(export_csv, [value], "EUR")


@given(st.lists(st.dictionaries(st.text(max_size=3), wrong_kinds(), max_size=3), max_size=3))
def test_rows_of_wrong_values_raise_ordinary_exceptions(rows: list[dict[str, object]]) -> None:
    raises_only_ordinary_exceptions(export_csv, rows, "EUR")


# ANCHOR_END: wrong_kinds


def test_optional_values_type_check() -> None:
    # What the stub promises: a value may be None.
    rows: list[dict[str, str | None]] = [{"a": None}]
    assert export_csv(rows, "EUR") == b'a\r\n""\r\n'
