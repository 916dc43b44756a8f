"""Rust's `log` records in Python's logging: names, levels, the cache, threads, tracing.

Every record below was made by a `log` macro in Rust (src/logging.rs) and
handed to Python's logging by pyo3-log.
"""

import logging
import sys
from unittest import mock

from ch13_recipes import (
    checksum,
    import_batches_in_threads,
    import_rows,
    report_with_tracing,
    reset_logging_cache,
)

# ANCHOR: setup
logging.basicConfig(
    stream=sys.stdout, format="%(name)-26s %(levelname)-8s %(message)s", level=logging.WARNING
)
package = logging.getLogger("ch13_recipes")
# ANCHOR_END: setup

print("-- every level, from two Rust modules (level 1: everything)")
package.setLevel(1)
import_rows(["tea,2", "cake,x", "scone"])

print("-- WARNING, then DEBUG: pyo3-log still has WARNING cached")
reset_logging_cache()
package.setLevel(logging.WARNING)
import_rows(["tea,2", "scone"])
package.setLevel(logging.DEBUG)
import_rows(["tea,2", "scone"])
print("-- after reset_logging_cache(), DEBUG")
reset_logging_cache()
import_rows(["tea,2", "scone"])

print("-- a debug! line per byte, with the level at INFO: calls into Python's logging")
calls = {"isEnabledFor": 0, "handle": 0}
is_enabled_for = logging.Logger.isEnabledFor
handle = logging.Logger.handle


def counting_is_enabled_for(logger: logging.Logger, level: int) -> bool:
    calls["isEnabledFor"] += 1
    return is_enabled_for(logger, level)


def counting_handle(logger: logging.Logger, record: logging.LogRecord) -> None:
    calls["handle"] += 1
    handle(logger, record)


package.setLevel(logging.INFO)
with (
    mock.patch.object(logging.Logger, "isEnabledFor", counting_is_enabled_for),
    mock.patch.object(logging.Logger, "handle", counting_handle),
):
    for size in (10, 1_000_000):
        reset_logging_cache()
        calls.update(isEnabledFor=0, handle=0)
        checksum(bytes(size))
        print(f"{size:>9,} bytes: isEnabledFor {calls['isEnabledFor']}, handle {calls['handle']}")

print("-- records from threads that Rust started (sorted: the threads interleave)")
package.setLevel(logging.DEBUG)
kept: list[logging.LogRecord] = []


class Keep(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        kept.append(record)


keep = Keep()
package.addHandler(keep)
package.propagate = False
import_batches_in_threads([["tea,1", "cake,2"], ["scone,x"]])
package.removeHandler(keep)
package.propagate = True
for record in sorted(kept, key=lambda record: record.getMessage()):
    where = "main thread" if record.threadName == "MainThread" else "a Rust thread"
    print(f"{record.levelname:<8} from {where}: {record.getMessage()}")

print("-- tracing's events and spans, through its `log` feature (root logger at level 1)")
logging.getLogger().setLevel(1)
report_with_tracing(3, 1)
