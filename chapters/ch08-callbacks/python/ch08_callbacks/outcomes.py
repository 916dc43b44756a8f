"""Build the tuples a task callback returns: `success()`, `retry()`, `failure()`.

The protocol between a callback and `Worker` is one flat tuple of
primitives, `(code, data, retry_after_ms)`, whatever happened:

    code 0   success: `data` is the task's result
    code 2   retry: call again, after `retry_after_ms` milliseconds (0: at once)
    other    failure: `data` is the reason, as UTF-8 text

These helpers build the tuples and check what they are given, so a mistake
shows up where it is made, not as a failed report later.
"""

from __future__ import annotations

from typing import TypeAlias

# ANCHOR: helpers
Outcome: TypeAlias = tuple[int, bytes, int]
"""What a task callback returns: `(code, data, retry_after_ms)`."""

SUCCESS = 0
FAILURE = 1
RETRY = 2


def success(data: bytes = b"") -> Outcome:
    """The task is done, and `data` is its result."""
    if not isinstance(data, bytes):
        raise TypeError(
            f"success() takes bytes, not {type(data).__name__}; "
            "encode text first, as in success(text.encode())"
        )
    return (SUCCESS, data, 0)


def retry(after_ms: int = 0) -> Outcome:
    """Call the task again, `after_ms` milliseconds from now (0: at once).

    `Worker` waits at most `MAX_RETRY_DELAY_MS`, however large `after_ms` is.
    """
    if isinstance(after_ms, bool) or not isinstance(after_ms, int):
        raise TypeError(f"retry() takes after_ms as an int, not {type(after_ms).__name__}")
    if after_ms < 0:
        raise ValueError(f"retry() needs after_ms of 0 or more, got {after_ms}")
    return (RETRY, b"", after_ms)


def failure(message: str) -> Outcome:
    """The task failed and should not be tried again; `message` says why.

    Text that UTF-8 cannot hold (a lone surrogate) is written as an escape,
    such as `\\udc80`: reporting a failure should not fail.
    """
    if not isinstance(message, str):
        raise TypeError(f"failure() takes the message as a str, not {type(message).__name__}")
    return (FAILURE, message.encode("utf-8", "backslashreplace"), 0)


# ANCHOR_END: helpers
