"""Count words, in Rust."""

from wordcount._native import count_words

__all__ = ["count_words"]
