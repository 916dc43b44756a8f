"""A full traceback for a wrong argument type, as Python 3.11 and later print it."""

from ch02_add_extract import add

add(1, "two")
