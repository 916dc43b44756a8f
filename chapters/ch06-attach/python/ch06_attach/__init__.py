"""Chapter 6 of the PyO3 cookbook: attaching to the interpreter, and detaching from it.

`count_primes` does its CPU work detached, so other Python threads run
meanwhile; `count_primes_attached` does the same work holding on to the
interpreter. `call_from_threads` calls a Python function from threads that Rust
starts. `AtomicCounter` is safe to share between threads; `PlainCounter` shows
what PyO3 does when two callers want `&mut self` at once. `to_decimal` keeps
`decimal.Decimal` in a `PyOnceLock`.
"""

# ANCHOR: init
from ch06_attach._native import (
    AtomicCounter,
    PlainCounter,
    call_from_threads,
    count_primes,
    count_primes_attached,
    to_decimal,
)

__all__ = [
    "AtomicCounter",
    "PlainCounter",
    "call_from_threads",
    "count_primes",
    "count_primes_attached",
    "to_decimal",
]
# ANCHOR_END: init
