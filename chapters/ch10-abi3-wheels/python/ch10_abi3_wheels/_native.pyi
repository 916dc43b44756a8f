# ANCHOR: stub
"""Type stubs for the compiled module. Keep in step with src/lib.rs."""

__all__ = ["add", "build_flavour", "build_profile", "csv_line"]

def add(a: int, b: int) -> int:
    """`a + b`, for 64-bit integers. A sum that does not fit is an `OverflowError`."""

def csv_line(fields: list[str]) -> str:
    """The fields as one CSV line ending in `\\r\\n`, as `csv.writer` writes it."""

def build_flavour() -> str:
    """Which C API this copy was built against: "abi3-py311", "full API", ..."""

def build_profile() -> str:
    """How this module was compiled: "debug" or "release"."""

# ANCHOR_END: stub
