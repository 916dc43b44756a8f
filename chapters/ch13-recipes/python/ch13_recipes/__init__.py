"""Part IV of the PyO3 cookbook: recipes, each a short answer with tested code.

One Rust module per recipe, all compiled into `ch13_recipes._native` and
re-exported here. The recipes: Ctrl-C during long Rust work, logging into
Python's logging, pickling and copying a class, iterators and generators,
exceptions that carry data, and blocking work under asyncio.
"""

from ch13_recipes import _native
from ch13_recipes._native import (
    Batched,
    Envelope,
    Money,
    SizeError,
    Tally,
    Ticker,
    Version,
    Words,
    blocking_wait,
    bridged_wait,
    checksum,
    coroutine_wait,
    count_primes,
    count_primes_without_checks,
    dict_visit_checked,
    dict_visit_panics,
    dict_visit_snapshot,
    import_batches_in_threads,
    import_rows,
    list_visit,
    parse_size,
    report_with_tracing,
    reset_logging_cache,
    total,
    total_collected,
)

__all__ = [
    "Batched",
    "Envelope",
    "Money",
    "SizeError",
    "Tally",
    "Ticker",
    "Version",
    "Words",
    "_native",
    "blocking_wait",
    "bridged_wait",
    "checksum",
    "coroutine_wait",
    "count_primes",
    "count_primes_without_checks",
    "dict_visit_checked",
    "dict_visit_panics",
    "dict_visit_snapshot",
    "import_batches_in_threads",
    "import_rows",
    "list_visit",
    "parse_size",
    "report_with_tracing",
    "reset_logging_cache",
    "total",
    "total_collected",
]
