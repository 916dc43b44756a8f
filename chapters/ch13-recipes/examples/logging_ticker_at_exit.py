"""A Rust thread that logs, stopped by an exit hook before the interpreter shuts down.

The ticker's thread attaches to the interpreter for every record it hands to
Python. An exit hook runs while the interpreter is still whole: `stop()` waits
there for the thread's last record, and nothing is left running afterwards.
"""

import atexit
import logging
import time

from ch13_recipes import Ticker

# ANCHOR: exit_hook
received: list[str] = []


class Keep(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        received.append(record.getMessage())


logging.getLogger("ch13_recipes").addHandler(Keep())
logging.getLogger("ch13_recipes").setLevel(logging.INFO)

ticker = Ticker(1)


@atexit.register
def stop_the_ticker() -> None:
    logged = ticker.stop()
    every_tick = received == [f"tick {n}" for n in range(1, logged + 1)]
    print(f"at exit: stopped; every tick reached Python: {every_tick}")


# ANCHOR_END: exit_hook

while len(received) < 3:  # let a few ticks arrive
    time.sleep(0.001)
print("main: done, with the ticker still running")
