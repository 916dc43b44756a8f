"""Output shown in the book, captured from real runs and checked for staleness.

A chapter lists the commands whose output the book shows in
`chapters/chNN-slug/captured/captures.toml`:

    [[capture]]
    name = "tour"                              # stored as captured/tour.txt
    command = ["{python}", "examples/tour.py"]  # run in the chapter folder
    exit-code = 1                               # what the command must exit with
    requires-python = "3.11"                    # optional: output differs on older Pythons
    platform = "linux"                          # optional: output shows this sys.platform

`cookbook captures` reruns every command and compares the output with the
stored file; `cookbook captures --update` rewrites the stored files.

Compiler errors are captured by Rust tests instead: trybuild keeps the error of
each `tests/ui/*.rs` in a `.stderr` file beside it, and `cargo test` fails when
the compiler would now say something else. `--update` also rewrites those,
running each crate's compile-fail tests with `TRYBUILD=overwrite` (and the
appendix's Cargo-level ones with `APPENDIX_OVERWRITE=1`).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from cookbook.project import chapters, load_toml, run, tool_env

TRACEBACK_FILE = re.compile(r'^\s*File "[^"]*"', re.MULTILINE)

# Parts of an output that differ between machines or runs, and what stands in for them.
NORMALISE = [
    # pytest's "in 1.23s", and past a minute "in 65.24s (0:01:05)".
    (re.compile(r"\b\d+(\.\d+)?s(?: \(\d+:\d\d:\d\d\))?(?=\s*=*\s*$)", re.MULTILINE), "<time>"),
    (re.compile(r"(finished|Finished .*) in \d+(\.\d+)?s"), r"\1 in <time>"),
    (re.compile(r"(target/[\w/]+/deps/[\w]+)-[0-9a-f]{16}"), r"\1-<hash>"),
    (re.compile(r"[^\s\"']*site-packages/"), "<site-packages>/"),
    # Rust's panic message names the thread, and since Rust 1.89 its id too,
    # which changes on every run: "thread '<unnamed>' (21025) panicked at".
    (re.compile(r"^(thread '[^']*') \(\d+\) panicked at", re.MULTILINE), r"\1 panicked at"),
    # Tracebacks underline the failing expression with ^ and ~, and where they
    # do differs between Python versions: drop those lines, so that one stored
    # output serves every version.
    (re.compile(r"^[ \t]*[\^~]+[ \t]*(\n|\Z)", re.MULTILINE), ""),
]


@dataclass(frozen=True)
class Capture:
    chapter: Path
    name: str
    command: list[str]
    exit_code: int
    requires_python: tuple[int, int] = (3, 0)
    platform: str | None = None

    @property
    def stored(self) -> Path:
        return self.chapter / "captured" / f"{self.name}.txt"


def captures(root: Path) -> list[Capture]:
    found = []
    for chapter in chapters(root):
        spec = chapter.path / "captured" / "captures.toml"
        if not spec.is_file():
            continue
        for entry in load_toml(spec).get("capture", []):
            found.append(
                Capture(
                    chapter=chapter.path,
                    name=entry["name"],
                    command=list(entry["command"]),
                    exit_code=int(entry.get("exit-code", 0)),
                    requires_python=version_tuple(str(entry.get("requires-python", "3.0"))),
                    platform=entry.get("platform"),
                )
            )
    return found


def version_tuple(text: str) -> tuple[int, int]:
    major, _, minor = text.partition(".")
    return int(major), int(minor or 0)


def normalise(text: str, root: Path) -> str:
    text = text.replace(str(root) + "\\", "").replace(str(root) + "/", "")
    text = text.replace("\r\n", "\n")
    # Windows paths in tracebacks use backslashes; nothing else should be touched.
    text = TRACEBACK_FILE.sub(lambda match: match.group(0).replace("\\", "/"), text)
    for pattern, replacement in NORMALISE:
        text = pattern.sub(replacement, text)
    lines = [line.rstrip() for line in text.splitlines()]
    return "\n".join(lines).strip("\n") + "\n"


def shadowed_modules(capture: Capture) -> list[str]:
    """Standard-library modules that a captured script's own folder would hide.

    Python puts a script's folder first on sys.path, so `examples/traceback.py`
    replaces the `traceback` module for everything the script imports; Python
    3.13 then prints tracebacks without their notes. The result looks plausible
    and is wrong, so such names are refused.
    """
    stdlib = sys.stdlib_module_names
    hidden = []
    for part in capture.command:
        if part.endswith(".py"):
            folder = (capture.chapter / part).parent
            hidden += [p.stem for p in sorted(folder.glob("*.py")) if p.stem in stdlib]
    return hidden


def produce(capture: Capture, root: Path) -> tuple[int, str]:
    command = [sys.executable if part == "{python}" else part for part in capture.command]
    # A panic prints a Rust backtrace when RUST_BACKTRACE is set, as it may be on
    # a developer's machine: the stored output is what everyone else sees.
    env = tool_env(
        root, NO_COLOR="1", PYTHONDONTWRITEBYTECODE="1", COLUMNS="100", RUST_BACKTRACE="0"
    )
    env.pop("FORCE_COLOR", None)
    result = run(command, cwd=capture.chapter, env=env, capture=True)
    return result.returncode, normalise(result.stdout or "", root)


def check(root: Path, update: bool = False) -> list[str]:
    """Return a description of every stale or failing capture (rewrite them if `update`)."""
    problems = []
    for capture in captures(root):
        label = capture.stored.relative_to(root).as_posix()
        if sys.version_info[:2] < capture.requires_python:
            wanted = ".".join(map(str, capture.requires_python))
            print(f"{label}: shows output of Python {wanted} or later; not compared on this one")
            continue
        if capture.platform is not None and not sys.platform.startswith(capture.platform):
            print(f"{label}: shows output of {capture.platform}; not compared on {sys.platform}")
            continue
        hidden = shadowed_modules(capture)
        if hidden:
            problems.append(
                f"{label}: the script's folder has files named like standard-library modules "
                f"({', '.join(hidden)}); Python would import them instead. Rename them."
            )
            continue
        code, output = produce(capture, root)
        if code != capture.exit_code:
            problems.append(
                f"{label}: `{' '.join(capture.command)}` exited {code}, "
                f"expected {capture.exit_code}:\n{output}"
            )
            continue
        if update:
            capture.stored.write_bytes(output.encode("utf-8"))
            print(f"updated {label}")
            continue
        stored = capture.stored.read_text(encoding="utf-8") if capture.stored.is_file() else ""
        if stored != output:
            problems.append(
                f"{label} is stale: the book would show output the code no longer produces.\n"
                f"Run `uv run cookbook captures --update` and review the diff. Output now:\n"
                f"{output}"
            )
    return problems


# Rust test targets whose stored compiler output `--update` rewrites, and how.
COMPILER_OUTPUT_TESTS = {
    "compile_fail": {"TRYBUILD": "overwrite"},
    "cargo_level": {"APPENDIX_OVERWRITE": "1"},
}


def update_compiler_outputs(root: Path) -> list[str]:
    """Rerun every compile-fail test with overwriting on; return what failed."""
    problems = []
    for chapter in chapters(root):
        for target, overwrite in COMPILER_OUTPUT_TESTS.items():
            if not (chapter.path / "tests" / f"{target}.rs").is_file():
                continue
            command = ["cargo", "test", "-p", chapter.slug, "--test", target]
            print(f"--- {chapter.slug}: {' '.join(command)} ({' '.join(overwrite)})", flush=True)
            if run(command, cwd=root, env=tool_env(root, **overwrite)).returncode != 0:
                problems.append(f"{chapter.slug}: `{' '.join(command)}` failed while updating")
    return problems
