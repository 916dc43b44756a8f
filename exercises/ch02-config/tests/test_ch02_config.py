"""Checks for workshop exercise ch02-config.

Run them with `uv run workshop check ch02-config`.
"""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest

UNTOUCHED = ("", 0)  # what `server_address` returns before TODO 2


@pytest.fixture
def module() -> ModuleType:
    return importlib.import_module("ch02_config_exercise")


def address(module: ModuleType, settings: dict[str, object]) -> tuple[str, int]:
    got: tuple[str, int] = module.server_address(settings)
    if got == UNTOUCHED:
        pytest.fail(
            f"server_address({settings!r}) returned {got!r}, the placeholder: read the keys "
            "with `optional` and apply the defaults in `server_address` (TODO 2)",
            pytrace=False,
        )
    return got


def test_1_given_values_are_used(module: ModuleType) -> None:
    got = address(module, {"host": "example.org", "port": 443})
    assert got == ("example.org", 443), (
        f"server_address({{'host': 'example.org', 'port': 443}}) returned {got!r} (TODO 2)"
    )


def test_2_missing_keys_get_defaults(module: ModuleType) -> None:
    got = address(module, {})
    assert got == ("localhost", 8080), (
        f"server_address({{}}) returned {got!r}, expected ('localhost', 8080): apply the "
        "defaults with `.unwrap_or(...)` when `optional` returns None (TODO 2)"
    )


def test_3_none_means_missing(module: ModuleType) -> None:
    got = address(module, {"host": None, "port": None})
    assert got == ("localhost", 8080), (
        f"a key set to None should get its default, but the result was {got!r}; "
        "filter out None values in `optional` (TODO 1)"
    )


def test_4_a_wrong_type_names_the_key(module: ModuleType) -> None:
    try:
        got = address(module, {"port": "443"})
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


def test_5_an_int_out_of_range_is_not_called_a_wrong_type(module: ModuleType) -> None:
    try:
        got = address(module, {"port": 70000})
    except OverflowError:
        return
    except TypeError as error:
        pytest.fail(
            f"a port of 70000 raised TypeError({str(error)!r}), but 70000 IS an int: it is "
            "too big for a u16. Replace only TypeErrors with your message and pass any other "
            "error through unchanged (TODO 1)",
            pytrace=False,
        )
    pytest.fail(f"a port of 70000 gave {got!r}; it must raise OverflowError", pytrace=False)
