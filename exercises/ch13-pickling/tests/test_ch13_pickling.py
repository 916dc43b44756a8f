"""Checks for workshop exercise ch13-pickling.

Each check says what to fix when it fails. Run them with
`uv run workshop check ch13-pickling`.

`Tile(x, y, zoom)` is a frozen map tile that must pickle, so that a
multiprocessing pool can send it to its workers and back.
"""

from __future__ import annotations

import copy
import importlib
import multiprocessing
import pickle
import subprocess
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest
from cookbook.testing import raises_only_ordinary_exceptions, wrong_kinds
from hypothesis import given

MODULE = "ch13_pickling_exercise"


@pytest.fixture
def module() -> ModuleType:
    return importlib.import_module(MODULE)


def module_advice(found: str) -> str:
    return (
        f"Tile.__module__ is {found!r}: that is where pickle would look for the class, "
        f'and it is not there. Write `module = "{MODULE}"` in #[pyclass(...)], the '
        "module-name from pyproject.toml (TODO 1)"
    )


def pickled(module: ModuleType, value: object, protocol: int = pickle.DEFAULT_PROTOCOL) -> bytes:
    """pickle.dumps(value), or a failed check that says which TODO to look at."""
    found = module.Tile.__module__
    if found != MODULE:
        pytest.fail(f"pickle cannot work yet: {module_advice(found)}", pytrace=False)
    try:
        return pickle.dumps(value, protocol)
    except TypeError as error:
        if "cannot pickle" not in str(error):
            raise
        message = str(error)
    # Failing outside the `except` block keeps pickle's traceback out of the report.
    pytest.fail(
        f"pickle.dumps({value!r}) raised TypeError: {message}.\n  -> pickle does not know "
        "how to build a Tile again: add a method `__getnewargs__` that returns the "
        "arguments for `#[new]`, (x, y, zoom) (TODO 2)",
        pytrace=False,
    )


# --- TODO 1: the module ------------------------------------------------------------------


def test_1_tile_names_the_module_python_imports(module: ModuleType) -> None:
    found = module.Tile.__module__
    assert found == MODULE, module_advice(found)


# --- TODO 2: building it again ------------------------------------------------------------


def test_2_a_tile_comes_back_from_pickle_equal(module: ModuleType) -> None:
    tile = module.Tile(3, 5, 4)
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickled(module, tile, protocol))
        assert back == tile, (
            f"pickle gave back {back!r} for {tile!r}: __getnewargs__ returns the "
            "arguments of #[new] in its order, (x, y, zoom) (TODO 2)"
        )
        assert type(back) is module.Tile


def test_3_copy_and_deepcopy_work_too(module: ModuleType) -> None:
    tile = module.Tile(1, 0, 1)
    for how in (copy.copy, copy.deepcopy):
        try:
            twin = how(tile)
        except TypeError as error:
            message = str(error)
        else:
            assert twin == tile, f"{how.__name__} gave {twin!r} for {tile!r} (TODO 2)"
            continue
        pytest.fail(
            f"copy.{how.__name__}(tile) raised TypeError: {message}.\n  -> copy asks the same "
            "question as pickle: `__getnewargs__` answers both (TODO 2)",
            pytrace=False,
        )


LOAD_AND_PRINT = """
import pickle, sys
tile = pickle.load(sys.stdin.buffer)
print(type(tile).__module__, tile.x, tile.y, tile.zoom)
"""


def test_4_another_process_loads_it(module: ModuleType) -> None:
    data = pickled(module, module.Tile(6, 7, 3))
    # The child inherits PYTHONPATH, where the workshop put the built module.
    result = subprocess.run(
        [sys.executable, "-c", LOAD_AND_PRINT],
        input=data,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, (
        "a fresh Python could not load the pickle; it said:\n" + result.stderr.decode()
    )
    assert result.stdout.decode().split() == [MODULE, "6", "7", "3"]


def test_5_a_spawned_worker_pool_gets_tiles_and_sends_tiles_back(module: ModuleType) -> None:
    tiles = [module.Tile(x, y, 2) for x in range(4) for y in range(4)]
    pickled(module, tiles[0])  # fails with advice, if the TODOs are not done yet
    # spawn: every worker is a new interpreter, so tiles cross as pickles
    # both ways, and Tile.parent is sent by name too.
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        parents = pool.map(module.Tile.parent, tiles)
    assert set(parents) == {module.Tile(x, y, 1) for x in range(2) for y in range(2)}


# --- what pickle cannot get around ---------------------------------------------------------


class Forged:
    """Pickles as `func(*args)`: what a corrupted or hostile pickle can say."""

    def __init__(self, func: Callable[..., object], *args: object) -> None:
        self.func, self.args = func, args

    def __reduce__(self) -> tuple[Callable[..., object], tuple[object, ...]]:
        return self.func, self.args


def test_6_a_forged_pickle_meets_the_checks_in_new(module: ModuleType) -> None:
    tile = module.Tile
    # Tile.__new__(Tile, x, y, zoom) is what the NEWOBJ opcode calls.
    for args, message in [((0, 0, 31), "zoom is at most 30"), ((4, 0, 2), "below 4")]:
        data = pickled(module, Forged(tile.__new__, tile, *args))
        with pytest.raises(ValueError, match=message):
            pickle.loads(data)


@given(wrong_kinds())
def test_7_bad_arguments_raise_ordinary_exceptions(value: Any) -> None:
    tile = importlib.import_module(MODULE).Tile
    raises_only_ordinary_exceptions(tile, value, 0, 0)
    raises_only_ordinary_exceptions(tile, 0, value, 0)
    raises_only_ordinary_exceptions(tile, 0, 0, value)
