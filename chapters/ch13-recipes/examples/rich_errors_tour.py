"""An exception with fields: read them, pickle it, catch it from a worker process.

The book shows this script's output.
"""

import pickle
from multiprocessing import get_context

from ch13_recipes import SizeError, parse_size


def main() -> None:
    # ANCHOR: fields
    for text in ["10 kB", "12 XB", "  GB", "99999999999 TiB"]:
        try:
            print(f"{text!r}: {parse_size(text)} bytes")
        except SizeError as error:
            print(f"{text!r}: position={error.position} unit={error.unit!r}")
            print(f"    {error}")
    # ANCHOR_END: fields

    # ANCHOR: pickled
    try:
        parse_size("12 XB")
    except SizeError as error:
        cls, args, fields = error.__reduce__()
        print(f"__reduce__(): ({cls.__name__}, {len(args)} arg, {fields})")
        copy = pickle.loads(pickle.dumps(error))
        print("after pickle:", type(copy).__name__, copy.position, repr(copy.unit))
    # ANCHOR_END: pickled

    # ANCHOR: worker
    with get_context("spawn").Pool(1) as pool:
        try:
            pool.apply(parse_size, ("1.5 GB",))
        except SizeError as error:
            print("raised in a worker:", type(error).__name__, error.position, repr(error.unit))
    # ANCHOR_END: worker


if __name__ == "__main__":  # spawn imports this file again in the worker
    main()
