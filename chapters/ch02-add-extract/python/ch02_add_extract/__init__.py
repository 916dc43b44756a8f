"""Chapter 2 of the PyO3 cookbook: types coming into Rust.

Each function converts its Python arguments into Rust values before it does
any work, and each shows a different way of writing that conversion.
"""

from ch02_add_extract._native import (
    Config,
    add,
    add_by_hand,
    colour_to_hex,
    distance,
    distance_between_dicts,
    parse_config,
    slugify,
)

__all__ = [
    "Config",
    "add",
    "add_by_hand",
    "colour_to_hex",
    "distance",
    "distance_between_dicts",
    "parse_config",
    "slugify",
]
