"""The compiled half of `ch11_benchmarks`. Import the package, not this."""

from typing_extensions import Buffer

__all__ = ["build_profile", "sum_buffer", "sum_floats"]

def sum_floats(values: list[float]) -> float:
    """The sum of `values`, added left to right, after copying them into Rust."""

def sum_buffer(values: Buffer) -> float:
    """The sum of a buffer of C doubles (`array.array("d")`), copied as raw memory."""

def build_profile() -> str:
    """How this module was compiled: "debug" or "release"."""
