"""to_decimal keeps decimal.Decimal in a PyOnceLock."""

from __future__ import annotations

# ANCHOR: cache_test
import decimal
import subprocess
import sys
import threading

import pytest
from ch06_attach import to_decimal
from hypothesis import given
from hypothesis import strategies as st


def test_the_class_is_looked_up_once_and_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    original = decimal.Decimal
    to_decimal("1")  # the first call, in this process, fills the cache

    class Impostor(decimal.Decimal):
        pass

    monkeypatch.setattr(decimal, "Decimal", Impostor)
    # Python code that looks `decimal.Decimal` up sees the impostor...
    assert type(decimal.Decimal("2.5")) is Impostor
    # ...but to_decimal does not look it up again: it uses the class it kept.
    assert type(to_decimal("2.5")) is original


# ANCHOR_END: cache_test


def test_to_decimal_makes_a_decimal() -> None:
    value = to_decimal("1.25")
    assert type(value) is decimal.Decimal
    assert value == decimal.Decimal("1.25")
    assert to_decimal(" -3e5 ") == -300_000
    assert to_decimal("1_000") == 1000


@given(st.decimals(allow_nan=False))
def test_it_reads_what_decimal_writes(value: decimal.Decimal) -> None:
    assert to_decimal(str(value)) == value


def test_a_fresh_process_caches_whatever_decimal_decimal_is_at_the_first_call() -> None:
    # The other side of the same behaviour: the first call decides, for
    # the life of the process.
    code = """
import decimal
class Impostor(decimal.Decimal):
    pass
original = decimal.Decimal
decimal.Decimal = Impostor
from ch06_attach import to_decimal
first = type(to_decimal("1")).__name__
decimal.Decimal = original
print(first, type(to_decimal("1")).__name__)
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.split() == ["Impostor", "Impostor"]


def test_threads_that_race_for_the_first_call_agree() -> None:
    results: list[type] = []
    lock = threading.Lock()

    def convert() -> None:
        value = to_decimal("0.1")
        with lock:
            results.append(type(value))

    threads = [threading.Thread(target=convert) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [decimal.Decimal] * 8


# ANCHOR: cache_errors
@pytest.mark.parametrize("text", ["", "one", "1.2.3", "1,5"])
def test_text_that_is_not_a_number_is_a_value_error(text: str) -> None:
    with pytest.raises(ValueError, match="text must be a decimal number") as caught:
        to_decimal(text)
    assert str(caught.value) == (
        f"text must be a decimal number such as '1.25' or '-3e5', got {text!r}"
    )
    # What decimal itself raised is kept as the cause.
    assert isinstance(caught.value.__cause__, decimal.InvalidOperation)


def test_text_must_be_a_str() -> None:
    with pytest.raises(TypeError, match="'float' object is not an instance of 'str'"):
        to_decimal(1.5)  # type: ignore[arg-type]


# ANCHOR_END: cache_errors


def test_special_values_are_decimals_too() -> None:
    assert to_decimal("Infinity") == decimal.Decimal("Infinity")
    assert to_decimal("NaN").is_nan()
