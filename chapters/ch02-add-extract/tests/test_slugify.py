"""slugify: keyword-only arguments with defaults, from #[pyo3(signature = ...)]."""

from __future__ import annotations

import re

import pytest
from ch02_add_extract import slugify
from hypothesis import given
from hypothesis import strategies as st


# ANCHOR: keyword_tests
def test_defaults_apply_when_keywords_are_left_out() -> None:
    assert slugify("Hello, World!") == "hello-world"


def test_keywords_change_the_result() -> None:
    assert slugify("Hello, World!", separator="_", lowercase=False) == "Hello_World"
    assert slugify("one two three", max_length=9) == "one-two"


def test_options_after_the_star_cannot_be_passed_by_position() -> None:
    with pytest.raises(TypeError, match="takes 1 positional arguments but 2 were given"):
        slugify("Hello, World!", "_")  # type: ignore  # mypy 1 and 2 name this error differently


# ANCHOR_END: keyword_tests


def test_an_unknown_keyword_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="got an unexpected keyword argument 'sep'"):
        slugify("x", sep="_")  # type: ignore[call-arg]


# "\u2013" is an en dash: punctuation, but not ASCII.
@pytest.mark.parametrize("separator", ["", "a", "-9-", " ", "é", "\u2013"])
def test_a_separator_must_be_ascii_punctuation(separator: str) -> None:
    with pytest.raises(ValueError, match="separator must be ASCII punctuation"):
        slugify("x y", separator=separator)


def test_a_negative_max_length_is_refused_by_the_usize_conversion() -> None:
    with pytest.raises(OverflowError):
        slugify("x", max_length=-1)


separators = st.sampled_from(["-", "_", ".", "--", "+="])


@given(st.text(), separators, st.none() | st.integers(0, 40), st.booleans())
def test_slugs_are_clean(text: str, separator: str, max_length: int | None, lower: bool) -> None:
    slug = slugify(text, separator=separator, max_length=max_length, lowercase=lower)
    words = [word for word in re.split(r"[^A-Za-z0-9]+", text) if word]
    assert re.fullmatch(rf"[A-Za-z0-9]*(?:{re.escape(separator)}[A-Za-z0-9]+)*", slug)
    if max_length is not None:
        assert len(slug) <= max_length
    else:
        joined = separator.join(words)
        assert slug == (joined.lower() if lower else joined)
