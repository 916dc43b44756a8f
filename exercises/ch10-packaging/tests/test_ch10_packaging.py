"""Checks for workshop exercise ch10-packaging.

The workshop builds the crate's wheel and unpacks it; these checks read the
wheel's tag and its list of files, and say what is wrong in the words of the
tag. Run them with `uv run workshop check ch10-packaging`.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

PACKAGE = "ch10_packaging"


def unpacked_wheel() -> Path:
    """The folder the workshop unpacked the wheel into: the one on sys.path with its .dist-info."""
    for entry in sys.path:
        if entry and any(Path(entry).glob("workshop_ch10_packaging-*.dist-info")):
            return Path(entry)
    pytest.fail("no unpacked workshop_ch10_packaging wheel on sys.path: run `workshop check`")


def dist_info() -> Path:
    (folder,) = unpacked_wheel().glob("workshop_ch10_packaging-*.dist-info")
    return folder


def test_the_wheel_is_tagged_for_the_stable_abi() -> None:
    lines = (dist_info() / "WHEEL").read_text().splitlines()
    tags = [line.removeprefix("Tag: ") for line in lines if line.startswith("Tag: ")]
    assert tags, "the wheel's WHEEL file names no tag"
    python, abi, platform = tags[0].split("-", 2)
    assert (python, abi) == ("cp311", "abi3"), (
        f"the wheel is tagged {tags[0]}: python tag {python}, ABI tag {abi}. "
        f"An ABI tag of {abi} means the module was compiled against CPython "
        f"{abi.removeprefix('cp')[0]}.{abi.removeprefix('cp')[1:]}'s own ABI and loads on that "
        "version only. Ask PyO3 for the stable ABI with 3.11 as the floor: in pyproject.toml, "
        'under [tool.maturin], add  features = ["pyo3/abi3-py311"]  and the tag becomes '
        f"cp311-abi3-{platform}, one wheel for 3.11 and every later CPython."
    )


def test_the_compiled_module_is_where_the_package_imports_it() -> None:
    record = (dist_info() / "RECORD").read_text().splitlines()
    files = [line.split(",")[0] for line in record]
    compiled = [f for f in files if f.endswith((".so", ".pyd"))]
    wanted = [f for f in compiled if f.startswith(f"{PACKAGE}/_native.")]
    assert wanted, (
        f"the wheel holds the compiled module as {', '.join(compiled) or 'nothing'}, but "
        f"{PACKAGE}/__init__.py imports {PACKAGE}._native. In pyproject.toml, under "
        f'[tool.maturin], module-name must be "{PACKAGE}._native": the package, a dot, '
        "and the name of the #[pymodule] in src/lib.rs."
    )


def test_the_installed_package_works() -> None:
    package = importlib.import_module(PACKAGE)
    assert package.shout("wheels") == "WHEELS!"
