"""Every measurement of the book, in one pyperf run.

Run it through `uv run cookbook bench` (or `make bench`), which builds the
chapters in release mode into a separate environment, runs this script there,
and turns pyperf's JSON into the tables the book includes. Run by hand, it
refuses to measure anything that was not installed from a release wheel.

pyperf runs each benchmark in several fresh processes, calibrates how many
loops make one value, discards warm-up values, and records the machine. Each
`time_*` function below takes the number of loops pyperf asks for, times only
the work (never the set-up), and returns the seconds it took.

This module imports nothing from the chapters at the top, so that the harness
can read `TABLES` from it without loading any compiled module.
"""

from __future__ import annotations

import asyncio
import functools
import importlib
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter
from typing import Any, Literal

ROWS = 100_000
COLUMNS = 6
FLOATS = 100_000
COPY_SIZE = 1 << 20  # 1 MiB
PRIME_LIMIT = 150_000
TASKS = 1_000
AWAITS_AT_ONCE = 1_000


@dataclass(frozen=True)
class Row:
    """One line of a table: `name` is the pyperf benchmark, `label` what the reader sees."""

    name: str
    label: str
    # "times": time / baseline time. "speed-up": threads x baseline time / time.
    threads: int = 1


@dataclass(frozen=True)
class Table:
    anchor: str
    title: str
    baseline: str
    ratio: Literal["times", "speed-up"]
    rows: tuple[Row, ...]


# ANCHOR: tables
TABLES = (
    Table(
        "calls",
        "One call, 1 + 2: the price of crossing into Rust",
        baseline="operator.add",
        ratio="times",
        rows=(
            Row("operator.add", "operator.add(1, 2), C"),
            Row("python-add", "a Python def add(a, b)"),
            Row("rust-add", "ch10 add(1, 2), Rust"),
            Row("rust-add-wrapped", "a Python def calling ch10 add"),
        ),
    ),
    Table(
        "floats",
        f"Adding {FLOATS:,} floats: when converting costs more than the work",
        baseline="sum-list",
        ratio="times",
        rows=(
            Row("sum-list", "sum(list)"),
            Row("sum-floats", "sum_floats(list), Rust, Vec<f64>"),
            Row("sum-array", "sum(array('d'))"),
            Row("sum-buffer", "sum_buffer(array('d')), Rust, buffer"),
        ),
    ),
    Table(
        "copies",
        "Chapter 3: 1 MiB across the boundary, copied or borrowed",
        baseline="len-of-str",
        ratio="times",
        rows=(
            Row("len-of-str", "str in as &str (borrowed)"),
            Row("len-of-string", "str in as String (copied)"),
            Row("len-of-slice", "bytes in as &[u8] (borrowed)"),
            Row("len-of-vec", "bytes in as Vec<u8> (copied)"),
            Row("filled-in-place", "bytes out with new_with"),
            Row("filled-via-vec", "bytes out from a Vec<u8>"),
        ),
    ),
    Table(
        "export",
        f"Chapter 3: {ROWS:,} rows x {COLUMNS} str columns to CSV bytes (or JSON)",
        baseline="export-csv",
        ratio="times",
        rows=(
            Row("export-csv", "export_csv, Rust"),
            Row("export-csv-in-place", "export_csv_in_place, its first version"),
            Row("csv-dictwriter", "csv.DictWriter"),
            Row("csv-writer", "csv.writer"),
            Row("orjson-dumps", "orjson.dumps (JSON, not CSV)"),
        ),
    ),
    Table(
        "export-quoted",
        "Chapter 3: the same rows, with a third of their fields needing quotes",
        baseline="export-csv-quoted",
        ratio="times",
        rows=(
            Row("export-csv-quoted", "export_csv, Rust"),
            Row("csv-dictwriter-quoted", "csv.DictWriter"),
            Row("csv-writer-quoted", "csv.writer"),
            Row("orjson-dumps-quoted", "orjson.dumps (JSON, not CSV)"),
        ),
    ),
    Table(
        "threads",
        f"Chapter 6: count_primes({PRIME_LIMIT:,}) in every thread",
        baseline="primes-detached-1",
        ratio="speed-up",
        rows=(
            Row("primes-detached-1", "detached, 1 thread", threads=1),
            Row("primes-detached-2", "detached, 2 threads", threads=2),
            Row("primes-detached-4", "detached, 4 threads", threads=4),
            Row("primes-attached-2", "attached, 2 threads", threads=2),
            Row("primes-attached-4", "attached, 4 threads", threads=4),
        ),
    ),
    Table(
        "awaits",
        "Chapter 9: one await",
        baseline="await-coroutine",
        ratio="times",
        rows=(
            Row("await-coroutine", "a plain async def"),
            Row("await-asyncio-sleep", "asyncio.sleep(0)"),
            Row("await-bridge", "bridge sleep(0), one at a time"),
            Row("await-bridge-gathered", f"bridge sleep(0), {AWAITS_AT_ONCE:,} gathered"),
        ),
    ),
    Table(
        "worker",
        f"Chapter 8: one task of {TASKS:,}, the callback answering success",
        baseline="python-loop",
        ratio="times",
        rows=(
            Row("python-loop", "a Python loop calling the callback"),
            Row("worker-run-many", "Worker.run_many, Rust"),
        ),
    ),
)
# ANCHOR_END: tables

# The packages whose compiled code is measured. Each must come from a wheel
# installed in this environment, and those that can say how they were built
# (`build_profile()`) must say "release".
MEASURED = (
    "ch03_into_python",
    "ch06_attach",
    "ch08_callbacks",
    "ch09_async_bridge",
    "ch10_abi3_wheels",
    "ch11_benchmarks",
)


def not_a_release_install() -> str | None:
    """Why the compiled modules are not fit to be timed, or None when they are."""
    site = Path(sysconfig_purelib()).resolve()
    for package in MEASURED:
        native = importlib.import_module(f"{package}._native")
        location = Path(native.__file__ or "").resolve()
        if site not in location.parents:
            return (
                f"{package} was imported from {location}, not from a wheel installed in "
                f"{site}: run the benchmarks with `uv run cookbook bench`, which builds "
                "release wheels and installs them in an environment of their own"
            )
        profile = getattr(native, "build_profile", None)
        if profile is not None and profile() != "release":
            return f"{package} is a {profile()} build; timings of a debug build mean nothing"
    return None


def sysconfig_purelib() -> str:
    import sysconfig

    return sysconfig.get_paths()["purelib"]


def timed(function: Callable[[], object]) -> Callable[[int], float]:
    """A pyperf time function that calls `function` `loops` times."""

    def time(loops: int) -> float:
        started = perf_counter()
        for _ in range(loops):
            function()
        return perf_counter() - started

    return time


# ANCHOR: rows
@functools.cache
def rows() -> list[dict[str, str]]:
    """The table the CSV benchmarks write: short ASCII words and numbers,
    the same keys in the same order in every row, built once per process."""
    keys = [f"column_{index}" for index in range(COLUMNS)]
    words = ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta")
    return [
        {
            key: f"{words[(row + column) % len(words)]} {row * 7919 % 1_000_003}"
            for column, key in enumerate(keys)
        }
        for row in range(ROWS)
    ]


# ANCHOR_END: rows


# ANCHOR: quoted_rows
@functools.cache
def quoted_rows() -> list[dict[str, str]]:
    """The same table, except that a third of the fields need quotes in CSV:
    one in nine holds a comma, one in nine a pair of quotes, one in nine a
    line break. (JSON escapes the quotes and the line breaks.)"""
    plain = rows()
    return [
        {
            key: with_specials(row_number, column, text)
            for column, (key, text) in enumerate(row.items())
        }
        for row_number, row in enumerate(plain)
    ]


def with_specials(row: int, column: int, text: str) -> str:
    word, number = text.split(" ")
    match (row + column) % 9:
        case 0:
            return f"{word}, {number}"
        case 3:
            return f'{word} "{number}"'
        case 6:
            return f"{word}\n{number}"
        case _:
            return text


# ANCHOR_END: quoted_rows


def export_functions() -> dict[str, Callable[[], object]]:
    return csv_functions(rows(), suffix="", with_first_version=True)


def quoted_export_functions() -> dict[str, Callable[[], object]]:
    return csv_functions(quoted_rows(), suffix="-quoted", with_first_version=False)


def csv_functions(
    table: list[dict[str, str]], suffix: str, with_first_version: bool
) -> dict[str, Callable[[], object]]:
    import csv
    import io

    import orjson
    from ch03_into_python import export_csv
    from ch03_into_python._native import export_csv_in_place

    header = list(table[0])

    def dict_writer() -> bytes:
        buffer = io.StringIO(newline="")
        writer = csv.DictWriter(buffer, fieldnames=header)
        writer.writeheader()
        writer.writerows(table)
        return buffer.getvalue().encode()

    def plain_writer() -> bytes:
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(row.values() for row in table)
        return buffer.getvalue().encode()

    expected = dict_writer()
    checked = (export_csv, export_csv_in_place) if with_first_version else (export_csv,)
    for function in checked:
        if function(table, "EUR") != expected:  # measure only what is right
            raise SystemExit(f"{function.__name__} does not write what csv.DictWriter writes")
    functions: dict[str, Callable[[], object]] = {
        "export-csv": lambda: export_csv(table, "EUR"),
        "csv-dictwriter": dict_writer,
        "csv-writer": plain_writer,
        "orjson-dumps": lambda: orjson.dumps(table),
    }
    if with_first_version:
        functions["export-csv-in-place"] = lambda: export_csv_in_place(table, "EUR")
    return {name + suffix: function for name, function in functions.items()}


# Calls that take nanoseconds are timed with pyperf's `timeit`, which compiles
# the statement into its loop: a lambda around them would cost more than they do.
TIMEIT: dict[str, tuple[str, str]] = {
    "operator.add": ("add(1, 2)", "from operator import add"),
    "python-add": ("add(1, 2)", "def add(a, b):\n    return a + b"),
    "rust-add": ("add(1, 2)", "from ch10_abi3_wheels import add"),
    # Chapter 1's pattern: a Python function in front of the Rust one.
    "rust-add-wrapped": (
        "add(1, 2)",
        "from ch10_abi3_wheels import add as rust_add\ndef add(a, b):\n    return rust_add(a, b)",
    ),
    "len-of-str": (
        "len_of_str(text)",
        f"from ch03_into_python import len_of_str; text = 'x' * {COPY_SIZE}",
    ),
    "len-of-string": (
        "len_of_string(text)",
        f"from ch03_into_python import len_of_string; text = 'x' * {COPY_SIZE}",
    ),
    "len-of-slice": (
        "len_of_slice(data)",
        f"from ch03_into_python import len_of_slice; data = b'x' * {COPY_SIZE}",
    ),
    "len-of-vec": (
        "len_of_vec(data)",
        f"from ch03_into_python import len_of_vec; data = b'x' * {COPY_SIZE}",
    ),
    "filled-in-place": (
        f"filled_in_place({COPY_SIZE}, 120)",
        "from ch03_into_python import filled_in_place",
    ),
    "filled-via-vec": (
        f"filled_via_vec({COPY_SIZE}, 120)",
        "from ch03_into_python import filled_via_vec",
    ),
}


def float_functions() -> dict[str, Callable[[], object]]:
    import array

    from ch11_benchmarks import sum_buffer, sum_floats

    values = [index / 7 for index in range(FLOATS)]
    doubles = array.array("d", values)
    return {
        "sum-list": lambda: sum(values),
        "sum-floats": lambda: sum_floats(values),
        "sum-array": lambda: sum(doubles),
        "sum-buffer": lambda: sum_buffer(doubles),
    }


def thread_function(attached: bool, threads: int) -> Callable[[], object]:
    from ch06_attach import count_primes, count_primes_attached

    count = count_primes_attached if attached else count_primes

    def run() -> None:
        workers = [threading.Thread(target=count, args=(PRIME_LIMIT,)) for _ in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()

    return run


def thread_functions() -> dict[str, Callable[[], object]]:
    return {
        f"primes-{'attached' if attached else 'detached'}-{threads}": thread_function(
            attached, threads
        )
        for attached, threads in ((False, 1), (False, 2), (False, 4), (True, 2), (True, 4))
    }


def worker_functions() -> dict[str, Callable[[], object]]:
    from ch08_callbacks import Worker, success
    from ch08_callbacks.outcomes import SUCCESS

    answer = success(b"done")

    def callback(task_id: str, payload: bytes, tries: int) -> Any:
        return answer

    tasks = [(f"task-{index}", b"payload") for index in range(TASKS)]
    worker = Worker(callback)

    def python_loop() -> list[tuple[str, bytes, int]]:
        # What the worker does, minus retries: call, check the answer, record it.
        done = []
        for task_id, payload in tasks:
            code, data, _ = callback(task_id, payload, 1)
            if code != SUCCESS:
                raise AssertionError(code)
            done.append(("success", data, 1))
        return done

    return {"python-loop": python_loop, "worker-run-many": lambda: worker.run_many(tasks)}


def await_time_functions() -> dict[str, Callable[[int], float]]:
    from ch09_async_bridge import sleep

    async def nothing() -> None:
        return None

    def one_at_a_time(make: Callable[[], Any]) -> Callable[[int], float]:
        async def main(loops: int) -> float:
            started = perf_counter()
            for _ in range(loops):
                await make()
            return perf_counter() - started

        return lambda loops: asyncio.run(main(loops))

    async def gathered(loops: int) -> float:
        started = perf_counter()
        for _ in range(loops):
            await asyncio.gather(*(sleep(0) for _ in range(AWAITS_AT_ONCE)))
        return perf_counter() - started

    return {
        "await-coroutine": one_at_a_time(nothing),
        "await-asyncio-sleep": one_at_a_time(lambda: asyncio.sleep(0)),
        "await-bridge": one_at_a_time(lambda: sleep(0)),
        # One value is AWAITS_AT_ONCE awaits: pyperf divides by inner_loops.
        "await-bridge-gathered": lambda loops: asyncio.run(gathered(loops)),
    }


INNER_LOOPS = {
    "await-bridge-gathered": AWAITS_AT_ONCE,
    "python-loop": TASKS,
    "worker-run-many": TASKS,
}

GROUPS: dict[str, Callable[[], dict[str, Callable[[], object]]]] = {
    "floats": float_functions,
    "export": export_functions,
    "export-quoted": quoted_export_functions,
    "threads": thread_functions,
    "worker": worker_functions,
}


def main() -> None:
    import pyperf

    runner = pyperf.Runner()
    args = runner.parse_args()
    if not args.worker:  # the parent checks once, before any worker starts
        problem = not_a_release_install()
        if problem is not None:
            sys.exit(f"refusing to benchmark: {problem}")
    for table in TABLES:
        for row in table.rows:
            if row.name in TIMEIT:
                statement, setup = TIMEIT[row.name]
                runner.timeit(row.name, stmt=statement, setup=setup)
                continue
            inner = INNER_LOOPS.get(row.name, 1)
            if table.anchor == "awaits":
                time_function = lazy_time(lambda name=row.name: await_time_functions()[name])
            else:
                time_function = lazy_time(
                    lambda name=row.name, group=table.anchor: timed(GROUPS[group]()[name])
                )
            runner.bench_time_func(row.name, time_function, inner_loops=inner)


def lazy_time(make: Callable[[], Callable[[int], float]]) -> Callable[[int], float]:
    """Build the time function (and its data) on first use, in the process that uses it."""
    made: list[Callable[[int], float]] = []

    def time(loops: int) -> float:
        if not made:
            made.append(make())
        return made[0](loops)

    return time


if __name__ == "__main__":
    main()
