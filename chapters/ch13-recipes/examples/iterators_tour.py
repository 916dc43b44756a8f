"""Iterators across the boundary: a Rust iterator in Python, a Python generator in Rust,
and what happens when Python changes a container while Rust walks it."""

import functools
import gc
import itertools
import os
import tracemalloc
from collections.abc import Callable, Iterator

from ch13_recipes import (
    Batched,
    Words,
    dict_visit_checked,
    dict_visit_panics,
    dict_visit_snapshot,
    list_visit,
    total,
    total_collected,
)

print("-- Words: a Rust iterator")
words = Words("the quick  brown\tfox")
print("first word:", next(words), "| bytes read so far:", words.position)
print("the rest:", list(words))
print("after the end:", list(words), "(StopIteration again, every time)")
print("islice:", list(itertools.islice(Words("a b c d e"), 2)))

print("-- total: a generator of 1,000,000 numbers, summed in Rust")


def numbers(count: int) -> Iterator[int]:
    for n in range(count):
        yield n + 1_000


for consume in (total, total_collected):
    gc.collect()
    tracemalloc.start()
    result = consume(numbers(1_000_000))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    size = "under 100 kB" if peak < 100_000 else "over 20 MB" if peak > 20_000_000 else "between"
    print(f"{consume.__name__}: {result}, peak memory {size}")


class FeedCut(Exception):
    pass


def failing() -> Iterator[int]:
    yield 1
    raise FeedCut("the feed was cut")


try:
    total(failing())
except FeedCut as error:
    print("the generator's own exception:", repr(error))

print("-- Batched: a Rust iterator over a Python iterator")
print(list(Batched(range(7), 3)))

print("-- a list changed while Rust walks it")
items = [1, 2, 3]
print("append:", list_visit(items, lambda item: items.append(item * 10)), "->", items)
items = [1, 2, 3, 4, 5]
print("remove:", list_visit(items, items.remove), "->", items)

print("-- a dict that grows while Rust walks it")


def grow(items: dict[str, int]) -> Callable[[str, int], None]:
    def callback(key: str, value: int) -> None:
        items[key + "!"] = value

    return callback


def stderr_silenced(action: Callable[[], object]) -> object:
    """Run action() with file descriptor 2 closed off: a panic prints its source
    location, a path that differs from machine to machine, to stderr."""
    saved = os.dup(2)
    with open(os.devnull, "w") as devnull:
        os.dup2(devnull.fileno(), 2)
        try:
            return action()
        finally:
            os.dup2(saved, 2)
            os.close(saved)


for visit in (dict_visit_snapshot, dict_visit_checked, dict_visit_panics):
    growing = {"a": 1, "b": 2}
    try:
        seen = stderr_silenced(functools.partial(visit, growing, grow(growing)))
        print(f"{visit.__name__}: visited {seen}, dict now {growing}")
    except BaseException as error:  # a PanicException is a BaseException
        print(f"{visit.__name__}: {type(error).__name__}: {error}")
