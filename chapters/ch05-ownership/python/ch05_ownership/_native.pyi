# ANCHOR: stub
"""Type stubs for the compiled module. Keep in step with src/*.rs."""

from collections.abc import Callable
from typing import final

__all__ = ["EventBus", "SharedCounter"]

@final
class EventBus:
    """Calls every subscribed callback, in subscription order, on `emit`."""

    def __new__(cls) -> EventBus: ...
    def subscribe(self, callback: Callable[..., object]) -> int:
        """Call `callback(*args)` on every `emit` until `unsubscribe(token)`."""
    def unsubscribe(self, token: int) -> bool:
        """Stop calling a callback; False if `token` is not subscribed."""
    def emit(self, *args: object) -> int:
        """Call every callback with `args`; return how many were called."""
    def __len__(self) -> int: ...

@final
class SharedCounter:
    """A count that several Python objects can share."""

    def __new__(cls, start: int = 0) -> SharedCounter: ...
    def share(self) -> SharedCounter:
        """A second object over the same count."""
    def increment(self) -> int:
        """Add one and return the new value; OverflowError at 2**64 - 1."""
    @property
    def value(self) -> int: ...
    @property
    def handles(self) -> int:
        """How many SharedCounter objects share this count."""

# ANCHOR_END: stub
