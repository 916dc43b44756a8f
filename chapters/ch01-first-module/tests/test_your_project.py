"""The project of your own from Chapter 1, used the way a reader uses it.

`your-project/` is copied to an empty folder, outside the cookbook's workspace
and environment. `uv sync` builds and installs it, `uv run pytest` and
`cargo test` test it, and then the Rust code is edited and `uv sync` run again:
with the `cache-keys` the chapter shows, the edit is built; without them, uv
keeps its cached build and the edit is silently ignored.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

CHAPTER = Path(__file__).resolve().parent.parent
PROJECT = CHAPTER / "your-project"
# One target folder for every run, so that PyO3 is compiled once, not per run.
TARGET = CHAPTER.parent.parent / "target" / "your-project"


def uv() -> str:
    found = os.environ.get("UV") or shutil.which("uv")
    assert found, "uv is not on PATH; install it (https://docs.astral.sh/uv/) and run again"
    return found


def run(args: list[str], cwd: Path) -> str:
    env = {**os.environ, "CARGO_TARGET_DIR": str(TARGET)}
    # The project's own environment, never the cookbook's.
    for name in ("VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT", "PYO3_PYTHON"):
        env.pop(name, None)
    done = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=1200, check=False
    )
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def count_words(project: Path, text: str) -> str:
    script = f"from wordcount import count_words; print(count_words({text!r}))"
    return run([uv(), "run", "--no-sync", "python", "-c", script], project).strip()


def edit_the_rust_code(project: Path) -> None:
    lib = project / "src" / "lib.rs"
    source = lib.read_text(encoding="utf-8")
    body = "text.split_whitespace().count()"
    assert body in source
    lib.write_text(source.replace(body, f"{body} * 10"), encoding="utf-8")


def copy_project(destination: Path) -> Path:
    ignore = shutil.ignore_patterns("target", ".venv", "uv.lock", "*.so", "*.pyd", "__pycache__")
    # `copy`, not copytree's default `copy2`: fresh modification times, so
    # that Cargo, sharing TARGET between runs, sees new sources to build.
    shutil.copytree(PROJECT, destination, ignore=ignore, copy_function=shutil.copy)
    return destination


def test_a_project_of_your_own_builds_tests_and_rebuilds_after_an_edit(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "wordcount")
    run([uv(), "sync", "--python", sys.executable], project)
    assert count_words(project, "one two three") == "3"
    assert "1 passed" in run([uv(), "run", "--no-sync", "pytest", "-q"], project)
    assert "test result: ok. 1 passed" in run(["cargo", "test", "--lib"], project)

    edit_the_rust_code(project)
    run([uv(), "sync"], project)
    assert count_words(project, "one two three") == "30", "uv sync did not rebuild the edit"


def test_without_cache_keys_uv_sync_ignores_an_edit(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "wordcount")
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    table = text[text.index("[tool.uv]") :]
    pyproject.write_text(text.replace(table, ""), encoding="utf-8")
    run([uv(), "sync", "--python", sys.executable], project)
    assert count_words(project, "one two three") == "3"

    edit_the_rust_code(project)
    run([uv(), "sync"], project)
    assert count_words(project, "one two three") == "3", "uv rebuilt without cache-keys"
