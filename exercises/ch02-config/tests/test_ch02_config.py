"""Checks for workshop exercise ch02-config.

Run them with `uv run workshop check ch02-config`.
"""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest


@pytest.fixture
def module() -> ModuleType:
    return importlib.import_module("ch02_config_exercise")


def test_1_given_values_are_used(module: ModuleType) -> None:
    got = module.server_address({"host": "example.org", "port": 443})
    assert got == ("example.org", 443), (
        f"server_address({{'host': 'example.org', 'port': 443}}) returned {got!r}; "
        "read both keys with `optional` (TODO 2)"
    )


def test_2_missing_keys_get_defaults(module: ModuleType) -> None:
    got = module.server_address({})
    assert got == ("localhost", 8080), (
        f"server_address({{}}) returned {got!r}, expected ('localhost', 8080): apply the "
        "defaults with `.unwrap_or(...)` when `optional` returns None (TODO 2)"
    )


def test_3_none_means_missing(module: ModuleType) -> None:
    got = module.server_address({"host": None, "port": None})
    assert got == ("localhost", 8080), (
        f"a key set to None should get its default, but the result was {got!r}; "
        "filter out None values in `optional` (TODO 1)"
    )


def test_4_a_wrong_type_names_the_key(module: ModuleType) -> None:
    try:
        got = module.server_address({"port": "443"})
    except TypeError as error:
        message = str(error)
    else:
        pytest.fail(
            f"server_address({{'port': '443'}}) returned {got!r}; a str port must raise "
            "TypeError, not be ignored or replaced by the default (TODO 1)",
            pytrace=False,
        )
    assert "port" in message, (
        f"the TypeError says {message!r}; name the key, e.g. \"settings['port'] must be int\""
    )
