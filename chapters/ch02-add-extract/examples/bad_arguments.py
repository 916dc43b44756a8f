"""What each function says when it is given the wrong thing.

The book shows this script's output. Each call is wrong in a different way.
"""

from collections.abc import Callable

from ch02_add_extract import add, add_by_hand, colour_to_hex, parse_config

# ANCHOR: bad_calls
bad_calls: list[tuple[str, Callable[[], object]]] = [
    ('add("two", 3)', lambda: add("two", 3)),
    ('add_by_hand("two", 3)', lambda: add_by_hand("two", 3)),
    ("add(2**63, 0)", lambda: add(2**63, 0)),
    ("add(2**63 - 1, 1)", lambda: add(2**63 - 1, 1)),
    ('colour_to_hex("orange")', lambda: colour_to_hex("orange")),
    ('parse_config({"workers": "8"})', lambda: parse_config({"workers": "8"})),
    ('parse_config({"wokers": 8})', lambda: parse_config({"wokers": 8})),
]
for code, call in bad_calls:
    try:
        call()
    except Exception as error:
        print(f"{code}\n    {type(error).__name__}: {error}")
# ANCHOR_END: bad_calls
