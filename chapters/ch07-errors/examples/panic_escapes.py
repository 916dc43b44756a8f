"""A Rust panic is not an Exception: `except Exception` lets it through.

`average_panicking` is the chapter's deliberate bad example. The book shows
this file whole, and what it prints.
"""

from ch07_errors import average_panicking

try:
    average_panicking([])
except Exception as error:
    print("handled:", error)  # never printed
