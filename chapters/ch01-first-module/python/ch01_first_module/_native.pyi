# ANCHOR: stub
"""Type stubs for the compiled module. Keep in step with src/*.rs."""

from typing import final

__all__ = ["Message", "count_words"]

def count_words(text: str) -> int: ...

@final
class Message:
    def __new__(cls, text: str) -> Message: ...
    @property
    def text(self) -> str: ...
    @staticmethod
    def greet(name: str) -> str: ...
    def shout(self) -> str: ...

# ANCHOR_END: stub
