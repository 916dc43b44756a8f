"""`cookbook modernize PATH`: point at the old PyO3 names in Rust code, and say what replaced them.

It reads a Rust file, a Cargo.toml, or every `*.rs` and `Cargo.toml` under a
folder (skipping `target/`), and prints one line per line of code that uses a
name PyO3 0.30 no longer has, or one that changed what it means: where, the old
name, the new one, and the entry of the book's appendix that explains it.

It matches names, not meaning. It does not compile anything, it cannot tell
your own `with_gil` from PyO3's, and it misses what it cannot see in one line.
The compiler has the last word: fix what this finds, then read what `cargo
build` says.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

APPENDIX = "book/src/appendix-older-tutorials.md"


@dataclass(frozen=True)
class OldName:
    """One entry of the appendix, and how to spot its old name in a line."""

    entry: int
    old: str
    new: str
    # The old name in one line of code; None for entries found in the whole text.
    pattern: re.Pattern[str] | None
    # Where the pattern applies: Rust source, or Cargo.toml.
    kind: str = "rust"
    # A match is dropped when the same line also matches this (the new form).
    unless: re.Pattern[str] | None = None
    # A match is dropped when the call it opens is followed by this, however
    # many lines later its parenthesis closes.
    unless_after_call: re.Pattern[str] | None = None
    # For what one line cannot show: the lines (from 0) of a whole file.
    in_text: Callable[[str], set[int]] | None = None


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def code_of(line: str) -> str:
    """The line without a `//` comment (a string holding `//` is cut too: names, not meaning)."""
    return line.split("//", 1)[0]


# A `#[pyclass]` that derives `Clone`, with its attributes in either order.
CLONE_CLASS = _rx(
    r"(?P<attrs>(?:#\[[^\]]*\]\s*)*#\[(?:pyclass\b[^\]]*|derive\([^)]*\bClone\b[^)]*\))\]"
    r"(?:\s*#\[[^\]]*\])*)\s*(?:pub(?:\([^)]*\))?\s+)?(?:struct|enum)\s+(?P<name>\w+)"
)


def by_value_classes(text: str) -> set[str]:
    """Classes that PyO3 0.30 no longer extracts by value: Clone, no `from_py_object`."""
    names = set()
    for match in CLONE_CLASS.finditer(text):
        attrs = match.group("attrs")
        if "pyclass" in attrs and re.search(r"\bClone\b", attrs) and "from_py_object" not in attrs:
            names.add(match.group("name"))
    return names


def classes_taken_by_value(text: str) -> set[int]:
    """Lines (from 0) with a parameter whose type is one of `by_value_classes`."""
    names = by_value_classes(text)
    if not names:
        return set()
    parameter = _rx(r"(?<![&<\w])\s*\b\w+\s*:\s*(?:" + "|".join(sorted(names)) + r")\s*[,)]")
    return {
        index for index, line in enumerate(text.splitlines()) if parameter.search(code_of(line))
    }


# A struct that derives Clone, with its body.
CLONE_STRUCT = _rx(
    r"#\[derive\([^)]*\bClone\b[^)]*\)\][^{;]*?\bstruct\s+\w+[^{;]*\{(?P<body>[^}]*)\}"
)


def cloned_py_structs(text: str) -> set[int]:
    """Lines (from 0) of `#[derive(Clone)]` on structs with a `Py<...>` field."""
    found = set()
    for match in CLONE_STRUCT.finditer(text):
        if re.search(r"(?<!Arc<)(?<!Rc<)\bPy<", match.group("body")):
            found.add(text.count("\n", 0, match.start()))
    return found


# ANCHOR: old_names
OLD_NAMES: tuple[OldName, ...] = (
    OldName(
        1,
        "&PyAny and the other GIL-ref types",
        "&Bound<'py, PyAny> (Bound<'py, PyList>, ...)",
        _rx(
            r"&\s*(?:'\w+\s+)?Py(?:Any|Dict|List|Tuple|String|Bytes|Set|Iterator|Type|Long|Float)"
            r"\b(?!::)"
        ),
    ),
    OldName(
        2,
        "&PyModule in a #[pymodule] function",
        "&Bound<'_, PyModule>, or a #[pymodule] mod",
        _rx(r"&\s*(?:'\w+\s+)?PyModule\b(?!::)"),
    ),
    OldName(
        3,
        "py.eval(...) returning &PyAny",
        'py.eval(c"...", None, None) returning Bound<\'py, PyAny>',
        _rx(r"\.eval\(\s*\""),
    ),
    OldName(4, "PyCell<T>", "Bound<'py, T>, PyRef<T>, PyRefMut<T>", _rx(r"\bPyCell\b")),
    OldName(5, ".as_ref(py)", ".bind(py)", _rx(r"\.as_ref\(\s*_?py\s*\)")),
    OldName(
        6,
        "the *_bound constructors (PyList::new_bound, ...)",
        "the same name without _bound",
        _rx(r"\bPy\w*::\w+_bound\b"),
    ),
    OldName(7, "IntoPy", "IntoPyObject", _rx(r"\bIntoPy\b")),
    OldName(
        8,
        "ToPyObject / .to_object(py)",
        "IntoPyObject for &T",
        _rx(r"\bToPyObject\b|\.to_object\("),
    ),
    OldName(9, ".into_py(py)", ".into_pyobject(py)? or .into_py_any(py)?", _rx(r"\.into_py\(")),
    OldName(10, "PyObject", "Py<PyAny>", _rx(r"\bPyObject\b")),
    OldName(11, "Python::with_gil", "Python::attach", _rx(r"\bwith_gil\b")),
    OldName(12, "py.allow_threads", "py.detach", _rx(r"\ballow_threads\b")),
    OldName(
        13,
        "prepare_freethreaded_python",
        "Python::initialize",
        _rx(r"\bprepare_freethreaded_python\b"),
    ),
    OldName(14, "GILOnceCell", "PyOnceLock", _rx(r"\bGILOnceCell\b")),
    OldName(
        15,
        ".downcast() / DowncastError",
        ".cast() / CastError",
        _rx(r"\.downcast(?:_into|_exact|_into_exact)?\s*(?:::<|\()|\bDowncast(?:Into)?Error\b"),
    ),
    OldName(16, "FromPyObject::extract_bound", "FromPyObject::extract", _rx(r"\bextract_bound\b")),
    OldName(
        17,
        "a Clone #[pyclass] taken by value",
        "#[pyclass(from_py_object)] on that class",
        None,
        in_text=classes_taken_by_value,
    ),
    OldName(
        18,
        "the extension-module feature",
        "nothing: maturin tells PyO3 itself",
        _rx(r"\"extension-module\""),
        kind="cargo",
    ),
    OldName(
        19,
        "abi3-py37 / abi3-py38 / abi3-py39 / abi3-py310",
        "abi3-py311 (or the floor you support)",
        _rx(r"\"(?:pyo3/)?abi3-py3(?:[0-9]|10)\""),
        kind="cargo",
    ),
    OldName(
        21,
        "PyTuple::new (and PyList::new, ...) used as if it cannot fail",
        "PyTuple::new(...)? : it returns PyResult",
        _rx(r"\bPy(?:Tuple|List|Set|FrozenSet)::new\(|\bPyDict::from_sequence\("),
        # `PyTuple::new(...)?` may close its parenthesis lines later.
        unless_after_call=_rx(
            r"\?|\.(?:unwrap|expect|map|map_err|and_then|ok|unwrap_or\w*|is_ok|is_err)\("
        ),
    ),
    OldName(
        22,
        "a &str literal passed to py.run / py.eval",
        'a C string literal: c"..."',
        _rx(r"\.(?:run|eval)\(\s*\""),
    ),
    OldName(
        23,
        "#[pyfn(m)] inside a module function",
        "#[pyfunction] items in a #[pymodule] mod",
        _rx(r"#\[pyfn\b"),
    ),
    OldName(
        24,
        "#[derive(Clone)] on a struct that holds a Py<T>",
        "Arc<Py<T>>, or clone_ref(py) by hand",
        None,
        in_text=cloned_py_structs,
    ),
    OldName(
        25,
        "py.import_bound, py.get_type_bound and the other *_bound methods",
        "py.import, py.get_type: the same name without _bound",
        # Not `into_bound` and `as_unbound`, which are today's names.
        _rx(r"\bpy\.\w+_bound\b|\.(?:import|get_type|eval|run|type_object)_bound\b"),
    ),
    OldName(
        26,
        "#[pyclass(text_signature = ...)]",
        "nothing: PyO3 writes the signature from #[new]",
        _rx(r"#\[pyclass\([^\]]*\btext_signature\b"),
    ),
)
# ANCHOR_END: old_names


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int
    name: OldName

    def describe(self, base: Path) -> str:
        try:
            where = self.path.relative_to(base)
        except ValueError:
            where = self.path
        return (
            f"{where}:{self.line}: {self.name.old} -> {self.name.new}\n"
            f"    see the appendix, entry {self.name.entry} ({APPENDIX}#entry-{self.name.entry})"
        )


def call_end(lines: list[str], index: int, start: int) -> str:
    """The code after the parenthesis that closes the call opened at `start`."""
    depth = 0
    for number in range(index, min(index + 12, len(lines))):
        code = code_of(lines[number])
        for position in range(start if number == index else 0, len(code)):
            if code[position] == "(":
                depth += 1
            elif code[position] == ")":
                depth -= 1
                if depth == 0:
                    rest = code[position + 1 :]
                    following = [code_of(line) for line in lines[number + 1 : number + 3]]
                    return " ".join([rest, *following]).strip()
    return ""


def scan_text(path: Path, text: str, kind: str) -> Iterator[Finding]:
    lines = text.splitlines()
    names = [name for name in OLD_NAMES if name.kind == kind]
    whole = {name.entry: name.in_text(text) for name in names if name.in_text is not None}
    for index, line in enumerate(lines):
        code = code_of(line) if kind == "rust" else line.split("#", 1)[0]
        for name in names:
            if name.in_text is not None:
                if index in whole[name.entry]:
                    yield Finding(path, index + 1, name)
                continue
            assert name.pattern is not None
            match = name.pattern.search(code)
            if match is None:
                continue
            if name.unless is not None and name.unless.search(code):
                continue
            if name.unless_after_call is not None:
                after = call_end(lines, index, code.index("(", match.start()))
                if name.unless_after_call.match(after):
                    continue
            yield Finding(path, index + 1, name)


def files_under(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    found = []
    for candidate in sorted(path.rglob("*")):
        parts = candidate.relative_to(path).parts
        if "target" in parts or any(part.startswith(".") for part in parts):
            continue
        if candidate.is_file() and (candidate.suffix == ".rs" or candidate.name == "Cargo.toml"):
            found.append(candidate)
    return found


def scan(path: Path) -> list[Finding]:
    findings: list[Finding] = []
    for file in files_under(path):
        kind = "cargo" if file.name == "Cargo.toml" else "rust"
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # not text: nothing to modernize
        findings.extend(scan_text(file, text, kind))
    return findings


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="cookbook modernize",
        description=(
            "point at old PyO3 names in a Rust file, a Cargo.toml or a folder, with the new "
            "name and the appendix entry; it matches names, not meaning: the compiler has "
            "the last word"
        ),
    )
    parser.add_argument("path", type=Path, help="a .rs file, a Cargo.toml, or a folder")
    args = parser.parse_args(argv)
    path: Path = args.path
    if not path.exists():
        print(f"cookbook modernize: {path} does not exist", file=sys.stderr)
        return 2
    if path.is_file() and path.suffix != ".rs" and path.name != "Cargo.toml":
        print(
            f"cookbook modernize: {path} is not a Rust file (.rs) or a Cargo.toml",
            file=sys.stderr,
        )
        return 2
    findings = scan(path)
    base = path if path.is_dir() else path.parent
    for finding in findings:
        print(finding.describe(base))
    files = len(files_under(path))
    if findings:
        print(
            f"{len(findings)} old name(s) in {files} file(s). This matches names, not "
            "meaning: after fixing them, build, and let the compiler have the last word."
        )
        return 1
    print(f"no old PyO3 names in {files} file(s); the compiler may still find other changes.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
