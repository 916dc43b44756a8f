"""Chapter 1 of the PyO3 cookbook: a first extension module.

Everything a caller needs is importable from here. The compiled Rust code lives
in the private ``_native`` module and may change shape without notice.
"""

# ANCHOR: init
from ch01_first_module._native import count_words
from ch01_first_module.message import Message

__all__ = ["Message", "count_words"]
# ANCHOR_END: init
