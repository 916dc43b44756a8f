"""A quiet machine before a benchmark: wait for the load to settle, refuse if it
does not, or (when the reader insists) mark the results as taken on a busy one.

The one-minute load average is what `os.getloadavg` reports (Linux, macOS):
the number of threads running or waiting for a core, averaged. Building the
release wheels just before a run raises it for a minute or two, so this waits
for it to come down first.
"""

from __future__ import annotations

import os
import time

#: Busy: more than this many runnable threads per core, on average.
PER_CORE = 0.5
#: How long to wait for the load to settle after a build.
PATIENCE = 180.0


def threshold() -> float:
    return PER_CORE * (os.cpu_count() or 1)


def load() -> float | None:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else None


def settle(patience: float = PATIENCE, poll: float = 5.0) -> str | None:
    """None once the machine is quiet (or cannot say); otherwise a sentence
    saying how busy it still is after `patience` seconds."""
    deadline = time.monotonic() + patience
    said = False
    while True:
        current = load()
        if current is None or current <= threshold():
            return None
        if time.monotonic() >= deadline:
            return (
                f"the machine is busy: load average {current:.2f} on {os.cpu_count()} cores "
                f"(quiet is {threshold():.1f} or less); close what runs and try again, or pass "
                "--allow-busy to measure anyway and have the results file say so"
            )
        if not said:
            print(
                f"--- waiting for the load to settle (now {current:.2f}, quiet is "
                f"{threshold():.1f} or less; up to {patience:.0f} s)",
                flush=True,
            )
            said = True
        time.sleep(poll)


def mark_busy(text: str, why: str) -> str:
    """`text`, a results file, with a loud line at the top of its machine block."""
    return text.replace("ANCHOR: machine\n", f"ANCHOR: machine\nBUSY MACHINE: {why}\n", 1)
