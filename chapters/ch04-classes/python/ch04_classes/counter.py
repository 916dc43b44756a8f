"""`CharCounter`: a plain-Python face for the Rust `Counter`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from ch04_classes import _native

# ANCHOR: reset_names
ResetName = Literal["never", "space", "newline"]

_RESETS: dict[str, _native.Reset] = {
    "never": _native.Reset.NEVER,
    "space": _native.Reset.ON_SPACE,
    "newline": _native.Reset.ON_NEWLINE,
}
# Reset is hashable (`#[pyclass(frozen, eq, hash)]`), so it can be a dict key.
_NAMES: dict[_native.Reset, ResetName] = {
    _native.Reset.NEVER: "never",
    _native.Reset.ON_SPACE: "space",
    _native.Reset.ON_NEWLINE: "newline",
}


def _reset_from_name(name: object) -> _native.Reset:
    if not isinstance(name, str):
        raise TypeError(f"reset must be a str, not {type(name).__name__}")
    try:
        return _RESETS[name]
    except KeyError:
        choices = ", ".join(repr(choice) for choice in _RESETS)
        raise ValueError(f"reset must be one of {choices}; got {name!r}") from None


# ANCHOR_END: reset_names


# ANCHOR: wrapper
class CharCounter:
    """Looks for `char` occurring `min_count` times, with no reset in between.

    `reset` is "never", "space" (U+0020 only) or "newline" ('\\n' only). The
    work is done by `ch04_classes.Counter`, written in Rust; this class adds
    the string names and `count_lines`.
    """

    __slots__ = ("_inner",)

    def __init__(self, char: str, min_count: int, reset: ResetName = "never") -> None:
        self._inner = _native.Counter(char, min_count, _reset_from_name(reset))

    @property
    def char(self) -> str:
        return self._inner.char

    @property
    def min_count(self) -> int:
        return self._inner.min_count

    @min_count.setter
    def min_count(self, value: int) -> None:
        self._inner.min_count = value

    @property
    def reset(self) -> ResetName:
        return _NAMES[self._inner.reset]

    @reset.setter
    def reset(self, value: ResetName) -> None:
        self._inner.reset = _reset_from_name(value)

    def has_count(self, text: str) -> bool:
        """Whether `text` has the count; stops reading as soon as it knows."""
        return self._inner.has_count(text)

    def find(self, text: str) -> _native.Position | None:
        """Where in `text` the count is reached, or None."""
        return self._inner.find(text)

    def count_lines(self, lines: Iterable[str]) -> int:
        """How many of `lines` have the count; each line is checked on its own."""
        return sum(1 for line in lines if self._inner.has_count(line))

    def __repr__(self) -> str:
        return f"CharCounter({self.char!r}, {self.min_count}, reset={self.reset!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CharCounter):
            return NotImplemented
        return self._inner == other._inner

    # Mutable, like the Counter inside it: no hash.
    __hash__ = None  # type: ignore[assignment]


# ANCHOR_END: wrapper
