"""Chapter 3 of the PyO3 cookbook: values crossing out of Rust, and the copies at the boundary.

Everything a caller needs is importable from here. The compiled Rust code lives
in the private ``_native`` module.
"""

# ANCHOR: init
from ch03_into_python._native import (
    code_points,
    encode_utf8,
    export_csv,
    filled_in_place,
    filled_via_vec,
    first_bytes,
    len_of_backed_bytes,
    len_of_backed_str,
    len_of_slice,
    len_of_str,
    len_of_string,
    len_of_vec,
    min_max,
    split_words,
    text_stats,
    word_frequencies,
)

__all__ = [
    "code_points",
    "encode_utf8",
    "export_csv",
    "filled_in_place",
    "filled_via_vec",
    "first_bytes",
    "len_of_backed_bytes",
    "len_of_backed_str",
    "len_of_slice",
    "len_of_str",
    "len_of_string",
    "len_of_vec",
    "min_max",
    "split_words",
    "text_stats",
    "word_frequencies",
]
# ANCHOR_END: init
