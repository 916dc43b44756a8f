"""A pytest plugin: fail the run unless the package under test is the installed copy.

The `wheels` step runs each chapter's tests with `-p cookbook.installed_copy`,
naming the package in COOKBOOK_INSTALLED_PACKAGE and the virtual environment's
site-packages in COOKBOOK_SITE_PACKAGES. A suite that passed against the source
tree (or `.venv`'s editable build) instead of the wheel proves nothing about the
wheel, so that is a failure, said in words.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from cookbook.wheels import installed_copy_problem


# ANCHOR: installed_copy
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    package = os.environ.get("COOKBOOK_INSTALLED_PACKAGE", "")
    site_packages = Path(os.environ.get("COOKBOOK_SITE_PACKAGES", ""))
    problems = []
    for name in (package, f"{package}._native"):
        module = sys.modules.get(name)
        if module is None:
            problems.append(f"the tests never imported {name}")
            continue
        problem = installed_copy_problem(getattr(module, "__file__", None), site_packages)
        if problem is not None:
            problems.append(f"{name}: {problem}")
    for problem in problems:
        print(f"\ninstalled copy: {problem}")
    if problems:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    else:
        print(f"\ninstalled copy: {package} was imported from {site_packages}")


# ANCHOR_END: installed_copy
