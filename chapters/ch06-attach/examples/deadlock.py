"""A Mutex held across an attach: `python examples/deadlock.py fixed` or `... deadlock`.

With `deadlock` this never ends: the thread that called `_deadlock_demo` holds
the GIL and waits for a lock, while the thread holding the lock waits for the
GIL. Stop it by killing the process (Ctrl-C cannot reach a thread that never
returns to Python). The tests run it with a timeout and kill it; the book
shows the output of `fixed`.
"""

from __future__ import annotations

# ANCHOR: run
import sys

from ch06_attach import _native

mode = sys.argv[1] if len(sys.argv) > 1 else ""
if mode not in ("fixed", "deadlock"):
    sys.exit("usage: deadlock.py fixed|deadlock")
fixed = mode == "fixed"
print(f"_deadlock_demo(fixed={fixed}): a worker thread takes the lock, then attaches", flush=True)
entries = _native._deadlock_demo(fixed)
print(f"finished: the worker wrote {entries} entry while holding the lock", flush=True)
# ANCHOR_END: run
