"""The book checks, on small books built in a temporary folder (mdBook is not run)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cookbook import book
from cookbook.book import Problem


def make_root(tmp_path: Path, pages: dict[str, str], files: dict[str, str] | None = None) -> Path:
    """A fake repository: `book/book.toml`, `book/src/<page>`, and `files` relative to it."""
    root = tmp_path / "repo"
    (root / "book" / "src").mkdir(parents=True)
    (root / "Cargo.toml").write_text("[workspace]\n", encoding="utf-8")
    (root / "book" / "book.toml").write_text("[book]\ntitle = 'test'\n", encoding="utf-8")
    for name, text in pages.items():
        (root / "book" / "src" / name).write_text(text, encoding="utf-8")
    for name, text in (files or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


ANCHORED = """\
use pyo3::prelude::*;

// ANCHOR: repeat
fn repeat(text: &str, times: usize) -> String {
    text.repeat(times)
}
// ANCHOR_END: repeat

// ANCHOR: opened_only
fn never_closed() {}
"""


def problems_as_text(problems: list[Problem]) -> list[str]:
    return [str(problem) for problem in problems]


# --- check_includes -----------------------------------------------------------------------


def test_include_of_a_missing_file_is_reported(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"page.md": "# Page\n\n{{#include ../nowhere.rs}}\n"})
    problems = book.check_includes(root)
    assert problems_as_text(problems) == [
        "book/src/page.md:3: includes ../nowhere.rs, which does not exist"
    ]


def test_include_of_a_missing_file_with_an_anchor_is_reported(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"page.md": "{{#rustdoc_include ../../code/gone.rs:name}}\n"})
    problems = book.check_includes(root)
    assert problems_as_text(problems) == [
        "book/src/page.md:1: includes ../../code/gone.rs, which does not exist"
    ]


def test_include_of_an_anchor_missing_from_the_file_is_reported(tmp_path: Path) -> None:
    root = make_root(
        tmp_path,
        {"page.md": "Text\n```rust\n{{#include ../x.rs:nope}}\n```\n"},
        {"book/x.rs": ANCHORED},
    )
    problems = book.check_includes(root)
    assert problems_as_text(problems) == ["book/src/page.md:3: anchor 'nope' is not in ../x.rs"]


def test_anchor_without_anchor_end_is_reported(tmp_path: Path) -> None:
    root = make_root(
        tmp_path, {"page.md": "{{#include ../x.rs:opened_only}}\n"}, {"book/x.rs": ANCHORED}
    )
    problems = book.check_includes(root)
    assert problems_as_text(problems) == [
        "book/src/page.md:1: anchor 'opened_only' in ../x.rs has no ANCHOR_END"
    ]


def test_correct_anchored_include_has_no_problem(tmp_path: Path) -> None:
    root = make_root(
        tmp_path,
        {"page.md": "```rust\n{{#include ../x.rs:repeat}}\n```\n"},
        {"book/x.rs": ANCHORED},
    )
    assert book.check_includes(root) == []


@pytest.mark.parametrize(
    "target",
    ["../x.rs", "../x.rs:2:5", "../x.rs:2", "../x.rs::5", "../x.rs:2:"],
    ids=["whole-file", "range", "from-line", "up-to-line", "open-range"],
)
def test_whole_file_and_line_range_includes_are_accepted(tmp_path: Path, target: str) -> None:
    root = make_root(tmp_path, {"page.md": f"{{{{#include {target}}}}}\n"}, {"book/x.rs": ANCHORED})
    assert book.check_includes(root) == []


def test_includes_in_pages_of_subfolders_resolve_from_the_page(tmp_path: Path) -> None:
    root = make_root(tmp_path, {}, {"book/x.rs": ANCHORED})
    (root / "book" / "src" / "part").mkdir()
    (root / "book" / "src" / "part" / "page.md").write_text(
        "{{#include ../../x.rs:repeat}}\n{{#include ../x.rs:repeat}}\n", encoding="utf-8"
    )
    problems = book.check_includes(root)
    assert problems_as_text(problems) == [
        "book/src/part/page.md:2: includes ../x.rs, which does not exist"
    ]


def test_every_bad_include_on_every_page_is_reported(tmp_path: Path) -> None:
    root = make_root(
        tmp_path,
        {
            "a.md": "{{#include ../x.rs:repeat}} and {{#include ../x.rs:nope}}\n",
            "b.md": "fine\n\n{{#include ../y.rs}}\n",
        },
        {"book/x.rs": ANCHORED},
    )
    wheres = [problem.where for problem in book.check_includes(root)]
    assert wheres == ["book/src/a.md:1", "book/src/b.md:3"]


# --- check_inline_code --------------------------------------------------------------------


def page_with_block(lines: int, before: str = "# Page\n\nSome text.\n\n") -> str:
    body = "".join(f"let x{n} = {n};\n" for n in range(lines))
    return f"{before}```rust\n{body}```\n\nMore text.\n"


def test_seven_line_inline_block_is_reported_with_its_page_and_line(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"page.md": page_with_block(7)})
    problems = book.check_inline_code(root)
    assert len(problems) == 1
    assert problems[0].where == "book/src/page.md:5"  # the line of the opening fence
    assert problems[0].what.startswith("a 7-line code block is typed inline")


def test_six_line_inline_block_is_not_reported(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"page.md": page_with_block(6)})
    assert book.check_inline_code(root) == []


def test_long_block_with_an_include_is_not_reported(tmp_path: Path) -> None:
    body = "{{#include ../x.rs:repeat}}\n" + "".join(f"extra {n}\n" for n in range(20))
    root = make_root(tmp_path, {"page.md": f"```rust\n{body}```\n"})
    assert book.check_inline_code(root) == []


def test_tilde_fences_and_longer_fences_are_measured_too(tmp_path: Path) -> None:
    inner = "```python\n" + "".join(f"line {n}\n" for n in range(3)) + "```\n"
    page = "~~~text\n" + "".join(f"t{n}\n" for n in range(7)) + "~~~\n\n"
    page += "````markdown\n" + inner + "````\n"
    root = make_root(tmp_path, {"page.md": page})
    problems = book.check_inline_code(root)
    # The tilde block has 7 lines; the 4-backtick block holds 5 lines, inner fences included.
    assert [(p.where, p.what.split(" code")[0]) for p in problems] == [
        ("book/src/page.md:1", "a 7-line")
    ]


def test_closing_fence_with_trailing_spaces_closes_the_block(tmp_path: Path) -> None:
    page = "```rust\nshort\n```   \n\n" + "".join(f"prose {n}\n" for n in range(10))
    page += "\n```rust\nanother short block\n```\n"
    root = make_root(tmp_path, {"page.md": page})
    assert book.check_inline_code(root) == []


# --- check_links --------------------------------------------------------------------------


def html(body: str) -> str:
    return f"<!DOCTYPE html>\n<html><head><title>t</title></head><body>{body}</body></html>\n"


def test_only_broken_internal_links_are_reported(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"SUMMARY.md": "# Summary\n"})
    built = root / "book" / "book"
    (built / "part").mkdir(parents=True)
    (built / "index.html").write_text(
        html(
            '<h1 id="top">Top</h1>'
            '<a href="chapter.html">good page</a>'
            '<a href="chapter.html#real-heading">good heading</a>'
            '<a href="#top">same page</a>'
            '<a href="part/">folder with an index</a>'
            '<a href="missing.html">missing page</a>'
            '<a href="chapter.html#no-such-heading">missing heading</a>'
            '<a href="https://pyo3.rs/missing.html">external</a>'
            '<a href="mailto:someone@example.com">mail</a>'
        ),
        encoding="utf-8",
    )
    (built / "chapter.html").write_text(
        html('<h2 id="real-heading">Real</h2><a href="index.html#top">back</a>'),
        encoding="utf-8",
    )
    (built / "part" / "index.html").write_text(
        html('<a href="../chapter.html">up</a>'), encoding="utf-8"
    )
    problems = book.check_links(root)
    assert problems_as_text(problems) == [
        "index.html: links to missing.html, which is not in the book",
        "index.html: links to chapter.html#no-such-heading, which has no such heading",
    ]


def test_links_in_print_toc_and_404_pages_are_not_checked(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"SUMMARY.md": "# Summary\n"})
    built = root / "book" / "book"
    built.mkdir(parents=True)
    for name in ("print.html", "toc.html", "404.html"):
        (built / name).write_text(html('<a href="gone.html">gone</a>'), encoding="utf-8")
    (built / "index.html").write_text(html('<a href="print.html">print</a>'), encoding="utf-8")
    assert book.check_links(root) == []


# --- the real book ------------------------------------------------------------------------


def test_real_book_includes_resolve(repo_root: Path) -> None:
    assert book.pages(repo_root), "the real book has no pages under book/src"
    assert problems_as_text(book.check_includes(repo_root)) == []


def test_real_book_has_no_long_inline_code(repo_root: Path) -> None:
    assert problems_as_text(book.check_inline_code(repo_root)) == []
