"""Watch an EventBus take and give back references, and two objects share one count.

The book shows this script's output.
"""

import sys

from ch05_ownership import EventBus, SharedCounter


# ANCHOR: tour
def on_save(*args: object) -> None:
    print("  on_save got", args)


def references() -> str:
    """How many references to on_save exist beyond the ones it started with."""
    return f"{sys.getrefcount(on_save) - START:+d}"


START = sys.getrefcount(on_save)
bus = EventBus()
token = bus.subscribe(on_save)
print("after subscribe:  ", references())
print("emit called", bus.emit("report.csv", 3), "subscriber(s)")
print("after emit:       ", references())
bus.subscribe(on_save)
print("subscribed again: ", references())
bus.unsubscribe(token)
print("after unsubscribe:", references())
del bus
print("after del bus:    ", references())

counter = SharedCounter()
twin = counter.share()
twin.increment()
print(counter, twin, sep="\n")
# ANCHOR_END: tour
