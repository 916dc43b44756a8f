"""An AtomicCounter shared by eight threads. The book shows this script's output."""

from __future__ import annotations

# ANCHOR: atomic
import threading

from ch06_attach import AtomicCounter

shared = AtomicCounter()


def add_many() -> None:
    for _ in range(100_000):
        shared.increment()


threads = [threading.Thread(target=add_many) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(f"8 threads x 100,000 increments: {shared.value:,}")
# ANCHOR_END: atomic
