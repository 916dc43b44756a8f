"""Captured output: normalising it, and spotting stale or failing captures."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from cookbook import captures

ROOT = Path("/home/ada/pyo3-cookbook")


# --- normalise ----------------------------------------------------------------------------


def test_root_prefix_with_forward_slashes_is_removed() -> None:
    text = f'  File "{ROOT}/chapters/ch01-first-module/examples/tour.py", line 11\n'
    assert captures.normalise(text, ROOT) == (
        '  File "chapters/ch01-first-module/examples/tour.py", line 11\n'
    )


def test_root_prefix_with_backslashes_is_removed_and_separators_become_slashes() -> None:
    text = f'  File "{ROOT}\\chapters\\ch01-first-module\\examples\\tour.py", line 11\r\n'
    assert captures.normalise(text, ROOT) == (
        '  File "chapters/ch01-first-module/examples/tour.py", line 11\n'
    )


def test_backslashes_outside_traceback_paths_are_kept() -> None:
    text = "b'one\\r\\ntwo'\n"
    assert captures.normalise(text, ROOT) == text


def test_a_path_that_only_starts_like_the_root_is_kept() -> None:
    text = f"{ROOT}-old/notes.txt\n"
    assert captures.normalise(text, ROOT) == f"{ROOT}-old/notes.txt\n"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("10 passed in 0.79s\n", "10 passed in <time>\n"),
        ("1 failed, 9 passed in 12s\n", "1 failed, 9 passed in <time>\n"),
        ("======== 3 passed in 1.50s ========\n", "======== 3 passed in <time> ========\n"),
        (
            "    Finished `dev` profile [unoptimized + debuginfo] target(s) in 3.21s\n",
            "    Finished `dev` profile [unoptimized + debuginfo] target(s) in <time>\n",
        ),
    ],
    ids=["pytest-short", "pytest-whole-seconds", "pytest-banner", "cargo-finished"],
)
def test_durations_become_time(raw: str, expected: str) -> None:
    assert captures.normalise(raw, ROOT) == expected


def test_a_number_with_s_inside_a_line_is_not_a_duration() -> None:
    text = "waited 3s for the lock, then carried on\n"
    assert captures.normalise(text, ROOT) == text


def test_caret_only_underline_lines_are_dropped() -> None:
    text = (
        "Traceback (most recent call last):\n"
        '  File "x.py", line 1, in <module>\n'
        "    Message('').shout()\n"
        "    ^^^^^^^^^^^^^^^^^^^\n"
        "    total = first + second\n"
        "            ~~~~~~^~~~~~~~\n"
        "ValueError: boom ^^\n"
    )
    assert captures.normalise(text, ROOT) == (
        "Traceback (most recent call last):\n"
        '  File "x.py", line 1, in <module>\n'
        "    Message('').shout()\n"
        "    total = first + second\n"
        "ValueError: boom ^^\n"
    )


def test_trailing_whitespace_is_stripped_from_every_line() -> None:
    assert captures.normalise("a  \nb\t\nc \n", ROOT) == "a\nb\nc\n"


@pytest.mark.parametrize(
    "raw",
    ["hello", "hello\n", "hello\n\n\n", "\n\nhello\n", "hello\r\n\r\n"],
    ids=["none", "one", "several", "leading-blank-lines", "crlf"],
)
def test_output_ends_with_exactly_one_newline(raw: str) -> None:
    assert captures.normalise(raw, ROOT) == "hello\n"


def test_trailing_lines_of_only_spaces_leave_exactly_one_newline() -> None:
    assert captures.normalise("hello\n   \n", ROOT) == "hello\n"


def test_hashes_of_test_binaries_are_hidden() -> None:
    text = "Running unittests src/lib.rs (target/debug/deps/ch01_first_module-0123456789abcdef)\n"
    assert captures.normalise(text, ROOT) == (
        "Running unittests src/lib.rs (target/debug/deps/ch01_first_module-<hash>)\n"
    )


def test_site_packages_folders_are_hidden() -> None:
    text = "see /opt/venv/lib/python3.11/site-packages/_pytest/main.py:12\n"
    assert captures.normalise(text, ROOT) == "see <site-packages>/_pytest/main.py:12\n"


def test_site_packages_in_a_quoted_traceback_path_keeps_its_quotes() -> None:
    text = '  File "/opt/venv/lib/python3.11/site-packages/_pytest/main.py", line 12\n'
    assert captures.normalise(text, ROOT) == '  File "<site-packages>/_pytest/main.py", line 12\n'


def test_the_thread_id_in_a_rust_panic_message_is_dropped() -> None:
    text = "thread '<unnamed>' (21025) panicked at src/lib.rs:19:5:\nattempt to divide by zero\n"
    assert captures.normalise(text, ROOT) == (
        "thread '<unnamed>' panicked at src/lib.rs:19:5:\nattempt to divide by zero\n"
    )


def test_a_number_in_brackets_elsewhere_is_kept() -> None:
    text = "thread 'main' (7) said hello\n"
    assert captures.normalise(text, ROOT) == text


# --- check --------------------------------------------------------------------------------


def make_chapter(tmp_path: Path, spec: str) -> Path:
    """A fake repository root holding one chapter, ch99-demo, with `spec` as captures.toml."""
    root = tmp_path / "repo"
    chapter = root / "chapters" / "ch99-demo"
    (chapter / "captured").mkdir(parents=True)
    (chapter / "Cargo.toml").write_text('[package]\nname = "ch99-demo"\n', encoding="utf-8")
    (chapter / "captured" / "captures.toml").write_text(spec, encoding="utf-8")
    return root


HELLO = """\
[[capture]]
name = "hello"
command = ["{python}", "-c", "print('hi')"]
"""


def test_captures_are_read_from_each_chapter(tmp_path: Path) -> None:
    root = make_chapter(tmp_path, HELLO)
    found = captures.captures(root)
    assert len(found) == 1
    assert found[0].name == "hello"
    assert found[0].exit_code == 0
    assert found[0].stored == root / "chapters" / "ch99-demo" / "captured" / "hello.txt"


def test_folders_that_are_not_chapter_crates_are_ignored(tmp_path: Path) -> None:
    root = make_chapter(tmp_path, HELLO)
    for name in ("notes", "ch100-too-long", "ch02-no-cargo"):
        other = root / "chapters" / name / "captured"
        other.mkdir(parents=True)
        (other / "captures.toml").write_text(HELLO, encoding="utf-8")
    (root / "chapters" / "notes" / "Cargo.toml").write_text("", encoding="utf-8")
    (root / "chapters" / "ch100-too-long" / "Cargo.toml").write_text("", encoding="utf-8")
    assert [c.chapter.name for c in captures.captures(root)] == ["ch99-demo"]


def test_missing_stored_output_is_reported_stale(tmp_path: Path) -> None:
    root = make_chapter(tmp_path, HELLO)
    problems = captures.check(root)
    assert len(problems) == 1
    assert problems[0].startswith("chapters/ch99-demo/captured/hello.txt is stale")
    assert problems[0].endswith("Output now:\nhi\n")


def test_update_writes_the_output_and_then_nothing_is_stale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_chapter(tmp_path, HELLO)
    assert captures.check(root, update=True) == []
    assert "updated chapters/ch99-demo/captured/hello.txt" in capsys.readouterr().out
    stored = root / "chapters" / "ch99-demo" / "captured" / "hello.txt"
    assert stored.read_bytes() == b"hi\n"
    assert captures.check(root) == []


def test_changed_output_is_reported_stale(tmp_path: Path) -> None:
    root = make_chapter(tmp_path, HELLO)
    stored = root / "chapters" / "ch99-demo" / "captured" / "hello.txt"
    stored.write_text("hello\n", encoding="utf-8")
    problems = captures.check(root)
    assert len(problems) == 1
    assert "hello.txt is stale" in problems[0]


def test_wrong_exit_code_is_reported_and_nothing_is_written(tmp_path: Path) -> None:
    root = make_chapter(tmp_path, HELLO + "exit-code = 3\n")
    problems = captures.check(root, update=True)
    assert len(problems) == 1
    assert problems[0].startswith(
        "chapters/ch99-demo/captured/hello.txt: `{python} -c print('hi')` exited 0, expected 3"
    )
    assert not (root / "chapters" / "ch99-demo" / "captured" / "hello.txt").exists()


def test_expected_nonzero_exit_code_passes(tmp_path: Path) -> None:
    spec = """\
[[capture]]
name = "fails"
command = ["{python}", "-c", "import sys; print('oops'); sys.exit(1)"]
exit-code = 1
"""
    root = make_chapter(tmp_path, spec)
    assert captures.check(root, update=True) == []
    assert captures.check(root) == []


def test_commands_run_in_the_chapter_folder_and_paths_are_normalised(tmp_path: Path) -> None:
    spec = """\
[[capture]]
name = "where"
command = ["{python}", "-c", "import os; print(os.getcwd())"]
"""
    root = make_chapter(tmp_path, spec)
    captures.check(root, update=True)
    stored = root / "chapters" / "ch99-demo" / "captured" / "where.txt"
    assert stored.read_text(encoding="utf-8") == "chapters/ch99-demo\n"


def test_commands_run_without_a_rust_backtrace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUST_BACKTRACE", "1")
    spec = """\
[[capture]]
name = "backtrace"
command = ["{python}", "-c", "import os; print(os.environ['RUST_BACKTRACE'])"]
"""
    root = make_chapter(tmp_path, spec)
    captures.check(root, update=True)
    stored = root / "chapters" / "ch99-demo" / "captured" / "backtrace.txt"
    assert stored.read_text(encoding="utf-8") == "0\n"


def test_a_script_beside_a_file_named_like_a_stdlib_module_is_refused(tmp_path: Path) -> None:
    chapter = tmp_path / "chapters" / "ch99-demo"
    (chapter / "captured").mkdir(parents=True)
    (chapter / "examples").mkdir()
    (chapter / "Cargo.toml").write_text("", encoding="utf-8")
    (chapter / "examples" / "demo.py").write_text("print('hi')\n", encoding="utf-8")
    (chapter / "examples" / "traceback.py").write_text("", encoding="utf-8")
    (chapter / "captured" / "captures.toml").write_text(
        '[[capture]]\nname = "demo"\ncommand = ["{python}", "examples/demo.py"]\n',
        encoding="utf-8",
    )
    problems = captures.check(tmp_path)
    assert len(problems) == 1
    assert "standard-library modules (traceback)" in problems[0]


def test_a_capture_for_another_platform_is_not_compared(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = HELLO + 'platform = "no-such-platform"\n'
    root = make_chapter(tmp_path, spec)
    assert captures.captures(root)[0].platform == "no-such-platform"
    assert captures.check(root) == []  # stale, but not this platform's to judge
    assert "shows output of no-such-platform; not compared on" in capsys.readouterr().out


def test_a_capture_for_this_platform_is_compared(tmp_path: Path) -> None:
    spec = HELLO + f'platform = "{sys.platform}"\n'
    root = make_chapter(tmp_path, spec)
    assert len(captures.check(root)) == 1  # nothing stored yet: stale
