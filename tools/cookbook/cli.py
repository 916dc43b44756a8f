"""`cookbook`: run every check of the repository, build the book, rebuild a chapter.

uv run cookbook test                 every check, then a summary
uv run cookbook test --only pytest   one step (see `--list`)
uv run cookbook develop ch01         rebuild one chapter's module into .venv
uv run cookbook book                 build and serve the book on port 3000
uv run cookbook captures --update    refresh the output the book shows
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from cookbook import (
    benchmarks,
    book,
    browser,
    captures,
    modernize,
    queue_bench,
    queue_profile,
    quiet,
    redis_server,
    wheels,
)
from cookbook.project import (
    Chapter,
    chapters,
    executable,
    find_root,
    run,
    target_dir,
    tool_env,
    utf8_output,
)

# Chapters built by this process: the pytest and captures steps both need them,
# and one build per run is enough.
_developed: set[Path] = set()


def develop(root: Path, chapter: Chapter) -> bool:
    """Build a chapter's extension and install it, editable, into this environment."""
    if chapter.path in _developed:
        return True
    maturin = executable("maturin") or "maturin"
    env = tool_env(root, CARGO_TARGET_DIR=str(target_dir(root, "python")))
    command = [maturin, "develop", "--uv", "-m", str(chapter.path / "Cargo.toml")]
    if run(command, cwd=root, env=env).returncode != 0:
        return False
    _developed.add(chapter.path)
    return True


def step_fmt(root: Path) -> bool:
    return run(["cargo", "fmt", "--all", "--check"], cwd=root).returncode == 0


def step_clippy(root: Path) -> bool:
    command = ["cargo", "clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]
    return run(command, cwd=root, env=tool_env(root)).returncode == 0


def step_cargo_test(root: Path) -> bool:
    return run(["cargo", "test", "--workspace"], cwd=root, env=tool_env(root)).returncode == 0


def step_redis(root: Path) -> bool:
    """The capstone's tests need a real redis-server (7.0 or newer) on PATH."""
    problem = redis_server.version_problem()
    print(problem or f"found {redis_server.describe()}")
    return problem is None


def step_pytest(root: Path) -> bool:
    """Each chapter's Python tests against a freshly built module, then the tools' own."""
    ok = True
    for chapter in chapters(root):
        if not chapter.has_python_face:
            continue
        print(f"--- {chapter.slug}: build the module, then run its Python tests", flush=True)
        if not develop(root, chapter):
            ok = False
            continue
        tests = [sys.executable, "-m", "pytest", str(chapter.path / "tests")]
        ok &= run(tests, cwd=root, env=tool_env(root)).returncode == 0
    print("--- the cookbook's own tools", flush=True)
    tools = [sys.executable, "-m", "pytest", str(root / "tools" / "tests")]
    ok &= run(tools, cwd=root, env=tool_env(root)).returncode == 0
    return ok


def step_workshop(root: Path) -> bool:
    command = [sys.executable, "-m", "cookbook.workshop", "verify"]
    return run(command, cwd=root, env=tool_env(root)).returncode == 0


def step_captures(root: Path) -> bool:
    # The captured programs import the chapters' packages: make sure they are current.
    for chapter in sorted({capture.chapter for capture in captures.captures(root)}):
        if not develop(root, Chapter(chapter)):
            return False
    problems = captures.check(root)
    for problem in problems:
        print(problem)
    return not problems


def step_book(root: Path) -> bool:
    problems = [str(problem) for problem in book.check(root)]
    # The benchmark results the book shows: current, complete, never typed by hand.
    problems += benchmarks.check_results(root)
    problems += queue_bench.check_results(root)
    if not (root / queue_profile.PROFILE).is_file():
        problems.append(
            f"{queue_profile.PROFILE} is missing: "
            "run `uv run cookbook bench --only queue --profile`"
        )
    for problem in problems:
        print(problem)
    if not problems:
        print("the book builds cleanly; every include, anchor and internal link resolves")
    return not problems


def step_browser(root: Path) -> bool:
    """The built book in a headless Chromium, at desktop and phone width (see browser.py)."""
    return browser.main(root)


def step_ruff(root: Path) -> bool:
    ruff = executable("ruff") or "ruff"
    lint = run([ruff, "check", "."], cwd=root).returncode == 0
    formatted = run([ruff, "format", "--check", "."], cwd=root).returncode == 0
    return lint and formatted


def step_types(root: Path) -> bool:
    """mypy --strict over the tools and every chapter's Python package, stubs and tests."""
    mypy = [sys.executable, "-m", "mypy", "tools"]
    for chapter in chapters(root):
        if chapter.has_python_face:
            package = chapter.path / "python" / chapter.python_package
            tests = chapter.path / "tests"
            mypy += [str(package.relative_to(root)), str(tests.relative_to(root))]
    return run(mypy, cwd=root).returncode == 0


def step_actionlint(root: Path) -> bool:
    actionlint = executable("actionlint") or "actionlint"
    workflows = sorted(str(p) for p in (root / ".github" / "workflows").glob("*.yml"))
    return run([actionlint, *workflows], cwd=root).returncode == 0


def step_wheels(root: Path) -> bool:
    """Release wheels of every chapter: tags, abi3audit, sdist, installed and tested, stubtest."""
    return wheels.step(root)


def step_zizmor(root: Path) -> bool:
    zizmor = executable("zizmor") or "zizmor"
    workflows = root / ".github" / "workflows"
    return run([zizmor, "--offline", str(workflows)], cwd=root).returncode == 0


STEPS: dict[str, tuple[str, Callable[[Path], bool]]] = {
    "fmt": ("cargo fmt --check", step_fmt),
    "clippy": ("cargo clippy -D warnings", step_clippy),
    "cargo-test": ("cargo test --workspace", step_cargo_test),
    "redis": ("redis-server 7+ on PATH, for the capstone", step_redis),
    "pytest": ("pytest of every chapter and the tools", step_pytest),
    "captures": ("output shown in the book is current", step_captures),
    "workshop": ("exercises fail, solutions pass", step_workshop),
    "book": ("book builds; includes and links resolve", step_book),
    "browser": ("every page read in headless Chromium", step_browser),
    "ruff": ("ruff check and ruff format --check", step_ruff),
    "types": ("mypy --strict on Python faces, tests, tools", step_types),
    "actionlint": ("actionlint on .github/workflows", step_actionlint),
    "zizmor": ("zizmor --offline on .github/workflows", step_zizmor),
    "wheels": ("release wheels built, audited, installed, tested", step_wheels),
}


def test(root: Path, only: list[str], skip: list[str]) -> int:
    unknown = [name for name in only + skip if name not in STEPS]
    if unknown:
        print(f"unknown step(s): {', '.join(unknown)}; the steps are: {', '.join(STEPS)}")
        return 2
    chosen = [name for name in STEPS if (not only or name in only) and name not in skip]
    results: list[tuple[str, bool, float]] = []
    for name in chosen:
        title, function = STEPS[name]
        print(f"\n=== {name}: {title}", flush=True)
        started = time.monotonic()
        ok = function(root)
        results.append((name, ok, time.monotonic() - started))
    print("\n=== summary")
    for name, ok, seconds in results:
        print(f"  {'ok  ' if ok else 'FAIL'}  {name:<11} {seconds:7.1f}s  {STEPS[name][0]}")
    failed = [name for name, ok, _ in results if not ok]
    print(f"\ncookbook checks: {len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cookbook", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    test_parser = commands.add_parser("test", help="run every check and print a summary")
    test_parser.add_argument("--only", action="append", default=[], metavar="STEP")
    test_parser.add_argument("--skip", action="append", default=[], metavar="STEP")
    test_parser.add_argument("--list", action="store_true", help="list the steps and exit")
    develop_parser = commands.add_parser("develop", help="rebuild a chapter's module into .venv")
    develop_parser.add_argument("chapter", help="e.g. ch01 or ch01-first-module")
    book_parser = commands.add_parser("book", help="build and serve the book")
    book_parser.add_argument("--port", type=int, default=3000)
    book_parser.add_argument("--build-only", action="store_true", help="build and check, no server")
    bench_parser = commands.add_parser(
        "bench",
        help="build release wheels, run every benchmark, write the results files; "
        "--only suite (Chapter 11's) or --only queue (the capstone's, --rounds N); "
        "it waits for a quiet machine and refuses a busy one unless --allow-busy; "
        "other options go to pyperf, e.g. --fast (fewer processes) or --rigorous (more); "
        "--profile profiles both versions of export_csv, and a queue worker, "
        "with Linux perf instead",
    )
    bench_parser.add_argument("--only", choices=["suite", "queue"], help="run one part only")
    bench_parser.add_argument(
        "--rounds", type=int, default=queue_bench.ROUNDS, help="the queue comparison's rounds"
    )
    bench_parser.add_argument(
        "--allow-busy", action="store_true", help="measure on a busy machine, and say so"
    )
    bench_parser.add_argument("--profile", action="store_true", help="profile with Linux perf")
    captures_parser = commands.add_parser("captures", help="check the output the book shows")
    captures_parser.add_argument("--update", action="store_true", help="rewrite stale captures")
    modernize_parser = commands.add_parser(
        "modernize",
        help="point at old PyO3 names in a Rust file, a Cargo.toml or a folder, "
        "with the fix and the appendix entry (names, not meaning)",
    )
    modernize_parser.add_argument("path", help="a .rs file, a Cargo.toml, or a folder")
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "bench":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    utf8_output()
    if args.command == "modernize":
        # Any folder of the reader's, not only this repository.
        return modernize.main([args.path])
    root = find_root()

    if args.command == "test":
        if args.list:
            for name, (title, _) in STEPS.items():
                print(f"{name:<11} {title}")
            return 0
        split = [part for value in args.skip for part in value.split(",") if part]
        return test(root, [p for v in args.only for p in v.split(",") if p], split)
    if args.command == "develop":
        matches = [c for c in chapters(root) if c.slug.startswith(args.chapter)]
        if len(matches) != 1:
            names = ", ".join(c.slug for c in chapters(root))
            print(f"no single chapter matches {args.chapter!r}; the chapters are: {names}")
            return 2
        return 0 if develop(root, matches[0]) else 1
    if args.command == "book":
        if args.build_only:
            return 0 if step_book(root) else 1
        return book.serve(root, args.port)
    if args.command == "bench":
        suite = args.only in (None, "suite")
        queue = args.only in (None, "queue")
        if args.rounds < 1:
            parser.error("bench --rounds takes a whole number of rounds, 1 or more")
        if args.profile:
            if suite and benchmarks.profile(root):
                return 1
            return queue_profile.profile(root) if queue else 0
        if suite and benchmarks.bench(root, extra, args.allow_busy):
            return 1
        if queue:
            busy = quiet.settle()
            if busy and not args.allow_busy:
                print(busy)
                return 1
            if queue_bench.bench(root, args.rounds):
                return 1
            if busy:
                path = root / queue_bench.RESULTS
                path.write_text(quiet.mark_busy(path.read_text(encoding="utf-8"), busy))
        return 0
    if args.command == "captures":
        # Build the chapters first, as the test step does: a capture run against a
        # missing or stale module would store an ImportError as the book's output.
        for chapter in sorted({capture.chapter for capture in captures.captures(root)}):
            if not develop(root, Chapter(chapter)):
                return 1
        problems = captures.check(root, update=args.update)
        if args.update:
            problems += captures.update_compiler_outputs(root)
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
