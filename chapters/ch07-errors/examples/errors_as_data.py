"""Errors turned into data: describe_failure and parse_durations.

The book shows this file whole, and what it prints.
"""

from ch07_errors import describe_failure, parse_durations


def check_port(port: int) -> int:
    if not 0 < port < 65536:
        raise ValueError(f"port {port} is out of range")
    return port


print("8080:", describe_failure(check_port, 8080))
failure = describe_failure(check_port, 70000)
assert failure is not None
print(failure["type"], "|", failure["message"])
print(failure["traceback"], end="")

for ok, answer in parse_durations(["1h30m", "1h30", None, "2d 4h"]):
    print(ok, answer)
