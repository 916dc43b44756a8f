"""Chapter 5 of the PyO3 cookbook: who owns a Python object that Rust holds.

`EventBus` keeps your callbacks in Rust and calls them on `emit`;
`SharedCounter` is one count behind several Python objects. Both are Rust
classes, exported as they are: their `__module__` is this package.
"""

# ANCHOR: init
from ch05_ownership._native import EventBus, SharedCounter

__all__ = ["EventBus", "SharedCounter"]
# ANCHOR_END: init
