"""The Python half of the workshop's packaging exercise."""

from ch10_packaging._native import shout

__all__ = ["shout"]
