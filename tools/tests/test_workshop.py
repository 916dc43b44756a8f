"""The workshop runner: its exercises, progress, and real `check` and `watch` runs.

The end-to-end tests build real crates. They run the workshop against a copy of
the exercises in a temporary folder (so the learner's own progress in
`.workshop/state.json` is never touched) with one shared Cargo target
directory, `target/tools-tests`, so pyo3 is compiled once and reused.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from cookbook import workshop
from cookbook.project import run
from cookbook.workshop import Exercise, Outcome

FIRST = "ch01-first-module"
# Generous: the first build in a fresh target directory compiles pyo3.
BUILD_TIMEOUT = 600.0
NO_TRACEBACK = "Traceback (most recent call last)"


# --- the exercises as shipped -------------------------------------------------------------


def test_every_exercise_has_a_hint_an_exercise_a_solution_and_checks(repo_root: Path) -> None:
    exercises = workshop.load(repo_root)
    assert exercises, "exercises/workshop.toml lists no exercise"
    assert len({e.name for e in exercises}) == len(exercises), "exercise names repeat"
    for exercise in exercises:
        assert exercise.hint, f"{exercise.name} has an empty hint"
        assert exercise.hint == exercise.hint.strip()
        for kind in workshop.KINDS:
            folder = exercise.folder(repo_root, kind)
            assert folder.is_dir(), f"{exercise.name}: no {kind} folder {folder}"
            assert (folder / "Cargo.toml").is_file(), f"{exercise.name}: {kind} has no Cargo.toml"
        assert (exercise.folder(repo_root) / "tests").is_dir(), f"{exercise.name}: no tests/"
        assert list((exercise.folder(repo_root) / "tests").glob("test_*.py"))


def test_find_accepts_an_exact_name_and_a_unique_prefix(repo_root: Path) -> None:
    exercises = workshop.load(repo_root)
    assert workshop.find(exercises, FIRST).name == FIRST
    assert workshop.find(exercises, "ch01").name == FIRST


def test_find_prefers_an_exact_name_over_longer_names_it_prefixes() -> None:
    exercises = [Exercise("ch02-a", "", "", "h"), Exercise("ch02-ab", "", "", "h")]
    assert workshop.find(exercises, "ch02-a").name == "ch02-a"
    with pytest.raises(SystemExit, match="no single exercise is called 'ch02'"):
        workshop.find(exercises, "ch02")


def test_find_names_every_exercise_when_the_name_is_unknown(repo_root: Path) -> None:
    exercises = workshop.load(repo_root)
    with pytest.raises(SystemExit) as raised:
        workshop.find(exercises, "ch99-nothing")
    message = str(raised.value)
    assert "'ch99-nothing'" in message
    for exercise in exercises:
        assert exercise.name in message


# --- progress -----------------------------------------------------------------------------


def test_progress_bar_at_the_start() -> None:
    assert workshop.progress_bar(0, 4) == "Progress: [>" + "-" * 29 + "] 0/4"


def test_progress_bar_halfway() -> None:
    assert workshop.progress_bar(2, 4) == "Progress: [" + "#" * 15 + ">" + "-" * 14 + "] 2/4"


def test_progress_bar_when_done() -> None:
    assert workshop.progress_bar(4, 4) == "Progress: [" + "#" * 30 + "] 4/4"


def test_progress_bar_is_always_the_same_width() -> None:
    widths = {len(workshop.progress_bar(done, 7).split("]")[0]) for done in range(8)}
    assert widths == {len("Progress: [") + 30}


def test_state_lives_in_dot_workshop(tmp_path: Path) -> None:
    assert workshop.state_file(tmp_path) == tmp_path / ".workshop" / "state.json"


def test_nothing_is_solved_without_a_state_file(tmp_path: Path) -> None:
    assert workshop.solved(tmp_path) == set()


def test_record_and_solved_round_trip(tmp_path: Path) -> None:
    workshop.record(tmp_path, "ch01-first-module", True)
    workshop.record(tmp_path, "ch02-types", True)
    assert workshop.solved(tmp_path) == {"ch01-first-module", "ch02-types"}
    workshop.record(tmp_path, "ch01-first-module", False)
    assert workshop.solved(tmp_path) == {"ch02-types"}
    workshop.record(tmp_path, "ch03-never-solved", False)
    assert workshop.solved(tmp_path) == {"ch02-types"}
    stored = json.loads(workshop.state_file(tmp_path).read_text(encoding="utf-8"))
    assert stored == {"solved": ["ch02-types"]}


@pytest.mark.parametrize(
    "text",
    ["{not json", "", "[1, 2]", '{"done": []}', '{"solved": 3}'],
    ids=["broken-json", "empty", "a-list", "no-solved-key", "solved-not-a-list"],
)
def test_corrupt_state_file_reads_as_nothing_solved(tmp_path: Path, text: str) -> None:
    workshop.state_file(tmp_path).parent.mkdir()
    workshop.state_file(tmp_path).write_text(text, encoding="utf-8")
    assert workshop.solved(tmp_path) == set()
    workshop.record(tmp_path, "ch01-first-module", True)
    assert workshop.solved(tmp_path) == {"ch01-first-module"}


# --- filtering maturin's output and verify, without building ------------------------------


def test_maturin_noise_is_recognised_and_compiler_lines_are_not() -> None:
    noise = ["💥 maturin failed", "  Caused by: Failed to build a native library through cargo"]
    noise += ["  Caused by: Cargo build finished with exit status: 101"]
    kept = [
        "error: mismatched closing delimiter: `}`",
        "  --> exercises/ch01-first-module/src/lib.rs:16:10",
        "   |",
        "error: could not compile `exercise-ch01-first-module` (lib) due to 1 previous error",
        "   Compiling pyo3 v0.30.1",
    ]
    assert [line for line in noise if workshop.MATURIN_NOISE.match(line)] == noise
    assert [line for line in kept if workshop.MATURIN_NOISE.match(line)] == []


def fake_workshop(tmp_path: Path, names: list[str], complete: list[str]) -> Path:
    """A root with exercises `names`; only those in `complete` have both crates and tests."""
    root = tmp_path / "repo"
    entries = "".join(f'[[exercise]]\nname = "{n}"\nhint = "a hint"\n\n' for n in names)
    (root / "exercises").mkdir(parents=True)
    (root / "exercises" / "workshop.toml").write_text(entries, encoding="utf-8")
    for name in complete:
        for kind in workshop.KINDS:
            folder = Exercise(name, "", "", "").folder(root, kind)
            folder.mkdir(parents=True)
            (folder / "Cargo.toml").write_text("", encoding="utf-8")
        (Exercise(name, "", "", "").folder(root) / "tests").mkdir()
    return root


def only_solutions_pass(root: Path, exercise: Exercise, kind: str = "exercise") -> Outcome:
    """A stand-in for workshop.check: every exercise fails, every solution passes."""
    return Outcome(built=True, passed=kind == "solution", seconds=0.0, output="")


def test_verify_passes_when_exercises_fail_and_solutions_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = fake_workshop(tmp_path, ["ch01-a", "ch02-b"], ["ch01-a", "ch02-b"])

    monkeypatch.setattr(workshop, "check", only_solutions_pass)
    assert workshop.command_verify(root, workshop.load(root)) == 0
    out = capsys.readouterr().out
    assert "ok   ch01-a: exercise fails, solution passes" in out
    assert "ok   ch02-b: exercise fails, solution passes" in out
    assert "workshop verify: 2 exercises, 0 problems" in out


def test_verify_fails_when_a_shipped_exercise_already_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = fake_workshop(tmp_path, ["ch01-a"], ["ch01-a"])

    def fake_check(root: Path, exercise: Exercise, kind: str = "exercise") -> Outcome:
        return Outcome(built=True, passed=True, seconds=0.0, output="")

    monkeypatch.setattr(workshop, "check", fake_check)
    assert workshop.command_verify(root, workshop.load(root)) == 1
    out = capsys.readouterr().out
    assert "ch01-a: the exercise as shipped already passes its checks" in out
    assert "FAIL ch01-a" in out


def test_verify_still_checks_later_exercises_after_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = fake_workshop(tmp_path, ["ch01-broken", "ch02-fine"], ["ch02-fine"])
    checked: list[tuple[str, str]] = []

    def fake_check(root: Path, exercise: Exercise, kind: str = "exercise") -> Outcome:
        checked.append((exercise.name, kind))
        return Outcome(built=True, passed=kind == "solution", seconds=0.0, output="")

    monkeypatch.setattr(workshop, "check", fake_check)
    assert workshop.command_verify(root, workshop.load(root)) == 1
    assert "ch01-broken: there is no exercise crate" in capsys.readouterr().out
    assert checked == [("ch02-fine", "exercise"), ("ch02-fine", "solution")]


# --- end to end: a copy of the repository, real builds ------------------------------------


def copy_repository(real: Path, destination: Path) -> Path:
    """Copy what the workshop needs: the workspace without chapters, exercises, solutions."""
    destination.mkdir(parents=True)
    manifest = (real / "Cargo.toml").read_text(encoding="utf-8")
    manifest, count = re.subn(
        r"(?m)^members\s*=\s*\[.*\]$", 'members = ["exercises/*", "solutions/*"]', manifest
    )
    assert count == 1, "the workspace Cargo.toml has no one-line `members = [...]`"
    (destination / "Cargo.toml").write_text(manifest, encoding="utf-8")
    shutil.copy2(real / "Cargo.lock", destination / "Cargo.lock")
    shutil.copy2(real / "pyproject.toml", destination / "pyproject.toml")
    (destination / "book").mkdir()
    (destination / "book" / "book.toml").write_text("", encoding="utf-8")
    ignore = shutil.ignore_patterns("__pycache__", ".pytest_cache", "target", "*.so", "*.pyd")
    for folder in ("exercises", "solutions"):
        shutil.copytree(real / folder, destination / folder, ignore=ignore)
    return destination


def saved_now(root: Path) -> None:
    """Give every exercise's and solution's sources a new mtime, as saving them would.

    Cargo names a workspace crate by its path inside the workspace and decides
    freshness by mtimes, so to cargo every copy's `exercises/ch01-first-module`
    is one crate: without this, a build in one copy would reuse the library
    built from another copy's (perhaps solved) code.
    """
    for folder in ("exercises", "solutions"):
        for path in (root / folder).rglob("*.rs"):
            os.utime(path)


def workshop_env(root: Path, real: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("FORCE_COLOR", "PY_COLORS", "CARGO_TERM_COLOR", "PYTHONUNBUFFERED"):
        env.pop(name, None)
    env["NO_COLOR"] = "1"
    env["COOKBOOK_ROOT"] = str(root)
    env["CARGO_TARGET_DIR"] = str(real / "target" / "tools-tests")
    return env


def run_workshop(root: Path, real: Path, *args: str) -> subprocess.CompletedProcess[str]:
    saved_now(root)
    return subprocess.run(
        [sys.executable, "-m", "cookbook.workshop", *args],
        cwd=root,
        env=workshop_env(root, real),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=BUILD_TIMEOUT,
        check=False,
    )


def exercise_source(root: Path, kind: str = "exercise") -> Path:
    return Exercise(FIRST, "", "", "").folder(root, kind) / "src" / "lib.rs"


def solve(root: Path) -> None:
    """Do what a learner does: save the solution's code over the exercise's."""
    shutil.copyfile(exercise_source(root, "solution"), exercise_source(root))


@pytest.fixture(scope="session")
def shipped_copy(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy with every exercise as shipped; tests sharing it must not edit the exercises."""
    return copy_repository(repo_root, tmp_path_factory.mktemp("shipped") / "repo")


@pytest.fixture
def own_copy(repo_root: Path, tmp_path: Path) -> Path:
    """A copy for one test alone, which may edit the exercises."""
    return copy_repository(repo_root, tmp_path / "repo")


def test_check_of_the_solution_passes(repo_root: Path, shipped_copy: Path) -> None:
    result = run_workshop(shipped_copy, repo_root, "check", FIRST, "--solution")
    assert result.returncode == 0, result.stdout
    assert f"checking {FIRST} (solution) ..." in result.stdout
    assert f"[x] {FIRST}: every check passes" in result.stdout
    assert FIRST not in workshop.solved(shipped_copy), "checking a solution records nothing"


def test_check_of_the_shipped_exercise_fails_with_teaching_messages(
    repo_root: Path, shipped_copy: Path
) -> None:
    result = run_workshop(shipped_copy, repo_root, "check", FIRST)
    assert result.returncode == 1, result.stdout
    assert "Python cannot see `repeat`" in result.stdout
    assert "the Rust code panicked: not yet implemented" in result.stdout
    assert "replace the todo!() with your code" in result.stdout
    assert f"[ ] {FIRST} is not solved yet" in result.stdout
    assert NO_TRACEBACK not in result.stdout
    assert workshop.solved(shipped_copy) == set()
    assert workshop.state_file(shipped_copy).is_file()


def test_hint_prints_the_hint(repo_root: Path, shipped_copy: Path) -> None:
    result = run_workshop(shipped_copy, repo_root, "hint", "ch01")
    assert result.returncode == 0, result.stdout
    expected = workshop.find(workshop.load(repo_root), FIRST).hint
    assert result.stdout == expected + "\n"


def test_hint_for_an_unknown_exercise_names_the_exercises(
    repo_root: Path, shipped_copy: Path
) -> None:
    result = run_workshop(shipped_copy, repo_root, "hint", "nope")
    assert result.returncode == 1
    assert "no single exercise is called 'nope'" in result.stdout
    assert FIRST in result.stdout


def test_list_prints_progress_and_the_next_exercise(repo_root: Path, shipped_copy: Path) -> None:
    result = run_workshop(shipped_copy, repo_root, "list")
    assert result.returncode == 0, result.stdout
    total = len(workshop.load(repo_root))
    assert result.stdout.startswith("Progress: [>")
    assert f"] 0/{total}" in result.stdout
    assert f"[>] {FIRST}" in result.stdout
    assert f"Next: uv run workshop check {FIRST}" in result.stdout


def test_broken_edit_shows_the_compiler_errors_then_the_fix_passes(
    repo_root: Path, own_copy: Path
) -> None:
    source = exercise_source(own_copy)
    shipped = source.read_text(encoding="utf-8")
    broken = shipped.replace("fn repeat(text: &str, times: usize)", "fn repeat(text: &str, times")
    assert broken != shipped
    source.write_text(broken, encoding="utf-8")

    result = run_workshop(own_copy, repo_root, "check", FIRST)
    assert result.returncode == 1, result.stdout
    assert "error: " in result.stdout
    assert f"exercises/{FIRST}/src/lib.rs" in result.stdout.replace("\\", "/")
    assert f"[ ] {FIRST} does not compile yet" in result.stdout
    assert NO_TRACEBACK not in result.stdout
    assert "maturin failed" not in result.stdout
    assert "Caused by" not in result.stdout

    solve(own_copy)
    result = run_workshop(own_copy, repo_root, "check", FIRST)
    assert result.returncode == 0, result.stdout
    assert f"[x] {FIRST}: every check passes" in result.stdout
    assert workshop.solved(own_copy) == {FIRST}

    result = run_workshop(own_copy, repo_root, "list")
    assert result.returncode == 0, result.stdout
    total = len(workshop.load(repo_root))
    assert f"[x] {FIRST}" in result.stdout
    assert f"1/{total}" in result.stdout


# --- watch --------------------------------------------------------------------------------


class Watcher:
    """`workshop watch` in the background: its output collected, its stdin writable."""

    def __init__(self, root: Path, real: Path) -> None:
        saved_now(root)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cookbook.workshop", "watch"],
            cwd=root,
            env=workshop_env(root, real),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
            start_new_session=True,  # so a hung build can be killed with its children
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def output(self) -> str:
        return "".join(list(self.lines))

    def wait_for(self, text: str, timeout: float = BUILD_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output:
            if self.process.poll() is not None:
                self.reader.join(timeout=10)
                if text in self.output:
                    return
                pytest.fail(f"watch exited before printing {text!r}:\n{self.output}")
            if time.monotonic() > deadline:
                pytest.fail(f"watch did not print {text!r} in {timeout}s:\n{self.output}")
            time.sleep(0.1)

    def type(self, keys: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(keys)
        self.process.stdin.flush()

    def wait(self, timeout: float = BUILD_TIMEOUT) -> int:
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(f"watch did not exit in {timeout}s:\n{self.output}")
        self.reader.join(timeout=10)
        return code

    def stop(self) -> None:
        """Kill the process and everything it started, unless it has exited."""
        if self.process.poll() is None:
            if sys.platform != "win32":
                os.killpg(self.process.pid, signal.SIGKILL)
            else:
                self.process.kill()
        self.process.wait(timeout=30)
        self.reader.join(timeout=10)
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


@pytest.fixture
def watcher_factory() -> Iterator[list[Watcher]]:
    started: list[Watcher] = []
    yield started
    for watcher in started:
        watcher.stop()


def test_watch_moves_on_to_the_next_exercise_when_one_is_solved(
    repo_root: Path, own_copy: Path, watcher_factory: list[Watcher]
) -> None:
    following = workshop.load(repo_root)[1].name
    watcher = Watcher(own_copy, repo_root)
    watcher_factory.append(watcher)
    watcher.wait_for(f"[ ] {FIRST} is not solved yet")
    watcher.wait_for("Keys (then Enter)")
    solve(own_copy)
    watcher.wait_for(f"[x] {FIRST}: every check passes")
    watcher.wait_for(f"=== {following}:")
    watcher.wait_for(f"[ ] {following} is not solved yet")
    watcher.type("q\n")
    assert watcher.wait(timeout=60) == 0, watcher.output
    assert NO_TRACEBACK not in watcher.output
    assert workshop.solved(own_copy) == {FIRST}


def test_watch_ends_when_the_last_exercise_is_solved(
    repo_root: Path, own_copy: Path, watcher_factory: list[Watcher]
) -> None:
    for exercise in workshop.load(repo_root):
        if exercise.name != FIRST:
            workshop.record(own_copy, exercise.name, passed=True)
    watcher = Watcher(own_copy, repo_root)
    watcher_factory.append(watcher)
    watcher.wait_for("Keys (then Enter)")
    solve(own_copy)
    assert watcher.wait() == 0, watcher.output
    after_fix = watcher.output.split("Keys (then Enter)", 1)[1]
    assert f"[x] {FIRST}: every check passes" in after_fix
    assert "That was the last exercise" in after_fix
    assert FIRST in workshop.solved(own_copy)


def test_watch_quits_on_q(
    repo_root: Path, shipped_copy: Path, watcher_factory: list[Watcher]
) -> None:
    watcher = Watcher(shipped_copy, repo_root)
    watcher_factory.append(watcher)
    watcher.wait_for("Keys (then Enter)")
    watcher.type("h\nq\n")
    assert watcher.wait(timeout=60) == 0, watcher.output
    after_keys = watcher.output.split("Keys (then Enter)", 1)[1]
    hint = workshop.find(workshop.load(repo_root), FIRST).hint
    assert hint in after_keys
    assert "Bye. Your progress is saved." in after_keys


def test_verify_reports_a_crate_missing_from_the_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = fake_workshop(tmp_path, ["ch01-a"], ["ch01-a"])
    for kind in ("exercises", "solutions"):
        (root / kind / "ch09-unlisted").mkdir()
        (root / kind / "ch09-unlisted" / "Cargo.toml").write_text("", encoding="utf-8")

    monkeypatch.setattr(workshop, "check", only_solutions_pass)
    assert workshop.command_verify(root, workshop.load(root)) == 1
    out = capsys.readouterr().out
    assert "exercises/ch09-unlisted is not listed in exercises/workshop.toml" in out
    assert "solutions/ch09-unlisted is not listed in exercises/workshop.toml" in out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[exercise]\nname = 'x'\n", "is not valid TOML"),
        ("[[exercise]]\nchapter = 'ch01'\n", "[[exercise]] number 1 has no `name`"),
        ("exercise = 'x'\n", "`exercise` must be a list of [[exercise]] tables"),
    ],
)
def test_broken_metadata_is_a_message_not_a_traceback(
    tmp_path: Path, text: str, message: str
) -> None:
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "workshop.toml").write_text(text, encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        workshop.load(tmp_path)
    assert message in str(stopped.value.code)


def test_missing_metadata_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stopped:
        workshop.load(tmp_path)
    assert "cannot read" in str(stopped.value.code)
    assert "workshop.toml" in str(stopped.value.code)


def test_a_missing_program_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stopped:
        run(["surely-no-such-program-here", "--version"], cwd=tmp_path)
    assert "cannot run 'surely-no-such-program-here'" in str(stopped.value.code)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (0, ""),
        (1, ""),
        (5, ""),
        (-int(signal.SIGABRT), "killed by SIGABRT"),
        (-int(signal.SIGSEGV), "killed by SIGSEGV"),
        (3221225477, "died with exit code 0xc0000005"),  # an access violation on Windows
    ],
)
def test_only_a_process_that_did_not_finish_counts_as_a_crash(code: int, expected: str) -> None:
    description = workshop.describe_crash(code)
    assert expected in description
    assert bool(description) == bool(expected)


def test_an_abort_in_learner_code_is_reported_as_a_crash(repo_root: Path, own_copy: Path) -> None:
    source = exercise_source(own_copy)
    shipped = source.read_text(encoding="utf-8")
    aborting = shipped.replace("    Ok(String::new())", "    std::process::abort()").replace(
        "    // TODO (3 of 3): Python cannot see `repeat` yet. Export it here.",
        "    #[pymodule_export]\n    use super::repeat;",
    )
    assert aborting.count("abort()") == 1
    assert "use super::repeat;" in aborting
    source.write_text(aborting, encoding="utf-8")

    result = run_workshop(own_copy, repo_root, "check", FIRST)
    assert result.returncode == 1, result.stdout
    assert f"[ ] {FIRST} crashed the interpreter" in result.stdout
    assert NO_TRACEBACK not in result.stdout.split("crashed the interpreter")[1]
    # The dump names the learner's check, not pytest's internals.
    assert "test_1_repeat_is_exported_and_repeats" in result.stdout
    assert "site-packages" not in result.stdout
