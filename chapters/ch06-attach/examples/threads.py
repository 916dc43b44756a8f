"""Rust threads calling Python: call_from_threads. The book shows this script's output."""

from __future__ import annotations

# ANCHOR: threads
import threading

from ch06_attach import call_from_threads

# ANCHOR: calls
calls: list[tuple[int, int]] = []
threads_seen: set[int] = set()


def record(thread_index: int, call_index: int) -> None:
    calls.append((thread_index, call_index))
    threads_seen.add(threading.get_ident())


made = call_from_threads(record, threads=3, calls_per_thread=2)
print(f"{made} calls: {sorted(calls)}")
elsewhere = threading.get_ident() not in threads_seen
print(f"on {len(threads_seen)} threads, none of them this one: {elsewhere}")
# ANCHOR_END: calls


# ANCHOR: raising
def refuse_one(thread_index: int, call_index: int) -> None:
    if (thread_index, call_index) == (2, 5):
        raise ValueError(f"thread {thread_index} refuses call {call_index}")


call_from_threads(refuse_one, threads=4, calls_per_thread=1_000)
# ANCHOR_END: raising
# ANCHOR_END: threads
