"""Fixtures shared by the tools' tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from cookbook.project import find_root
from cookbook.testing import pytest_collection_modifyitems

# Leaves out `redis` tests when COOKBOOK_WITHOUT_REDIS is set (pytest finds the hook here).
__all__ = ["pytest_collection_modifyitems"]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The real repository these tests live in (read it; never write to it)."""
    root = find_root(Path(__file__).resolve().parent)
    assert (root / "tools" / "cookbook" / "workshop.py").is_file(), root
    return root
