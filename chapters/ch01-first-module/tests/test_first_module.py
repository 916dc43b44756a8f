"""The Python face of chapter 1, used exactly as the book shows it."""

from __future__ import annotations

import ch01_first_module
import pytest
from ch01_first_module import Message, count_words
from cookbook.testing import raises_only_ordinary_exceptions, wrong_kinds
from hypothesis import given
from hypothesis import strategies as st


# ANCHOR: python_tests
def test_greet_is_a_static_method() -> None:
    assert Message.greet("Ferris") == "Hello, Ferris!"


def test_a_message_keeps_its_text() -> None:
    message = Message("hello")
    assert message.text == "hello"
    assert repr(message) == "Message('hello')"


def test_shout_capitalises_and_exclaims() -> None:
    assert Message("rust and python").shout() == "RUST AND PYTHON!"


def test_shouting_a_blank_message_raises_value_error() -> None:
    with pytest.raises(ValueError, match="cannot shout an empty message"):
        Message("   ").shout()


# ANCHOR_END: python_tests


def test_wrong_argument_types_raise_type_error_before_rust_runs() -> None:
    with pytest.raises(TypeError, match="'int' object is not an instance of 'str'"):
        Message(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        count_words(b"bytes are not text")  # type: ignore[arg-type]


def test_text_is_read_only_on_both_classes() -> None:
    message = Message("fixed")
    with pytest.raises(AttributeError):
        message.text = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        message._inner.text = "changed"  # type: ignore[misc]
    assert message.text == "fixed"


def test_messages_compare_and_hash_by_text() -> None:
    assert Message("a") == Message("a")
    assert Message("a") != Message("b")
    assert len({Message("a"), Message("a"), Message("b")}) == 2
    assert Message("a") != "a"


def test_the_native_module_stays_private() -> None:
    assert ch01_first_module.__all__ == ["Message", "count_words"]
    assert type(Message("x")._inner).__module__ == "ch01_first_module._native"


def test_non_ascii_text_survives_the_round_trip() -> None:
    assert Message("grüße, 世界").shout() == "GRÜSSE, 世界!"


# ANCHOR: whitespace_difference
@given(st.text(alphabet=st.sampled_from("ab \t\n")))
def test_count_words_agrees_with_str_split_on_ascii_whitespace(text: str) -> None:
    assert count_words(text) == len(text.split())


def test_rust_and_python_disagree_about_some_whitespace() -> None:
    # U+001C, the "file separator" control character, is whitespace to
    # str.split() but not to Rust's split_whitespace(), which follows the
    # Unicode White_Space property.
    text = "one\x1ctwo"
    assert len(text.split()) == 2
    assert count_words(text) == 1


# ANCHOR_END: whitespace_difference


@given(wrong_kinds())
def test_bad_arguments_raise_ordinary_exceptions(value: object) -> None:
    for call in (count_words, Message, Message.greet):
        raises_only_ordinary_exceptions(call, value)
