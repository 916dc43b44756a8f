"""Where things are in the repository, and how to run the tools it needs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MDBOOK_VERSION = "0.5.4"


def find_root(start: Path | None = None) -> Path:
    """Return the repository root: the nearest folder with the workspace Cargo.toml."""
    override = os.environ.get("COOKBOOK_ROOT")
    if override:
        return Path(override).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "Cargo.toml").is_file() and (folder / "book" / "book.toml").is_file():
            return folder
    raise SystemExit(
        "cannot find the cookbook: run this from inside the repository "
        "(the folder with Cargo.toml and book/book.toml)"
    )


def load_toml(path: Path) -> dict[str, Any]:
    """Read a TOML file; a missing or malformed one is a message, not a traceback."""
    try:
        with path.open("rb") as file:
            data: dict[str, Any] = tomllib.load(file)
    except OSError as error:
        raise SystemExit(f"cannot read {path}: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise SystemExit(f"{path} is not valid TOML: {error}") from None
    return data


def utf8_output() -> None:
    """Never fail to print a character the console cannot show (Windows' cp1252)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


@dataclass(frozen=True)
class Chapter:
    """One chapter crate: `chapters/chNN-slug`, or an appendix's, `chapters/appendix-slug`."""

    path: Path

    @property
    def slug(self) -> str:
        return self.path.name

    @property
    def python_package(self) -> str:
        return self.slug.replace("-", "_")

    @property
    def has_python_face(self) -> bool:
        return (self.path / "pyproject.toml").is_file()


def chapters(root: Path) -> list[Chapter]:
    folder = root / "chapters"
    if not folder.is_dir():
        return []
    found = [
        Chapter(path)
        for path in folder.iterdir()
        if re.fullmatch(r"(ch\d\d|appendix)-[a-z0-9-]+", path.name)
        and (path / "Cargo.toml").is_file()
    ]
    # The chapters in order, then the appendices.
    return sorted(found, key=lambda chapter: (chapter.slug.startswith("appendix"), chapter.slug))


def target_dir(root: Path, purpose: str) -> Path:
    """A Cargo target directory per purpose.

    `cargo test` and maturin builds differ in one environment variable
    (maturin sets PYO3_BUILD_EXTENSION_MODULE), and sharing a target directory
    would make each of them rebuild pyo3 after the other.
    """
    base = os.environ.get("CARGO_TARGET_DIR")
    return Path(base) / purpose if base else root / "target" / purpose


def tool_env(root: Path, **extra: str) -> dict[str, str]:
    """The environment for child processes: this interpreter first on PATH."""
    env = dict(os.environ)
    scripts = str(Path(sys.executable).parent)
    env["PATH"] = scripts + os.pathsep + env.get("PATH", "")
    # PyO3 builds for (and cargo test embeds) the interpreter running this tool.
    env.setdefault("PYO3_PYTHON", sys.executable)
    # Python children write UTF-8 to our pipes on every platform (Windows too).
    env.setdefault("PYTHONUTF8", "1")
    env.update(extra)
    return env


def executable(name: str) -> str | None:
    """Find a console script of this environment, then anything on PATH."""
    scripts = Path(sys.executable).parent
    for candidate in (name, name + ".exe"):
        if (scripts / candidate).is_file():
            return str(scripts / candidate)
    return shutil.which(name)


def run(
    command: list[str],
    *,
    cwd: Path,
    env: dict[str, str] | None = None,
    capture: bool = False,
) -> subprocess.CompletedProcess[str]:
    """Run a command, streaming its output unless asked to capture it.

    A program that is not installed is a message naming it, not a traceback.
    """
    try:
        return subprocess.run(
            command,
            cwd=cwd,
            env=env,
            text=True,
            encoding="utf-8",
            errors="replace",
            stdout=subprocess.PIPE if capture else None,
            stderr=subprocess.STDOUT if capture else None,
            check=False,
        )
    except OSError as error:
        raise SystemExit(
            f"cannot run {command[0]!r}: {error.strerror or error}. "
            "Is it installed and on PATH? (`uv sync` installs the Python tools; "
            "rustup installs cargo.)"
        ) from None


def mdbook_version(path: str) -> str | None:
    try:
        result = subprocess.run([path, "--version"], capture_output=True, text=True, check=False)
    except OSError:
        return None
    match = re.search(r"v?(\d+\.\d+\.\d+)", result.stdout)
    return match.group(1) if match else None


def ensure_mdbook(root: Path) -> str:
    """Return a path to mdbook MDBOOK_VERSION, installing it under .tools/ if needed."""
    local = root / ".tools" / "bin" / ("mdbook.exe" if os.name == "nt" else "mdbook")
    for candidate in (shutil.which("mdbook"), str(local)):
        if candidate and mdbook_version(candidate) == MDBOOK_VERSION:
            return candidate
    print(f"mdbook {MDBOOK_VERSION} not found: installing it into .tools/ (a few minutes)")
    command = ["cargo", "install", "--locked", "mdbook", "--version", MDBOOK_VERSION]
    command += ["--root", str(root / ".tools")]
    if run(command, cwd=root).returncode != 0:
        raise SystemExit(f"could not install mdbook {MDBOOK_VERSION}; see cargo's message above")
    return str(local)
