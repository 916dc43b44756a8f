"""A likely mistake, with the note that says how to fix it (Python 3.11+).

The book shows this file whole, and the traceback it prints.
"""

from ch07_errors import parse_duration

parse_duration("30m1h")
