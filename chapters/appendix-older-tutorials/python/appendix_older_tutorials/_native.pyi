# ANCHOR: stub
"""Type stubs for the compiled module. Keep in step with src/*.rs."""

from fractions import Fraction
from typing import TypeVar, final

__all__ = [
    "Basket",
    "Item",
    "Point",
    "Stock",
    "brightness",
    "checksum",
    "count_words",
    "distance_from_origin",
    "first_item",
    "label",
    "ratio",
    "restock",
    "run_snippet",
    "size_chart",
    "to_celsius",
]

_T = TypeVar("_T")

# fix_01: a `&Bound<'_, PyAny>` argument, extracted as a `str`.
def count_words(text: str) -> int: ...

# fix_04: a class reached through `Bound<'py, Stock>` instead of `PyCell`.
@final
class Stock:
    """How many of one item a shop has."""

    def __new__(cls, count: int) -> Stock: ...
    @property
    def count(self) -> int: ...

def restock(item: Stock, extra: int) -> int: ...

# fix_06: `PyList::new`, `PyDict::new`, `PyTuple::new` without `_bound`.
def size_chart() -> dict[str, object]: ...

# fix_07: a Rust type with its own `IntoPyObject`, seen as a float.
def to_celsius(fahrenheit: float) -> float: ...

# fix_09: `into_py_any` for a result of either type.
def label(grams: int) -> int | str: ...

# fix_10: `Py<PyAny>` for the old `PyObject` alias.
@final
class Basket:
    """A basket of any Python objects."""

    def __new__(cls) -> Basket: ...
    def add(self, item: object) -> None: ...
    def __len__(self) -> int: ...

# fix_12: `py.detach` for `py.allow_threads`.
def checksum(data: bytes) -> int: ...

# fix_14: a class cached in a `PyOnceLock`.
def ratio(numerator: int, denominator: int) -> Fraction: ...

# fix_15: `cast` for `downcast`.
def first_item(value: list[_T]) -> _T: ...

# fix_16: an argument extracted by a hand-written `FromPyObject`.
def brightness(colour: tuple[int, int, int]) -> int: ...

# fix_17: a class taken by value, with `#[pyclass(from_py_object)]`.
@final
class Point:
    """A point in the plane."""

    def __new__(cls, x: float, y: float) -> Point: ...
    @property
    def x(self) -> float: ...
    @property
    def y(self) -> float: ...

def distance_from_origin(point: Point) -> float: ...

# fix_22: code from a `CString` made at run time.
def run_snippet(code: str) -> dict[str, object]: ...

# fix_26: the constructor's signature comes from `#[new]`.
@final
class Item:
    """An item for sale."""

    def __new__(cls, name: str, price: int) -> Item: ...
    @property
    def name(self) -> str: ...
    @property
    def price(self) -> int: ...

# ANCHOR_END: stub
