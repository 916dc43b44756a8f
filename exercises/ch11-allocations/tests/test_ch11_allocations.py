"""Checks for workshop exercise ch11-allocations.

Each check says what to fix when it fails. Run them with
`uv run workshop check ch11-allocations`.

Whether the cost is gone is checked by counting, not by timing:
`allocations_during(func)` (src/counting.rs) counts the heap allocations the
module's Rust code makes while func() runs. CPython's own objects are not
counted. A count is the same on a busy machine as on an idle one, so the
check cannot pass or fail by luck.
"""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from cookbook.testing import wrong_kinds
from hypothesis import given
from hypothesis import strategies as st

VOWELS = "aeiouAEIOU"
# Short lists are measured against long ones: 990 more strings.
FEW, MANY = 10, 1_000
# How many more allocations the long list may cost: a Vec that doubles its
# capacity as it grows reallocates about ten times on the way to 1,000 items,
# while anything that allocates per string costs at least 990 more.
SLACK = 16


def reference(texts: list[str]) -> int:
    """The answer, in Python."""
    return sum(ch in VOWELS for text in texts for ch in text)


def sample(count: int) -> list[str]:
    """`count` different non-empty strings with capitals: copying or lower-casing
    any of them allocates."""
    return [f"Hello, World! Text number {number}" for number in range(count)]


@pytest.fixture(scope="module")
def native() -> Any:
    return importlib.import_module("ch11_exercise")


def test_1_count_vowels_gives_the_right_answers(native: Any) -> None:
    cases: list[tuple[list[str], int]] = [
        ([], 0),
        ([""], 0),
        (["AEIOU aeiou"], 10),
        (["rhythm"], 0),
        (["Hello", "WORLD"], 3),
        (["café"], 1),  # é is not ASCII
        (["İstanbul"], 2),  # nor is İ: Unicode lower-cases it to i + a dot
        (["ÀÉÎÕÜ", "\uff21\uff25\uff29"], 0),  # accented and full-width vowels are other characters
        (["a" * 1_000, "", "E" * 999], 1_999),
    ]
    for texts, expected in cases:
        shown = texts if len(repr(texts)) < 60 else f"{repr(texts)[:50]}...]"
        got = native.count_vowels(texts)
        assert got == expected, (
            f"count_vowels({shown}) gave {got!r}, expected {expected}: only the ten ASCII "
            "letters aeiouAEIOU count. u8::to_ascii_lowercase leaves every other byte as it "
            "is; Unicode lower-casing (to_lowercase) turns İ into an i."
        )


# Mostly vowels, consonants and spaces, with any other character mixed in. Lone
# surrogates are left out: check 5 pins what happens to them.
TEXTS = st.lists(
    st.text(st.one_of(st.sampled_from("aeiouAEIOUxyz é"), st.characters(exclude_categories=["Cs"])))
)


@given(TEXTS)
def test_2_count_vowels_agrees_with_python(texts: list[str]) -> None:
    got = importlib.import_module("ch11_exercise").count_vowels(texts)
    expected = reference(texts)
    assert got == expected, (
        f"count_vowels({texts!r}) gave {got!r}; Python counts {expected} with "
        f"sum(ch in {VOWELS!r} for text in texts for ch in text)"
    )


def type_error_message(count_vowels: Any, texts: list[object]) -> str:
    """The message of the TypeError `count_vowels(texts)` raises; a failed check if none."""
    try:
        got = count_vowels(texts)
    except TypeError as error:
        return str(error)
    pytest.fail(
        f"count_vowels({texts!r}) returned {got!r}; an item that is not a str must raise "
        "TypeError rather than be skipped: `item.cast::<PyString>()` fails for it",
        pytrace=False,
    )


def test_3_an_item_that_is_not_a_str_is_a_type_error(native: Any) -> None:
    cases: list[tuple[list[object], str]] = [
        (["a", "b", 3], "int"),
        (["a", None], "None"),
        ([b"bytes"], "bytes"),
        (["x", ["nested"]], "list"),
        ([1.5], "float"),
    ]
    for texts, kind in cases:
        message = type_error_message(native.count_vowels, texts)
        assert kind in message, (
            f"count_vowels({texts!r}) raised TypeError({message!r}); say which type was "
            f"wrong, with the word {kind!r} in it: for example 'texts[2] is an int, not a str'"
        )


@given(
    st.lists(st.text(max_size=5), max_size=3),
    wrong_kinds().filter(lambda value: not isinstance(value, str)),
)
def test_4_any_other_kind_of_item_is_a_type_error(texts: list[str], bad: object) -> None:
    type_error_message(importlib.import_module("ch11_exercise").count_vowels, [*texts, bad])


def test_5_a_lone_surrogate_is_a_unicode_encode_error(native: Any) -> None:
    # "\ud800" is a valid Python str with no UTF-8 form, so there is nothing to
    # borrow as a &str: to_str() raises UnicodeEncodeError, and so does the
    # Vec<String> extraction.
    texts = ["fine", "a\ud800e"]
    try:
        got = native.count_vowels(texts)
    except UnicodeEncodeError:
        return
    pytest.fail(
        f"count_vowels({texts!r}) returned {got!r}; a str with a lone surrogate has no "
        "UTF-8 to read, so let to_str()'s UnicodeEncodeError through with `?` rather than "
        "reading a replacement (to_string_lossy) or skipping the item",
        pytrace=False,
    )


def test_6_the_cost_does_not_grow_with_the_input(native: Any) -> None:
    few, many = sample(FEW), sample(MANY)

    # First prove that the counter counts: each str copied into a String is an
    # allocation. Should this fail, the fault is not in your code.
    copies = native.allocations_during(lambda: native._copy_each(many))
    assert copies >= MANY, (
        f"the allocation counter itself is broken: copying {MANY:,} strings into Strings "
        f"counted {copies:,} allocations, expected at least {MANY:,}. This is not your "
        "code's fault: src/counting.rs and the allocation-counter dependency in Cargo.toml "
        "should be as shipped (`git diff` shows what changed)."
    )

    # Warm up: a first call may set up something once (an interned name, a
    # PyOnceLock); only the cost that every call pays is of interest.
    native.count_vowels(few)
    native.count_vowels(many)
    at_few = native.allocations_during(lambda: native.count_vowels(few))
    at_many = native.allocations_during(lambda: native.count_vowels(many))
    if at_many - at_few > SLACK:
        per_string = (at_many - at_few) / (MANY - FEW)
        pytest.fail(
            f"count_vowels made {at_many:,} Rust heap allocations for {MANY:,} strings "
            f"(about {per_string:.2g} per string) but {at_few:,} for {FEW}: something "
            "allocates once per item. `Vec<String>` copies every str into a new String, "
            "and to_ascii_lowercase() builds another; borrow each str as &str and compare "
            "bytes instead (see the TODO in src/lib.rs).",
            pytrace=False,
        )
