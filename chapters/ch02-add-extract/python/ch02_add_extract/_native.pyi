"""Type stubs for the compiled module. Keep in step with src/*.rs."""

from collections.abc import Mapping
from typing import Protocol, final

__all__ = [
    "Config",
    "add",
    "add_by_hand",
    "colour_to_hex",
    "distance",
    "distance_between_dicts",
    "parse_config",
    "slugify",
]

class _HasXY(Protocol):
    @property
    def x(self) -> float: ...
    @property
    def y(self) -> float: ...

def add(a: int, b: int) -> int: ...
def add_by_hand(a: int, b: int) -> int: ...
def distance(a: _HasXY, b: _HasXY) -> float: ...
def distance_between_dicts(a: Mapping[str, float], b: Mapping[str, float]) -> float: ...
def colour_to_hex(colour: str | tuple[int, int, int]) -> str: ...

@final
class Config:
    @property
    def redis_url(self) -> str: ...
    @property
    def workers(self) -> int: ...
    @property
    def timeout_seconds(self) -> float: ...
    @property
    def queue(self) -> str: ...

def parse_config(config: dict[str, object]) -> Config: ...

# ANCHOR: slugify_stub
def slugify(
    text: str,
    *,
    separator: str = "-",
    max_length: int | None = None,
    lowercase: bool = True,
) -> str: ...

# ANCHOR_END: slugify_stub
