"""What the copy at the boundary costs, by argument type and input size.

Every function measured here does next to nothing (returns a length, or fills
a buffer with one byte), so whatever time grows with the size is the copy.
Build the module in release mode first, or you measure the debug build:

    uv run maturin develop --uv --release -m chapters/ch03-into-python/Cargo.toml
    uv run python chapters/ch03-into-python/bench/copy_costs.py

(`uv run cookbook develop ch03` puts the debug build back for the tests.)
`--quick` measures two small sizes with few repeats: the tests run it to
prove the script works, and its figures mean nothing.

Each figure is the median, over several repeats, of the time per call; a
repeat runs the call enough times to take a few milliseconds. The whole run
takes about half a minute on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import timeit
from collections.abc import Callable
from pathlib import Path

import ch03_into_python as ch03
from ch03_into_python import _native
from cookbook.bench import duration, processor, ratio, table

KB = 1024
MB = 1024 * KB
SIZES = [1 * KB, 64 * KB, 1 * MB, 16 * MB, 64 * MB]
QUICK_SIZES = [1 * KB, 64 * KB]


def per_call(
    function: Callable[..., object], args: tuple[object, ...], repeats: int, floor: float
) -> float:
    """Median seconds per call of function(*args)."""
    timer = timeit.Timer("function(*args)", globals={"function": function, "args": args})
    number = 1
    while timer.timeit(number) < floor:  # also warms up
        number *= 2
    return statistics.median(timer.repeat(repeat=repeats, number=number)) / number


def size_label(size: int) -> str:
    return f"{size // MB} MB" if size >= MB else f"{size // KB} KB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, few repeats")
    args = parser.parse_args(argv)
    sizes = QUICK_SIZES if args.quick else SIZES
    repeats, floor = (3, 0.0005) if args.quick else (7, 0.005)

    def measure(function: Callable[..., object], *call_args: object) -> float:
        return per_call(function, call_args, repeats, floor)

    profile = _native.build_profile()
    if profile != "release" and not args.quick:
        print(
            "this is a debug build of ch03_into_python, whose timings mean little; build it "
            "in release mode first (see the top of this script)",
            file=sys.stderr,
        )
        return 2
    abi = "abi3" if ".abi3." in Path(_native.__file__).name else "version-specific ABI"
    print(
        f"measured on CPython {platform.python_version()}, {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} CPUs ({processor()}); "
        f"{profile} build, {abi}"
    )
    bytes_rows, str_rows, out_rows = [], [], []
    for size in sizes:
        data, text = b"x" * size, "x" * size
        borrowed = measure(ch03.len_of_slice, data)
        backed = measure(ch03.len_of_backed_bytes, data)
        copied = measure(ch03.len_of_vec, data)
        times = [borrowed, backed, copied]
        ratios = [ratio(backed, borrowed), ratio(copied, borrowed)]
        bytes_rows.append([size_label(size), *map(duration, times), *ratios])

        times = [measure(f, text) for f in (ch03.len_of_str, ch03.len_of_backed_str)]
        times.append(measure(ch03.len_of_string, text))
        ratios = [ratio(t, borrowed) for t in times]
        str_rows.append([size_label(size), *map(duration, times), *ratios])

        in_place = measure(ch03.filled_in_place, size, ord("x"))
        via_vec = measure(ch03.filled_via_vec, size, ord("x"))
        times = [in_place, via_vec]
        out_rows.append([size_label(size), *map(duration, times), ratio(via_vec, in_place)])
        del data, text

    print()
    print(
        table(
            "bytes in: median time per call, and ratio to &[u8]",
            ["size", "&[u8]", "PyBackedBytes", "Vec<u8>", "Backed/&[u8]", "Vec/&[u8]"],
            bytes_rows,
        )
    )
    print()
    print(
        table(
            "str in (ASCII text): median time per call, and ratio to &[u8]",
            ["size", "&str", "PyBackedStr", "String", "&str/&[u8]", "Backed/&[u8]", "String/&[u8]"],
            str_rows,
        )
    )
    print()
    print(
        table(
            "bytes out: median time per call, and ratio of Vec-then-convert to new_with",
            ["size", "PyBytes::new_with", "Vec<u8> returned", "Vec/new_with"],
            out_rows,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
