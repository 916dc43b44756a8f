# ANCHOR: stub
"""Type stubs for the compiled module. Keep in step with src/*.rs."""

from collections.abc import Callable, Sequence
from typing import Final, Literal, final

from ch08_callbacks.outcomes import Outcome

__all__ = ["MAX_RETRY_DELAY_MS", "MAX_TRIES", "Report", "Worker"]

MAX_TRIES: Final[int]
"""The most calls `Worker.run` makes for one task (`max_tries`)."""
MAX_RETRY_DELAY_MS: Final[int]
"""The longest wait before a retry: a larger `retry_after_ms` waits this long."""

@final
class Worker:
    """Runs tasks by calling `callback(task_id, payload, tries)`.

    TypeError if `callback` cannot be called; ValueError unless `max_tries`
    is from 1 to MAX_TRIES.
    """

    def __new__(
        cls, callback: Callable[[str, bytes, int], Outcome], *, max_tries: int = 3
    ) -> Worker: ...
    @property
    def max_tries(self) -> int: ...
    def run(self, task_id: str, payload: bytes) -> Report:
        """Call the callback until it succeeds, fails or runs out of tries.

        Returns a Report whatever the callback does, except raise a
        BaseException that is not an Exception (KeyboardInterrupt,
        SystemExit): that propagates.
        """
    def run_many(self, tasks: Sequence[tuple[str, bytes]]) -> list[Report]:
        """`run` each task in order. TypeError, before any task runs, if an
        item is not a (str, bytes) tuple."""

@final
class Report:
    """How a task ended. Frozen; equal reports compare equal and hash alike."""

    @property
    def status(self) -> Literal["success", "failed"]: ...
    @property
    def data(self) -> bytes:
        """The task's result; b"" when it failed."""
    @property
    def tries(self) -> int:
        """How many times the callback was called."""
    @property
    def error(self) -> str | None:
        """Why the task failed; None on success."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

# ANCHOR_END: stub
