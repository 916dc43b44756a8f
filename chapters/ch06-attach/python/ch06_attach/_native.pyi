# ANCHOR: stub
"""Type stubs for the compiled module. Keep in step with src/*.rs."""

from collections.abc import Callable
from decimal import Decimal
from typing import final

__all__ = [
    "AtomicCounter",
    "PlainCounter",
    "_deadlock_demo",
    "build_profile",
    "call_from_threads",
    "count_primes",
    "count_primes_attached",
    "to_decimal",
]

def count_primes(limit: int) -> int:
    """How many primes are below `limit` (0 to 10,000,000), computed detached."""

def count_primes_attached(limit: int) -> int:
    """The same count, computed while holding on to the interpreter."""

def call_from_threads(
    callback: Callable[[int, int], object], threads: int, calls_per_thread: int
) -> int:
    """Call `callback(thread_index, call_index)` from `threads` Rust threads (1 to 64),
    `calls_per_thread` times each (0 to 1,000,000); return the number of calls made."""

@final
class AtomicCounter:
    """A counter that any number of threads can increment at once."""

    def __new__(cls, start: int = 0) -> AtomicCounter: ...
    def increment(self, by: int = 1) -> int: ...
    @property
    def value(self) -> int: ...

@final
class PlainCounter:
    """A counter with `&mut self` methods: one caller at a time, or RuntimeError."""

    def __new__(cls, start: int = 0) -> PlainCounter: ...
    def increment(self, by: int = 1) -> int: ...
    def increment_and_call(self, callback: Callable[[int], object]) -> int: ...
    @property
    def value(self) -> int: ...

def to_decimal(text: str) -> Decimal:
    """`decimal.Decimal(text)`, with the class imported once and kept."""

def build_profile() -> str:
    """How the module was compiled: "debug" or "release"."""

def _deadlock_demo(fixed: bool) -> int:
    """A demonstration: with `fixed=False` it deadlocks and never returns."""

# ANCHOR_END: stub
