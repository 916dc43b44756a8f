"""The public ``Message`` class, a thin Python layer over the Rust one."""

from __future__ import annotations

from ch01_first_module import _native


# ANCHOR: wrapper
class Message:
    """A short piece of text that can be shouted.

    The text is stored and processed by ``_native.Message``, written in Rust.
    This class adds what Python users expect of a value: a readable ``repr``,
    equality, and a stable place for documentation.
    """

    __slots__ = ("_inner",)

    def __init__(self, text: str) -> None:
        self._inner = _native.Message(text)

    @property
    def text(self) -> str:
        return self._inner.text

    @staticmethod
    def greet(name: str) -> str:
        """Return a greeting for ``name``."""
        return _native.Message.greet(name)

    def shout(self) -> str:
        """Return the text in capitals; raise ``ValueError`` if it is blank."""
        return self._inner.shout()

    def __repr__(self) -> str:
        return f"Message({self.text!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Message):
            return NotImplemented
        return self.text == other.text

    def __hash__(self) -> int:
        return hash(self.text)


# ANCHOR_END: wrapper
