"""The oldest Rust the workspace declares, `rust-version`, checked against what it uses.

Only a toolchain of exactly that version proves it completely. What can be
checked with the toolchain at hand is checked here: every crate the workspace
depends on declares a `rust-version` no newer than ours (Cargo refuses to build
a crate whose `rust-version` is newer than the compiler), and the stand-alone
project of Chapter 1 declares the same one. Clippy's `incompatible_msrv` lint,
on by default and an error in this workspace, checks our own code for standard
library items stabilised after `rust-version`.
"""

from __future__ import annotations

import json
import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def declared() -> str:
    workspace = tomllib.loads((ROOT / "Cargo.toml").read_text(encoding="utf-8"))
    return str(workspace["workspace"]["package"]["rust-version"])


def test_no_dependency_needs_a_newer_rust_than_the_workspace_declares() -> None:
    ours = declared()
    metadata = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--locked", "--offline"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert metadata.returncode == 0, f"cargo metadata failed:\n{metadata.stderr}"
    packages = json.loads(metadata.stdout)["packages"]
    newer = sorted(
        f"{package['name']} {package['version']} needs Rust {package['rust_version']}"
        for package in packages
        if package.get("rust_version") and version(package["rust_version"]) > version(ours)
    )
    assert packages, "cargo metadata listed no packages"
    assert not newer, f"rust-version is {ours}, but:\n" + "\n".join(newer)


def test_the_let_chains_of_chapter_3_are_why_the_floor_is_1_88() -> None:
    # Let chains (`if let ... && ...`) are stable since Rust 1.88, in the 2024 edition.
    export = (ROOT / "chapters" / "ch03-into-python" / "src" / "export.rs").read_text("utf-8")
    assert "if let Row::Dict(dict) = row\n        && " in export
    assert version(declared()) >= (1, 88)


def test_the_project_of_your_own_declares_the_same_rust_version() -> None:
    path = ROOT / "chapters" / "ch01-first-module" / "your-project" / "Cargo.toml"
    project = tomllib.loads(path.read_text(encoding="utf-8"))
    assert project["package"]["rust-version"] == declared()
    assert project["package"]["edition"] == "2024"
