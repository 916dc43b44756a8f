"""Checks for workshop exercise ch03-bytes-out.

Each check says what to fix when it fails. Run them with
`uv run workshop check ch03-bytes-out`.
"""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest

# (input, its run-length encoding)
EXAMPLES = [
    (b"aaab", b"\x03a\x01b"),
    (b"abc", b"\x01a\x01b\x01c"),
    (b"\x00\x00", b"\x02\x00"),
    (b"a" * 300, b"\xffa\x2da"),
    (b"a" * 255 + b"b", b"\xffa\x01b"),
]


@pytest.fixture
def module() -> ModuleType:
    return importlib.import_module("ch03_bytes_exercise")


def show(data: bytes) -> str:
    """A short repr: some inputs are hundreds of bytes long."""
    return repr(data) if len(data) <= 12 else f"{data[:12]!r}... ({len(data)} bytes)"


def check_length(module: ModuleType, data: bytes, encoded: bytes) -> bytes:
    got: bytes = module.rle_encode(data)
    if len(got) != len(encoded):
        pytest.fail(
            f"rle_encode({show(data)}) returned {len(got)} bytes, expected {len(encoded)}: "
            "the length given to PyBytes::new_with must be two bytes per run, "
            "`2 * runs(data).count()` (TODO 1)",
            pytrace=False,
        )
    return got


def test_1_the_encoding_has_two_bytes_per_run(module: ModuleType) -> None:
    for data, encoded in EXAMPLES:
        check_length(module, data, encoded)


def test_2_each_run_is_written_as_length_then_byte(module: ModuleType) -> None:
    for data, encoded in EXAMPLES:
        got = check_length(module, data, encoded)
        if got == bytes(len(got)):
            pytest.fail(
                f"rle_encode({show(data)}) returned {show(got)}: the right length, but all "
                "zeros. Fill the buffer inside the new_with closure with [length, byte] "
                "per run (TODO 2)",
                pytrace=False,
            )
        assert got == encoded, (
            f"rle_encode({show(data)}) returned {show(got)}, expected {show(encoded)} (TODO 2)"
        )


def test_3_the_result_is_bytes(module: ModuleType) -> None:
    assert type(module.rle_encode(b"x")) is bytes
    assert module.rle_encode(b"") == b"", "nothing to encode gives b''"


def test_4_decoding_undoes_encoding(module: ModuleType) -> None:
    for data, encoded in EXAMPLES:
        got = module.rle_decode(encoded)
        assert got == data, (
            f"rle_decode({encoded!r}) returned {show(got)}, expected {show(data)}: add up the "
            "run lengths for the size, then fill each run with its byte (TODO 3)"
        )
    assert type(module.rle_decode(b"\x01x")) is bytes
    assert module.rle_decode(b"") == b""


@pytest.mark.parametrize(
    ("encoded", "problem"),
    [(b"\x03", "an odd length"), (b"\x02a\x00b", "a run of length 0")],
)
def test_5_decoding_refuses_what_encoding_never_makes(
    module: ModuleType, encoded: bytes, problem: str
) -> None:
    try:
        got = module.rle_decode(encoded)
    except ValueError:
        return
    pytest.fail(
        f"rle_decode({encoded!r}) returned {got!r}; input with {problem} is not run-length "
        "encoded: return `Err(PyValueError::new_err(...))` saying what is wrong (TODO 3)",
        pytrace=False,
    )
