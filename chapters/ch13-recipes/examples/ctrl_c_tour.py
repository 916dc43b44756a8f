"""Ctrl-C during long Rust work: with checks between slices, without them, and
on a thread other than the main one.

The script presses Ctrl-C itself: a timer thread raises SIGINT in this
process, as a terminal does, a tenth of a second into each long call.
"""

# ANCHOR: tour
import re
import signal
import threading

from ch13_recipes import count_primes, count_primes_without_checks

# Under nohup, SIGINT starts out ignored: put back the handler that raises
# KeyboardInterrupt.
signal.signal(signal.SIGINT, signal.default_int_handler)


def press_ctrl_c_soon() -> None:
    """SIGINT for this process in 0.1 s, as from Ctrl-C in a terminal."""
    threading.Timer(0.1, signal.raise_signal, (signal.SIGINT,)).start()


print("primes below a million:", count_primes(1_000_000))

press_ctrl_c_soon()
try:
    count_primes(10**12)  # days of work
except KeyboardInterrupt as interrupt:
    # How far it got depends on the machine: N stands for the numbers.
    note = re.sub(r"below \d+, of which \d+", "below N, of which N", interrupt.__notes__[0])
    print("KeyboardInterrupt from count_primes, noted:", note)

press_ctrl_c_soon()
counted = None
try:
    counted = count_primes_without_checks(4_000_000)  # far longer than the 0.1 s before Ctrl-C
except KeyboardInterrupt as interrupt:
    notes = getattr(interrupt, "__notes__", [])
    print(
        "KeyboardInterrupt once count_primes_without_checks had returned;",
        f"notes: {notes}, its count reached us: {counted is not None}",
    )

results: list[int] = []
done = threading.Event()


def count_in_the_background() -> None:
    results.append(count_primes(4_000_000))
    done.set()


threading.Thread(target=count_in_the_background).start()
press_ctrl_c_soon()
try:
    while not done.wait(0.01):
        pass
except KeyboardInterrupt:
    print("KeyboardInterrupt in the main thread, while the other thread counted")
done.wait()
print("the other thread's count_primes(4_000_000) ran to its end:", results)
# ANCHOR_END: tour
