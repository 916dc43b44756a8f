"""The compiled half of ch13_recipes: one section per recipe."""

import asyncio
import collections.abc as _iterators_abc
import typing as _iterators_typing
import typing as _logging_typing
from collections.abc import Callable as _Callable
from collections.abc import Sequence as _Sequence
from typing import Any as _Any
from typing import TypedDict as _TypedDict
from typing import final as _final

__all__ = [
    "Batched",
    "Envelope",
    "Money",
    "MoneyWithoutModule",
    "MoneyWithoutReduce",
    "SizeError",
    "Tally",
    "Ticker",
    "Version",
    "Words",
    "blocking_wait",
    "bridged_wait",
    "checksum",
    "coroutine_wait",
    "coroutine_wait_inline",
    "coroutine_wait_without_runtime",
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

def count_primes(below: int) -> int:
    """The number of primes below `below` (0 to 10**12). Ctrl-C stops it within about
    20 ms: KeyboardInterrupt, with a note saying how far it got."""

def count_primes_without_checks(below: int) -> int:
    """The same count, never looking for Ctrl-C: a KeyboardInterrupt lands only after
    it has returned, and the result is lost."""

def import_rows(rows: list[str]) -> int:
    """Parse "sku,quantity" rows; return how many were good. Logs to the loggers
    "ch13_recipes.logging" and "ch13_recipes.logging.rows"."""

def checksum(data: bytes) -> int:
    """The sum of the bytes, with a debug record per byte ("ch13_recipes.logging.hot")."""

def reset_logging_cache() -> None:
    """Forget the loggers and levels pyo3-log has cached; call after changing a level."""

def import_batches_in_threads(batches: list[list[str]]) -> int:
    """import_rows for each batch (at most 16), one Rust thread each."""

def report_with_tracing(imported: int, skipped: int) -> None:
    """A `tracing` span and event, delivered to Python's logging through `log`."""

@_logging_typing.final
class Ticker:
    """A Rust thread that logs "tick N" every `every_ms` ms until stopped."""

    def __new__(cls, every_ms: int) -> Ticker: ...
    def stop(self) -> int:
        """Stop the thread, wait for it; return how many ticks it logged (0 the second time)."""
    def __enter__(self) -> Ticker: ...
    def __exit__(self, *_exception: object) -> bool:
        """Stop the thread; never swallows the exception that ended the block."""

# ANCHOR: pickling_stub

@_final
class Money:
    """An amount in cents of a currency, such as Money(1250, 'EUR'): frozen,
    hashable, and pickled as the arguments of its constructor."""

    def __new__(cls, cents: int, currency: str) -> Money: ...
    @property
    def cents(self) -> int: ...
    @property
    def currency(self) -> str: ...
    def __getnewargs__(self) -> tuple[int, str]: ...
    def __copy__(self) -> Money: ...
    def __deepcopy__(self, memo: object) -> Money: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@_final
class Version:
    """A release version such as 1.4.2, made by Version.parse (there is no
    constructor) and pickled as Version.parse and its text."""

    @staticmethod
    def parse(text: str) -> Version: ...
    def __reduce__(self) -> tuple[_Callable[[str], Version], tuple[str]]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __lt__(self, other: Version, /) -> bool: ...
    def __le__(self, other: Version, /) -> bool: ...
    def __gt__(self, other: Version, /) -> bool: ...
    def __ge__(self, other: Version, /) -> bool: ...

class _TallyState(_TypedDict):
    """What Tally.__getstate__ returns (a plain dict at run time)."""

    version: int
    counts: dict[str, int]

@_final
class Tally:
    """How often each word was seen: mutable, pickled as its state."""

    def __new__(cls, words: _Sequence[str] = ...) -> Tally: ...
    def add(self, word: str, times: int = 1) -> None: ...
    def most_common(self, n: int) -> list[tuple[str, int]]: ...
    def __getitem__(self, key: str, /) -> int: ...
    def __len__(self) -> int: ...
    def __add__(self, value: Tally, /) -> Tally: ...
    def __radd__(self, value: Tally, /) -> Tally: ...
    def __getstate__(self) -> _TallyState: ...
    def __setstate__(self, state: _TallyState) -> None: ...

@_final
class Envelope:
    """A topic and any Python object as its body: copy.copy shares the body,
    copy.deepcopy copies it."""

    def __new__(cls, topic: str, body: _Any) -> Envelope: ...
    @property
    def topic(self) -> str: ...
    @property
    def body(self) -> _Any: ...
    def __getnewargs__(self) -> tuple[str, _Any]: ...

@_final
class MoneyWithoutModule:
    """DEMONSTRATION: no `module =`, so its __module__ is 'builtins' and
    pickle cannot find it."""

    def __new__(cls, cents: int) -> MoneyWithoutModule: ...
    @property
    def cents(self) -> int: ...
    def __getnewargs__(self) -> tuple[int]: ...

@_final
class MoneyWithoutReduce:
    """DEMONSTRATION: no __getnewargs__, so neither pickle nor copy can
    build it again."""

    def __new__(cls, cents: int) -> MoneyWithoutReduce: ...
    @property
    def cents(self) -> int: ...

# ANCHOR_END: pickling_stub

_IterT = _iterators_typing.TypeVar("_IterT")
_IterK = _iterators_typing.TypeVar("_IterK")
_IterV = _iterators_typing.TypeVar("_IterV")

@_iterators_typing.final
class Words:
    """The whitespace-separated words of a text, found one at a time."""

    def __new__(cls, text: str) -> Words: ...
    def __iter__(self) -> _iterators_typing.Self: ...
    def __next__(self) -> str: ...
    @property
    def position(self) -> int:
        """How many bytes (UTF-8) of the text have been read so far."""

def total(numbers: _iterators_abc.Iterable[int]) -> int:
    """The sum, one item at a time; OverflowError past 64 bits."""

def total_collected(numbers: _iterators_abc.Iterable[int]) -> int:
    """The same sum, after collecting every item first (to compare memory)."""

@_iterators_typing.final
class Batched(_iterators_typing.Generic[_IterT]):
    """Lists of up to `size` items from `items`, made as they are asked for."""

    def __new__(cls, items: _iterators_abc.Iterable[_IterT], size: int) -> Batched[_IterT]: ...
    def __iter__(self) -> _iterators_typing.Self: ...
    def __next__(self) -> list[_IterT]: ...

def list_visit(
    items: list[_IterT], callback: _iterators_abc.Callable[[_IterT], object]
) -> list[_IterT]:
    """Call callback(item) for each item; return the items it was called with."""

def dict_visit_panics(
    items: dict[_IterK, _IterV], callback: _iterators_abc.Callable[[_IterK, _IterV], object]
) -> list[_IterK]:
    """A demonstration: PanicException if the callback changes the dict's size."""

def dict_visit_snapshot(
    items: dict[_IterK, _IterV], callback: _iterators_abc.Callable[[_IterK, _IterV], object]
) -> list[_IterK]:
    """Visit the keys present at the start, over a copy of the items."""

def dict_visit_checked(
    items: dict[_IterK, _IterV], callback: _iterators_abc.Callable[[_IterK, _IterV], object]
) -> list[_IterK]:
    """Visit as Python does: RuntimeError if the callback changes the dict's size."""

# ANCHOR: rich_errors_stub
class SizeError(ValueError):
    """A text that is not a size such as '512', '10 kB' or '1 GiB'.

    parse_size sets three attributes, which pickle and copy keep: `text`,
    `position` (in characters, from 0) and `unit` (as written, or None).
    """

    text: str
    position: int
    unit: str | None

def parse_size(text: str) -> int:
    """The bytes in a size such as '512', '10 kB' or '1 GiB'; SizeError if it is not one."""

# ANCHOR_END: rich_errors_stub

def blocking_wait(ms: int) -> None:
    """Wait `ms` (0 to 60,000) milliseconds, detached. Called from a coroutine, it
    blocks the event loop all the same."""

def bridged_wait(ms: int) -> asyncio.Future[None]:
    """The same wait, as an asyncio future: pyo3-async-runtimes runs it on tokio's
    blocking pool. Call it from a coroutine: it needs the running loop."""

async def coroutine_wait(ms: int) -> None:
    """The same wait, as PyO3's own coroutine: the wait runs on tokio's blocking pool."""

async def coroutine_wait_inline(ms: int) -> None:
    """A demonstration: a PyO3 coroutine that waits in its own body, which blocks the loop."""

async def coroutine_wait_without_runtime(ms: int) -> None:
    """A demonstration: awaiting it raises pyo3_runtime.PanicException, because tokio's
    spawn_blocking finds no runtime on the event loop's thread."""
