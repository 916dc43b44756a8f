"""One bad duration for each exception class: its class, its base and its message.

The book shows this script's output.
"""

from ch07_errors import DurationError, parse_duration

# ANCHOR: tour
BAD = ["", "h", "-5s", "1h30", "5min", "1h1h", "30m1h", "99999999999999999999s"]

for text in BAD:
    try:
        parse_duration(text)
    except DurationError as error:
        kind = type(error)
        print(f"{text!r} -> {kind.__name__}, a {kind.__base__.__name__}")
        print(f"    {error}")
        for note in getattr(error, "__notes__", []):
            print(f"    note: {note}")
        if error.__cause__ is not None:
            print(f"    cause: {error.__cause__!r}")
# ANCHOR_END: tour
