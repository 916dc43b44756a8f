"""A duration too large for 64 bits: a DurationError caused by an OverflowError.

The book shows this file whole, and the traceback it prints.
"""

from ch07_errors import parse_duration

parse_duration("99999999999999999999s")
