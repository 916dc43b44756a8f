"""`cookbook modernize`: every old name of the appendix is found; today's code is not."""

from __future__ import annotations

from pathlib import Path

import pytest
from cookbook import modernize

ROOT = Path(__file__).resolve().parents[2]
APPENDIX = ROOT / "chapters" / "appendix-older-tutorials"


def entries_in(path: Path) -> set[int]:
    return {finding.name.entry for finding in modernize.scan(path)}


def test_every_entry_of_the_appendix_is_found_in_its_old_code() -> None:
    # The compile-fail programs hold every entry's old code as a tutorial had
    # it; the fixtures hold the Cargo-level ones.
    found = entries_in(APPENDIX / "tests" / "ui") | entries_in(APPENDIX / "fixtures")
    every = {name.entry for name in modernize.OLD_NAMES}
    assert every - found == set(), f"entries never found: {sorted(every - found)}"


def test_the_fixed_code_has_no_old_names() -> None:
    findings = modernize.scan(APPENDIX / "src")
    assert findings == [], "\n".join(finding.describe(ROOT) for finding in findings)


def test_the_chapters_have_no_old_names() -> None:
    findings = [
        finding
        for chapter in sorted((ROOT / "chapters").glob("ch[0-9][0-9]-*"))
        for finding in modernize.scan(chapter)
        if "your-project" not in finding.path.parts
    ]
    assert findings == [], "\n".join(finding.describe(ROOT) for finding in findings)


@pytest.mark.parametrize(
    ("line", "entry"),
    [
        ("fn f(obj: &PyAny) -> PyResult<()> {", 1),
        ("fn m(_py: Python, m: &PyModule) -> PyResult<()> {", 2),
        ('let two: &PyAny = py.eval("1 + 1", None, None)?;', 3),
        ("fn bump(cell: &PyCell<Counter>) {", 4),
        ("let any = self.callback.as_ref(py);", 5),
        ("let list = PyList::new_bound(py, [1, 2]);", 6),
        ("impl IntoPy<PyObject> for Point {", 7),
        ("let object = value.to_object(py);", 8),
        ("Ok(total.into_py(py))", 9),
        ("callback: PyObject,", 10),
        ("Python::with_gil(|py| {", 11),
        ("py.allow_threads(|| work())", 12),
        ("pyo3::prepare_freethreaded_python();", 13),
        ("static CACHE: GILOnceCell<Py<PyAny>> = GILOnceCell::new();", 14),
        ("let list = obj.downcast::<PyList>()?;", 15),
        ("fn extract_bound(ob: &Bound<'py, PyAny>) -> PyResult<Self> {", 16),
        ("#[pyclass]\n#[derive(Clone)]\nstruct Point { x: f64 }\nfn norm(p: Point) -> f64 {", 17),
        ('pyo3 = { version = "0.20", features = ["extension-module"] }', 18),
        ('pyo3 = { version = "0.20", features = ["abi3-py37"] }', 19),
        ("let pair = PyTuple::new(py, [1, 2]);", 21),
        ('py.run("x = 1", None, None)?;', 22),
        ("    #[pyfn(m)]", 23),
        ("#[derive(Clone)]\nstruct Listener {\n    callback: Py<PyAny>,\n}", 24),
        ('let math = py.import_bound("math")?;', 25),
        ('#[pyclass(text_signature = "(name, price)")]', 26),
    ],
)
def test_each_old_name_is_found_in_a_line(tmp_path: Path, line: str, entry: int) -> None:
    kind = "cargo" if line.startswith("pyo3 =") else "rust"
    found = {f.name.entry for f in modernize.scan_text(tmp_path / "x", line, kind)}
    assert entry in found, f"entry {entry} not found in {line!r}: {sorted(found)}"


@pytest.mark.parametrize(
    "line",
    [
        "fn f(obj: &Bound<'_, PyAny>) -> PyResult<()> {",
        "fn m(m: &Bound<'_, PyModule>) -> PyResult<()> {",
        'let two = py.eval(c"1 + 1", None, None)?;',
        "let any = self.callback.bind(py);",
        "let list = PyList::new(py, [1, 2])?;",
        "let upper = map.range(..10).next_back(); let upper_bound = 3;",
        "impl<'py> IntoPyObject<'py> for Point {",
        "callback: Py<PyAny>,",
        "Python::attach(|py| {",
        "py.detach(|| work())",
        "static CACHE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();",
        "let list = obj.cast::<PyList>()?;",
        # Still accepted by PyO3 0.30, without a warning (the appendix says so).
        "fn m(py: Python<'_>, m: &Bound<'_, PyModule>) -> PyResult<()> {",
        "#[derive(Clone)]\nstruct Listener {\n    callback: Arc<Py<PyAny>>,\n}",
        "// Python::with_gil was renamed: a comment is not code",
        "#[pyclass(from_py_object)]\n#[derive(Clone)]\nstruct Point;\nfn norm(p: Point) {",
        "#[pyclass]\n#[derive(Clone)]\nstruct Point { x: f64 }\nfn norm(p: PyRef<'_, Point>) {",
        "let pair = PyTuple::new(\n    py,\n    [1, 2],\n)?;",
    ],
)
def test_todays_code_is_left_alone(tmp_path: Path, line: str) -> None:
    findings = list(modernize.scan_text(tmp_path / "x", line, "rust"))
    assert findings == [], [f.name.old for f in findings]


def test_the_command_says_what_to_do_with_a_wrong_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert modernize.main([str(tmp_path / "missing")]) == 2
    assert "does not exist" in capsys.readouterr().err
    text = tmp_path / "notes.txt"
    text.write_text("Python::with_gil", encoding="utf-8")
    assert modernize.main([str(text)]) == 2
    assert "is not a Rust file (.rs) or a Cargo.toml" in capsys.readouterr().err


def test_the_command_prints_where_and_what(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "lib.rs"
    source.write_text("fn main() {\n    Python::with_gil(|py| {});\n}\n", encoding="utf-8")
    assert modernize.main([str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "lib.rs:2: Python::with_gil -> Python::attach" in out
    assert "entry 11" in out
    assert "names, not meaning" in out
    source.write_text("fn main() {\n    Python::attach(|py| {});\n}\n", encoding="utf-8")
    assert modernize.main([str(source)]) == 0
