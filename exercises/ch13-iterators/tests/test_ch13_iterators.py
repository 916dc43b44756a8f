"""Checks for workshop exercise ch13-iterators.

Each check says what to fix when it fails. Run them with
`uv run workshop check ch13-iterators`.

`Chunks(data, size)` is a Rust iterator over a bytes object, `size` bytes at a
time: `list(Chunks(b"abcdefg", 3)) == [b"abc", b"def", b"g"]`.
"""

from __future__ import annotations

import importlib
import itertools
import operator
from types import ModuleType

import pytest
from cookbook.testing import raises_only_ordinary_exceptions, wrong_kinds
from hypothesis import given, settings

HUGE = 2**64 - 1  # the largest size a usize holds


@pytest.fixture
def module() -> ModuleType:
    return importlib.import_module("ch13_exercise")


def drain(chunks: object) -> list[object]:
    """Every chunk, by calling next() until StopIteration, as a for loop does."""
    got = []
    while True:
        try:
            got.append(next(chunks))  # type: ignore[call-overload]
        except StopIteration:
            return got


# --- TODO 1: __iter__ ---------------------------------------------------------------------


def test_1_an_iterator_is_its_own_iterator(module: ModuleType) -> None:
    chunks = module.Chunks(b"abc", 2)
    got = iter(chunks)
    assert got is chunks, (
        f"iter(chunks) returned {got!r}, not chunks itself: __iter__ gives back `slf`, "
        "the very object it was called on (TODO 1)"
    )


# --- TODO 2: __next__ ---------------------------------------------------------------------

CASES: list[tuple[bytes, int, list[bytes]]] = [
    (b"abcdefg", 3, [b"abc", b"def", b"g"]),
    (b"abcdef", 3, [b"abc", b"def"]),
    (b"abc", 1, [b"a", b"b", b"c"]),
    (b"ab", 5, [b"ab"]),
    (b"abc", HUGE, [b"abc"]),
    (b"", 4, []),
    (bytes(range(256)), 100, [bytes(range(100)), bytes(range(100, 200)), bytes(range(200, 256))]),
]


def test_2_the_chunks_come_in_order(module: ModuleType) -> None:
    for data, size, expected in CASES:
        got = drain(module.Chunks(data, size))
        assert got == expected, (
            f"Chunks({data[:12]!r}, {size}) gave {got!r}; expected {expected!r}: each chunk "
            "is `size` bytes from `self.position`, or what is left if that is less (TODO 2)"
        )
        assert all(type(chunk) is bytes for chunk in got), "each chunk should be a bytes object"


def test_3_python_can_loop_over_it(module: ModuleType) -> None:
    collected = [chunk for chunk in module.Chunks(b"abcdefg", 3)]
    assert collected == [b"abc", b"def", b"g"], f"a for loop over Chunks gave {collected!r}"
    first_two = list(itertools.islice(module.Chunks(b"abcdefgh", 2), 2))
    assert first_two == [b"ab", b"cd"], f"islice(Chunks(b'abcdefgh', 2), 2) gave {first_two!r}"
    assert b"".join(module.Chunks(b"a longer message", 4)) == b"a longer message"


def test_4_a_used_up_iterator_stays_used_up(module: ModuleType) -> None:
    chunks = module.Chunks(b"abc", 2)
    drain(chunks)
    for attempt in range(1, 4):
        try:
            extra = next(chunks)
        except StopIteration:
            continue
        pytest.fail(
            f"call {attempt} of next() after the end returned {extra!r}; once an iterator "
            "has raised StopIteration, it raises it every time after: return None (TODO 2)",
            pytrace=False,
        )


# --- TODO 3: __length_hint__ --------------------------------------------------------------


def length_hint(chunks: object) -> int:
    """operator.length_hint(chunks); a panic becomes a failed check that says why."""
    try:
        return operator.length_hint(chunks)
    except BaseException as error:
        if type(error).__name__ != "PanicException":
            raise
        message = str(error)
    # Failing outside the `except` block keeps the panic out of the report.
    pytest.fail(
        f"__length_hint__ panicked: {message}\n  -> `(left + size - 1) / size` overflows "
        "when size is close to usize::MAX, as in Chunks(b'abc', 2**64 - 1): "
        "`left.div_ceil(self.size)` rounds up without overflowing (TODO 3)",
        pytrace=False,
    )


def test_5_it_says_how_many_chunks_are_left(module: ModuleType) -> None:
    if not hasattr(module.Chunks, "__length_hint__"):
        pytest.fail(
            "Chunks has no __length_hint__ yet: add `fn __length_hint__(&self, py: "
            "Python<'_>) -> usize` to the #[pymethods] block (TODO 3)",
            pytrace=False,
        )
    for data, size, expected in CASES:
        hint = length_hint(module.Chunks(data, size))
        assert hint == len(expected), (
            f"length_hint(Chunks({data[:12]!r}, {size})) is {hint}; {len(expected)} chunks "
            "are to come: the bytes left, divided by size, rounded up with div_ceil (TODO 3)"
        )
    chunks = module.Chunks(b"abcdefg", 3)
    counts = [length_hint(chunks)]
    for _ in chunks:
        counts.append(length_hint(chunks))
    assert counts == [3, 2, 1, 0], (
        f"length_hint while iterating Chunks(b'abcdefg', 3) went {counts}; expected "
        "[3, 2, 1, 0]: count from self.position, not from the start (TODO 3)"
    )


# --- anything at all ----------------------------------------------------------------------


def test_6_bad_arguments_raise_ordinary_exceptions(module: ModuleType) -> None:
    with pytest.raises(ValueError, match="size must be at least 1"):
        module.Chunks(b"abc", 0)

    @settings(deadline=None)
    @given(wrong_kinds())
    def anything(value: object) -> None:
        raises_only_ordinary_exceptions(module.Chunks, value, 2)
        raises_only_ordinary_exceptions(module.Chunks, b"abc", value)

    anything()
