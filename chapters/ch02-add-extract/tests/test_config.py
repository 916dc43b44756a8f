"""parse_config: defaults only for missing keys, None as missing, wrong types named."""

from __future__ import annotations

import math
from typing import Any

import pytest
from ch02_add_extract import parse_config
from hypothesis import given
from hypothesis import strategies as st

# ANCHOR: config_tests
DEFAULTS: dict[str, Any] = {
    "redis_url": "redis://127.0.0.1:6379",
    "workers": 4,
    "timeout_seconds": 30.0,
    "queue": "default",
}


def as_dict(config: object) -> dict[str, Any]:
    return {key: getattr(config, key) for key in DEFAULTS}


def test_an_empty_dict_gives_every_default() -> None:
    assert as_dict(parse_config({})) == DEFAULTS


def test_none_means_use_the_default() -> None:
    assert parse_config({"workers": None}).workers == 4


def test_a_wrong_type_names_the_key_and_the_expected_type() -> None:
    with pytest.raises(TypeError, match=r"config\['workers'\] must be int, not str"):
        parse_config({"workers": "8"})


def test_a_misspelt_key_is_reported_not_ignored() -> None:
    with pytest.raises(ValueError, match='unknown config key "wokers"'):
        parse_config({"wokers": 8})


# ANCHOR_END: config_tests


def test_given_values_replace_the_defaults() -> None:
    config = parse_config(
        {"redis_url": "redis://cache:6380/1", "workers": 16, "timeout_seconds": 2.5, "queue": "hi"}
    )
    assert as_dict(config) == {
        "redis_url": "redis://cache:6380/1",
        "workers": 16,
        "timeout_seconds": 2.5,
        "queue": "hi",
    }


def test_an_int_timeout_is_accepted_as_a_float() -> None:
    assert parse_config({"timeout_seconds": 5}).timeout_seconds == 5.0


def test_bool_is_not_a_number_of_workers() -> None:
    with pytest.raises(TypeError, match=r"config\['workers'\] must be int, not bool"):
        parse_config({"workers": True})


def test_a_str_where_a_float_belongs() -> None:
    with pytest.raises(TypeError, match=r"config\['timeout_seconds'\] must be float, not str"):
        parse_config({"timeout_seconds": "30"})


def test_zero_workers_is_a_value_error() -> None:
    with pytest.raises(ValueError, match=r"config\['workers'\] must be at least 1"):
        parse_config({"workers": 0})


# ANCHOR: passes_through
@pytest.mark.parametrize("workers", [-1, 2**32, 2**64, 10**100])
def test_an_int_out_of_range_stays_an_overflow_error_with_a_note(workers: int) -> None:
    with pytest.raises(OverflowError) as caught:
        parse_config({"workers": workers})
    assert type(caught.value) is OverflowError
    assert "must be int" not in str(caught.value)
    assert caught.value.__notes__ == ["while reading config['workers']"]


class BrokenIndex:
    """An int-like object whose `__index__` fails for its own reasons."""

    def __init__(self) -> None:
        self.error = RuntimeError("the settings service is down")

    def __index__(self) -> int:
        raise self.error


def test_any_other_error_from_a_value_passes_through_unchanged() -> None:
    value = BrokenIndex()
    with pytest.raises(RuntimeError) as caught:
        parse_config({"workers": value})
    # The very exception `__index__` raised, not a TypeError about the key.
    assert caught.value is value.error
    assert str(caught.value) == "the settings service is down"
    assert caught.value.__notes__ == ["while reading config['workers']"]


# ANCHOR_END: passes_through


@pytest.mark.parametrize("timeout", [0, -1.5, math.inf, math.nan])
def test_a_timeout_must_be_a_positive_finite_number(timeout: float) -> None:
    with pytest.raises(ValueError, match=r"config\['timeout_seconds'\] must be a positive"):
        parse_config({"timeout_seconds": timeout})


def test_keys_must_be_strings() -> None:
    with pytest.raises(TypeError, match="config keys must be str, not int: 1"):
        parse_config({1: "one"})  # type: ignore[dict-item]


def test_only_a_dict_is_accepted() -> None:
    with pytest.raises(TypeError, match="'list' object is not an instance of 'dict'"):
        parse_config([("workers", 4)])  # type: ignore[arg-type]


def test_config_repr_shows_every_field() -> None:
    assert repr(parse_config({"workers": 2})) == (
        'Config(redis_url="redis://127.0.0.1:6379", workers=2, timeout_seconds=30.0, '
        'queue="default")'
    )


valid_values = st.fixed_dictionaries(
    {},
    optional={
        "redis_url": st.one_of(st.none(), st.text()),
        "workers": st.one_of(st.none(), st.integers(1, 2**32 - 1)),
        "timeout_seconds": st.one_of(
            st.none(), st.floats(min_value=1e-9, max_value=1e9), st.integers(1, 10**6)
        ),
        "queue": st.one_of(st.none(), st.text()),
    },
)


@given(valid_values)
def test_parse_config_matches_a_plain_python_reading(config: dict[str, Any]) -> None:
    expected = {key: DEFAULTS[key] if config.get(key) is None else config[key] for key in DEFAULTS}
    assert as_dict(parse_config(config)) == expected
