"""Rust objects crossing to other processes: a `python -c` and a spawned pool.

The book shows this script's output.
"""

import pickle
import subprocess
import sys
from multiprocessing import get_context

from ch13_recipes import Money, Tally


# ANCHOR: subprocess
def load_elsewhere(value: object) -> str:
    """repr() of `value` as another interpreter sees it, after a pickle on its stdin."""
    code = "import pickle, sys; print(repr(pickle.load(sys.stdin.buffer)))"
    data = pickle.dumps(value)
    result = subprocess.run([sys.executable, "-c", code], input=data, capture_output=True)
    return result.stdout.decode().strip() or result.stderr.decode().strip()


# ANCHOR_END: subprocess


# ANCHOR: pool
def count_words(line: str) -> Tally:
    """Runs in a worker process; the Tally goes back to the parent as a pickle."""
    return Tally(line.split())


def main() -> None:
    print("another interpreter loaded:", load_elsewhere(Money(1250, "EUR")))
    lines = ["tea and cake", "tea for two", "cake and tea and scones"]
    # spawn: each worker is a new interpreter that imports this file again,
    # as it would on Windows and macOS; the __main__ check keeps it from
    # running main() a second time.
    with get_context("spawn").Pool(2) as pool:
        tallies = pool.map(count_words, lines)
    total = sum(tallies, Tally())
    print("counted in 2 workers:", total.most_common(3))


if __name__ == "__main__":
    main()
# ANCHOR_END: pool
