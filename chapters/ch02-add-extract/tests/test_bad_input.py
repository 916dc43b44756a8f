"""The public face: ordinary exceptions for bad input, and public types that name the package."""

from __future__ import annotations

import ch02_add_extract as chapter
from cookbook.testing import (
    classes_that_name_a_private_module,
    raises_only_ordinary_exceptions,
    wrong_kinds,
)
from hypothesis import given


@given(wrong_kinds(), wrong_kinds())
def test_two_argument_functions(first: object, second: object) -> None:
    for function in (chapter.add, chapter.add_by_hand, chapter.distance):
        raises_only_ordinary_exceptions(function, first, second)
        raises_only_ordinary_exceptions(function, 1, second)
    raises_only_ordinary_exceptions(chapter.distance_between_dicts, first, second)
    raises_only_ordinary_exceptions(chapter.distance_between_dicts, {"x": 1, "y": 2}, second)


@given(wrong_kinds())
def test_one_argument_functions(value: object) -> None:
    raises_only_ordinary_exceptions(chapter.colour_to_hex, value)
    raises_only_ordinary_exceptions(chapter.parse_config, value)
    raises_only_ordinary_exceptions(chapter.slugify, value)


@given(wrong_kinds(), wrong_kinds(), wrong_kinds())
def test_keyword_arguments_and_config_values(first: object, second: object, third: object) -> None:
    raises_only_ordinary_exceptions(
        chapter.slugify, "text", separator=first, max_length=second, lowercase=third
    )
    for key in ("redis_url", "workers", "timeout_seconds", "queue"):
        raises_only_ordinary_exceptions(chapter.parse_config, {key: first})


def test_public_classes_name_the_public_package() -> None:
    # `parse_config` returns a Config: its type must not send users to `_native`.
    assert classes_that_name_a_private_module(chapter) == []
    assert type(chapter.parse_config({})).__module__ == "ch02_add_extract"
