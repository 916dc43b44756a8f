"""Type stubs for the compiled module. Keep in step with src/*.rs."""

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TypedDict

__all__ = [
    "build_profile",
    "code_points",
    "encode_utf8",
    "export_csv",
    "export_csv_in_place",
    "filled_in_place",
    "filled_via_vec",
    "first_bytes",
    "len_of_backed_bytes",
    "len_of_backed_str",
    "len_of_slice",
    "len_of_str",
    "len_of_string",
    "len_of_vec",
    "min_max",
    "split_words",
    "text_stats",
    "word_frequencies",
]

# ANCHOR: stub_returning
def min_max(values: Sequence[float]) -> tuple[float, float] | None: ...
def word_frequencies(text: str) -> dict[str, int]: ...
def split_words(text: str) -> list[str]: ...

# What `text_stats` returns: a plain dict with exactly these keys. The class
# exists only for type checkers; it cannot be imported at run time.
class _TextStats(TypedDict):
    words: int
    lines: int
    longest_word: str | None

def text_stats(text: str) -> _TextStats: ...
def encode_utf8(text: str) -> bytes: ...
def first_bytes(data: bytes, n: int) -> bytes: ...
def code_points(text: str) -> list[int]: ...

# ANCHOR_END: stub_returning

# ANCHOR: stub_copies
def len_of_vec(data: bytes | bytearray | Sequence[int]) -> int: ...
def len_of_slice(data: bytes) -> int: ...
def len_of_backed_bytes(data: bytes | bytearray) -> int: ...
def len_of_str(text: str) -> int: ...
def len_of_string(text: str) -> int: ...
def len_of_backed_str(text: str) -> int: ...
def filled_via_vec(size: int, byte: int) -> bytes: ...
def filled_in_place(size: int, byte: int) -> bytes: ...

# ANCHOR_END: stub_copies

def build_profile() -> str: ...

# ANCHOR: stub_export
# What a cell may hold (for type checkers only, like _TextStats).
_Cell = str | int | float | Decimal | None

def export_csv(rows: Iterable[Mapping[str, _Cell]], currency: str) -> bytes:
    """Write `rows` as UTF-8 CSV, the way `csv.DictWriter` does.

    The first row's keys, in order, are the header; every row needs exactly
    those keys. `str` values are written as they are (quoted where needed);
    `None` is an empty field; `int`, `float` and `Decimal` are amounts: two
    decimals, a space and `currency`, e.g. `12.50 EUR` or `-0.10 EUR`, rounded
    half to even like `format(value, ".2f")`. `bool`, NaN and infinities are
    refused. `currency` is three ASCII capital letters. No rows give `b""`.
    """

# ANCHOR_END: stub_export

def export_csv_in_place(rows: Iterable[Mapping[str, _Cell]], currency: str) -> bytes:
    """`export_csv`'s first version, kept for Chapter 11 to measure: the same
    contract, but the whole table is read into Rust before a byte is written."""
