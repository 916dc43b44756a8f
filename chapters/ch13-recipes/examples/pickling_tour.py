"""Pickling and copying Rust classes: what works, and what fails without it.

The book shows this script's output.
"""

import copy
import pickle

from ch13_recipes import Envelope, Money, Tally, Version, _native

# ANCHOR: round_trips
money = Money(1250, "EUR")
version = Version.parse("1.4.2")
tally = Tally(["tea", "cake", "tea"])
for value in (money, version, tally):
    back = pickle.loads(pickle.dumps(value))
    print(f"{value!r:24} -> {back!r}")

# What each class tells pickle, in the three ways.
print("Money.__getnewargs__():", money.__getnewargs__())
rebuild, args = version.__reduce__()
print("Version.__reduce__():  ", rebuild.__qualname__, args)
print("Tally.__getstate__():  ", tally.__getstate__())
# ANCHOR_END: round_trips

# ANCHOR: copies
body = {"id": 7, "items": ["tea"]}
envelope = Envelope("orders", body)
print("copy.copy shares the body:    ", copy.copy(envelope).body is body)
print("copy.deepcopy copies the body:", copy.deepcopy(envelope).body is not body)
print("a Money is its own copy:      ", copy.copy(money) is money)
# ANCHOR_END: copies

# ANCHOR: failures
for broken in (_native.MoneyWithoutModule(5), _native.MoneyWithoutReduce(5)):
    try:
        pickle.dumps(broken)
    except (pickle.PicklingError, TypeError) as error:
        # Python 3.14 reworded the end of the first message: show its start.
        message = str(error).split(": ")[0]
        print(f"{type(broken).__name__}: {type(error).__name__}: {message}")
# ANCHOR_END: failures
