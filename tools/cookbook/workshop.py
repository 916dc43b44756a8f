"""`workshop`: work through the exercises, with checks, hints and a watch mode.

uv run workshop list            every exercise, its state and your progress
uv run workshop check NAME      build NAME and run its checks (exit 0 when solved)
uv run workshop hint NAME       a nudge for NAME
uv run workshop watch [NAME]    re-check on every save; move on when solved
uv run workshop reset NAME      put NAME back as it was shipped (uses git)
uv run workshop verify          for CI: exercises fail, solutions pass
"""

from __future__ import annotations

import argparse
import json
import queue
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from cookbook.project import (
    executable,
    find_root,
    load_toml,
    run,
    target_dir,
    tool_env,
    utf8_output,
)

KINDS = ("exercise", "solution")
# maturin's own closing lines after a failed compile; cargo has already said it all.
# maturin marks its own lines with an emoji; the compiler's lines pass through untouched.
MATURIN_NOISE = re.compile(r"^([^\x00-\x7f]\S*\s|\s*Caused by:|\s*Failed to build)")


@dataclass(frozen=True)
class Exercise:
    name: str
    chapter: str
    summary: str
    hint: str

    def folder(self, root: Path, kind: str = "exercise") -> Path:
        return kind_folder(root, kind) / self.name


def kind_folder(root: Path, kind: str) -> Path:
    """`exercises/` or `solutions/`."""
    return root / ("exercises" if kind == "exercise" else "solutions")


@dataclass(frozen=True)
class Outcome:
    built: bool
    passed: bool
    seconds: float
    output: str
    # Set when the Python process running the checks died instead of finishing.
    crash: str = ""


# What pytest itself exits with: passed, failed, interrupted, internal error,
# usage error, no tests. Anything else means the process did not finish.
PYTEST_EXIT_CODES = {0, 1, 2, 3, 4, 5}
# Frames of pytest, pluggy and the interpreter in a crash dump.
PYTEST_FRAME = re.compile(r'^\s*File "(<frozen [^>]*>|[^"]*site-packages[^"]*)"')


def describe_crash(code: int) -> str:
    if code in PYTEST_EXIT_CODES:
        return ""
    if code < 0:
        try:
            cause = signal.Signals(-code).name
        except ValueError:
            cause = f"signal {-code}"
        return f"the Python process running the checks was killed by {cause}"
    return f"the Python process running the checks died with exit code {code:#x}"


def load(root: Path) -> list[Exercise]:
    metadata = root / "exercises" / "workshop.toml"
    entries = load_toml(metadata).get("exercise", [])
    if not isinstance(entries, list):
        raise SystemExit(f"{metadata}: `exercise` must be a list of [[exercise]] tables")
    found = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise SystemExit(f"{metadata}: [[exercise]] number {number} has no `name`")
        found.append(
            Exercise(
                name=str(entry["name"]),
                chapter=str(entry.get("chapter", "")),
                summary=str(entry.get("summary", "")),
                hint=str(entry.get("hint", "")).strip(),
            )
        )
    return found


def find(exercises: list[Exercise], name: str) -> Exercise:
    matches = [e for e in exercises if e.name == name] or [
        e for e in exercises if e.name.startswith(name)
    ]
    if len(matches) != 1:
        names = ", ".join(e.name for e in exercises)
        raise SystemExit(f"no single exercise is called {name!r}; the exercises are: {names}")
    return matches[0]


# --- progress, kept in .workshop/state.json ---------------------------------------------


def state_file(root: Path) -> Path:
    return root / ".workshop" / "state.json"


def solved(root: Path) -> set[str]:
    try:
        return set(json.loads(state_file(root).read_text(encoding="utf-8"))["solved"])
    except (OSError, ValueError, KeyError, TypeError):
        return set()


def record(root: Path, name: str, passed: bool) -> None:
    done = solved(root)
    if passed:
        done.add(name)
    else:
        done.discard(name)
    state_file(root).parent.mkdir(exist_ok=True)
    state_file(root).write_text(json.dumps({"solved": sorted(done)}, indent=2), encoding="utf-8")


def progress_bar(done: int, total: int, width: int = 30) -> str:
    filled = width * done // total if total else width
    arrow = ">" if filled < width else ""
    return f"Progress: [{'#' * filled}{arrow}{'-' * (width - filled - len(arrow))}] {done}/{total}"


# --- building and checking ----------------------------------------------------------------


def build(root: Path, exercise: Exercise, kind: str) -> tuple[bool, float, str, Path]:
    """Build one crate with maturin into its own folder; return (ok, seconds, output, site)."""
    folder = exercise.folder(root, kind)
    workshop_target = target_dir(root, "workshop")
    site = workshop_target / "site" / kind / exercise.name
    maturin = executable("maturin")
    if maturin is None:
        return False, 0.0, "maturin is not installed: run `uv sync` first", site
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as wheels:
        command = [maturin, "build", "-m", str(folder / "Cargo.toml"), "--out", wheels]
        command += ["--interpreter", sys.executable, "--target-dir", str(workshop_target)]
        env = tool_env(root)
        if sys.stdout.isatty():
            env.setdefault("CARGO_TERM_COLOR", "always")
        result = run(command, cwd=root, env=env, capture=True)
        seconds = time.monotonic() - started
        output = result.stdout or ""
        wheel = next(Path(wheels).glob("*.whl"), None)
        if result.returncode != 0 or wheel is None:
            kept = [line for line in output.splitlines() if not MATURIN_NOISE.match(line)]
            return False, seconds, "\n".join(kept), site
        shutil.rmtree(site, ignore_errors=True)
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(site)
    return True, seconds, output, site


def check(root: Path, exercise: Exercise, kind: str = "exercise") -> Outcome:
    built, seconds, output, site = build(root, exercise, kind)
    if not built:
        return Outcome(False, False, seconds, output)
    tests = exercise.folder(root, "exercise") / "tests"
    command = [sys.executable, "-m", "pytest", str(tests), "-q", "--no-header"]
    command += ["-p", "no:cacheprovider", "--tb=short", "-o", "addopts=--import-mode=importlib"]
    env = tool_env(root, PYTHONPATH=str(site), PYTHONDONTWRITEBYTECODE="1", RUST_BACKTRACE="0")
    result = run(command, cwd=root, env=env, capture=True)
    crash = describe_crash(result.returncode)
    return Outcome(True, result.returncode == 0, seconds, result.stdout or "", crash)


def report(exercise: Exercise, outcome: Outcome) -> None:
    if not outcome.built:
        print(outcome.output)
        print(f"\n[ ] {exercise.name} does not compile yet: the compiler's message is above.")
        print(f"    Stuck? `uv run workshop hint {exercise.name}`")
        return
    print(f"built in {outcome.seconds:.1f}s")
    if outcome.passed:
        print(f"[x] {exercise.name}: every check passes. Well done!")
        return
    output = outcome.output
    if outcome.crash:
        # The interpreter's own stack dump: keep the learner's frames, not pytest's.
        frames = [line for line in output.splitlines() if not PYTEST_FRAME.search(line)]
        output = "\n".join(frames)
    print(output.rstrip())
    if outcome.crash:
        print(f"\n[ ] {exercise.name} crashed the interpreter: {outcome.crash}.")
        print("    Rust code must return an error (a PyErr) instead of aborting: an allocation")
        print("    too large to make, or an explicit abort, ends the whole process.")
        print("    The last lines above show how far the checks got.")
    else:
        print(f"\n[ ] {exercise.name} is not solved yet: the failed checks above say what to fix.")
    print(f"    Stuck? `uv run workshop hint {exercise.name}`")


# --- commands -----------------------------------------------------------------------------


def command_list(root: Path, exercises: list[Exercise]) -> int:
    done = solved(root)
    current = next((e.name for e in exercises if e.name not in done), None)
    print(progress_bar(sum(e.name in done for e in exercises), len(exercises)))
    for exercise in exercises:
        mark = "[x]" if exercise.name in done else "[>]" if exercise.name == current else "[ ]"
        print(f"  {mark} {exercise.name:<26} {exercise.summary}")
    if current:
        print(f"\nNext: uv run workshop check {current}   (or `uv run workshop watch`)")
    else:
        print("\nEvery exercise is solved.")
    return 0


def command_check(root: Path, exercise: Exercise, kind: str) -> int:
    print(f"checking {exercise.name}{' (solution)' if kind == 'solution' else ''} ...", flush=True)
    outcome = check(root, exercise, kind)
    report(exercise, outcome)
    if kind == "exercise":
        record(root, exercise.name, outcome.passed)
    return 0 if outcome.passed else 1


def snapshot(folder: Path) -> dict[str, float]:
    return {
        str(path): path.stat().st_mtime
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def read_keys(keys: queue.Queue[str]) -> None:
    for line in sys.stdin:
        keys.put(line.strip().lower())


def command_watch(root: Path, exercises: list[Exercise], start: Exercise | None) -> int:
    done = solved(root)
    pending = [e for e in exercises if e.name not in done]
    if start is not None:
        pending = [start] + [e for e in pending if e != start]
    if not pending:
        print("Every exercise is solved. `uv run workshop reset NAME` starts one again.")
        return 0
    keys: queue.Queue[str] = queue.Queue()
    threading.Thread(target=read_keys, args=(keys,), daemon=True).start()
    current = pending.pop(0)
    seen: dict[str, float] = {}
    while True:
        folder = current.folder(root)
        now = snapshot(folder)
        rerun = now != seen
        while not keys.empty():
            key = keys.get()
            if key == "q":
                print("Bye. Your progress is saved.")
                return 0
            if key == "h":
                print(current.hint)
            elif key == "l":
                command_list(root, exercises)
            elif key == "c":
                rerun = True
        if rerun:
            seen = now
            print(f"\n=== {current.name}: {current.summary}", flush=True)
            passed = command_check(root, current, "exercise") == 0
            if passed:
                done.add(current.name)
                print(progress_bar(len(done & {e.name for e in exercises}), len(exercises)))
                if not pending:
                    print("That was the last exercise. Congratulations!")
                    return 0
                current = pending.pop(0)
                seen = {}
                continue
            print(f"\nWatching {folder.relative_to(root).as_posix()} for changes.")
            print("Keys (then Enter): h hint, l list, c check again, q quit.", flush=True)
        time.sleep(0.3)


def command_reset(root: Path, exercise: Exercise) -> int:
    folder = exercise.folder(root)
    git = shutil.which("git")
    if git is None:
        print("`workshop reset` needs git to restore the shipped version of the exercise.")
        return 1
    # From HEAD, not from the index: a learner's `git add` must not become "shipped".
    result = run([git, "checkout", "HEAD", "--", str(folder)], cwd=root, capture=True)
    if result.returncode != 0:
        print(f"git could not restore {folder.relative_to(root).as_posix()}:\n{result.stdout}")
        return 1
    record(root, exercise.name, False)
    print(f"{exercise.name} is back as it was shipped.")
    return 0


def command_verify(root: Path, exercises: list[Exercise]) -> int:
    """Every exercise compiles and fails its checks; every solution passes them."""
    problems = []
    listed = {exercise.name for exercise in exercises}
    for kind in KINDS:
        for crate in sorted(p.parent.name for p in kind_folder(root, kind).glob("*/Cargo.toml")):
            if crate not in listed:
                problems.append(f"{kind}s/{crate} is not listed in exercises/workshop.toml")
    for exercise in exercises:
        before = len(problems)
        if not exercise.hint:
            problems.append(f"{exercise.name}: its hint in exercises/workshop.toml is empty")
        for kind in KINDS:
            if not (exercise.folder(root, kind) / "Cargo.toml").is_file():
                problems.append(f"{exercise.name}: there is no {kind} crate")
        if not (exercise.folder(root) / "tests").is_dir():
            problems.append(f"{exercise.name}: there are no checks in its tests/ folder")
        if len(problems) > before:
            continue
        shipped = check(root, exercise, "exercise")
        if not shipped.built:
            problems.append(f"{exercise.name}: the exercise as shipped does not compile")
        elif shipped.passed:
            problems.append(f"{exercise.name}: the exercise as shipped already passes its checks")
        answer = check(root, exercise, "solution")
        if not answer.passed:
            problems.append(f"{exercise.name}: the solution fails the checks:\n{answer.output}")
        verdict = "ok" if shipped.built and not shipped.passed and answer.passed else "FAIL"
        print(f"  {verdict:<4} {exercise.name}: exercise fails, solution passes", flush=True)
    for problem in problems:
        print(problem)
    print(f"workshop verify: {len(exercises)} exercises, {len(problems)} problems")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="workshop", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="every exercise and your progress")
    check_parser = commands.add_parser("check", help="build an exercise and run its checks")
    check_parser.add_argument("name")
    check_parser.add_argument("--solution", action="store_true", help="check the solution")
    hint_parser = commands.add_parser("hint", help="a nudge for an exercise")
    hint_parser.add_argument("name")
    watch_parser = commands.add_parser("watch", help="re-check on every save")
    watch_parser.add_argument("name", nargs="?")
    reset_parser = commands.add_parser("reset", help="restore an exercise as shipped")
    reset_parser.add_argument("name")
    commands.add_parser("verify", help="exercises fail and solutions pass (for CI)")
    args = parser.parse_args(argv)
    utf8_output()

    try:
        root = find_root()
        exercises = load(root)
        if args.command == "list":
            return command_list(root, exercises)
        if args.command == "check":
            kind = "solution" if args.solution else "exercise"
            return command_check(root, find(exercises, args.name), kind)
        if args.command == "hint":
            print(find(exercises, args.name).hint)
            return 0
        if args.command == "watch":
            start = find(exercises, args.name) if args.name else None
            return command_watch(root, exercises, start)
        if args.command == "reset":
            return command_reset(root, find(exercises, args.name))
        if args.command == "verify":
            return command_verify(root, exercises)
    except KeyboardInterrupt:
        print("\nStopped. Your progress is saved.")
        return 130
    return 2


if __name__ == "__main__":
    sys.exit(main())
