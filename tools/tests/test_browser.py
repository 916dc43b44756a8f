"""The browser step's own logic, tested without a browser.

The step itself (`cookbook test --only browser`) drives Chromium through the built book; these
tests cover what decides what it checks: finding the browser, the pages and search terms, the
listing whose copy button is compared with its source, and the server that stands in for
GitHub Pages.
"""

from __future__ import annotations

import http.client
import stat
from pathlib import Path
from typing import Any, cast

import pytest
from cookbook import browser, cli
from cookbook.browser import BrowserUnavailable, Entry, Listing
from cookbook.project import load_toml

# --- finding the browser ------------------------------------------------------------------


def nowhere(name: str) -> str | None:
    return None


def never(path: str) -> bool:
    return False


def test_a_named_browser_that_does_not_exist_is_one_line_naming_the_variable() -> None:
    with pytest.raises(BrowserUnavailable) as raised:
        browser.find_chromium({"COOKBOOK_CHROMIUM": "/no/such/chrome"}, nowhere, never)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith("COOKBOOK_CHROMIUM=/no/such/chrome is not an executable file")


def test_a_named_browser_wins_over_one_on_path(tmp_path: Path) -> None:
    chrome = tmp_path / "my-chrome"
    chrome.write_text("#!/bin/sh\n", encoding="utf-8")
    chrome.chmod(chrome.stat().st_mode | stat.S_IXUSR)
    environ = {"COOKBOOK_CHROMIUM": str(chrome)}
    assert browser.find_chromium(environ, lambda name: "/usr/bin/" + name) == str(chrome)


def test_no_browser_anywhere_says_how_to_install_one_in_one_line() -> None:
    with pytest.raises(BrowserUnavailable) as raised:
        browser.find_chromium({"COOKBOOK_CHROMIUM": "  "}, nowhere, never)
    message = str(raised.value)
    assert "\n" not in message
    assert "apt-get install chromium" in message
    assert "COOKBOOK_CHROMIUM" in message


def test_the_first_browser_on_path_is_used() -> None:
    on_path = {"google-chrome": "/opt/google/chrome", "chromium-browser": "/usr/bin/cb"}
    assert browser.find_chromium({}, on_path.get, never) == "/usr/bin/cb"


def test_chrome_in_the_macos_applications_folder_is_found() -> None:
    mac = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"
    assert browser.find_chromium({}, nowhere, lambda path: path == mac) == mac


def test_chrome_in_windows_program_files_is_found() -> None:
    environ = {"PROGRAMFILES": "C:\\Program Files"}
    wanted = str(Path("C:\\Program Files") / "Google" / "Chrome" / "Application" / "chrome.exe")
    assert browser.find_chromium(environ, nowhere, lambda path: path == wanted) == wanted


def test_the_step_without_a_browser_fails_with_one_line_and_no_traceback(
    repo_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COOKBOOK_CHROMIUM", str(repo_root / "no-such-chromium"))
    assert browser.main(repo_root) is False
    output = capsys.readouterr().out
    assert output.count("\n") == 1, output
    assert output.startswith("browser: COOKBOOK_CHROMIUM=")
    assert "Traceback" not in output


def test_cookbook_test_only_browser_without_a_browser_is_a_failed_step(
    repo_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COOKBOOK_ROOT", str(repo_root))
    monkeypatch.setenv("COOKBOOK_CHROMIUM", str(repo_root / "no-such-chromium"))
    assert cli.main(["test", "--only", "browser"]) == 1
    output = capsys.readouterr().out
    step = output.split("=== browser:")[1].split("=== summary")[0]
    assert [line for line in step.splitlines()[1:] if line.strip()] == [
        f"browser: COOKBOOK_CHROMIUM={repo_root / 'no-such-chromium'} is not an executable "
        "file: point it at a Chrome or Chromium executable, or unset it to use the one "
        "installed on this machine"
    ]
    assert "FAIL  browser" in output


# --- the pages and their search terms -----------------------------------------------------


SUMMARY = """\
# Summary

[Introduction](introduction.md)

# Part I

- [A first module](ch01-first-module.md)
    - [A section](ch01/section.md)
- [A draft]()
- [Guide](guide/README.md)

---

[Afterword](afterword.md)
"""


def test_written_pages_are_the_linked_entries_in_order_without_drafts() -> None:
    pages = browser.written_pages(SUMMARY)
    assert [page.source for page in pages] == [
        "introduction.md",
        "ch01-first-module.md",
        "ch01/section.md",
        "guide/README.md",
        "afterword.md",
    ]
    assert [page.html for page in pages] == [
        "introduction.html",
        "ch01-first-module.html",
        "ch01/section.html",
        "guide/index.html",
        "afterword.html",
    ]
    assert pages[2].stem == "ch01-section"


WRITTEN = [Entry("Intro", "introduction.md"), Entry("One", "ch01-first-module.md")]


def test_a_complete_table_of_single_words_has_no_problem() -> None:
    table = {"introduction.md": "organised", "ch01-first-module.md": "cdylib"}
    terms, problems = browser.search_terms(table, WRITTEN, "terms.toml")
    assert problems == []
    assert terms == table


def test_a_written_page_without_a_term_is_named_with_the_line_to_add() -> None:
    _, problems = browser.search_terms({"introduction.md": "organised"}, WRITTEN, "terms.toml")
    assert problems == [
        'terms.toml: no search term for ch01-first-module.md; add a line `"ch01-first-module.md"'
        ' = "word"` with a word that only that page uses'
    ]


def test_a_term_for_a_page_that_is_not_written_is_reported() -> None:
    table = {"introduction.md": "a", "ch01-first-module.md": "b", "ch05-gone.md": "c"}
    _, problems = browser.search_terms(table, WRITTEN, "terms.toml")
    assert problems == [
        "terms.toml: 'ch05-gone.md' is not a written page of book/src/SUMMARY.md; "
        "remove its line or correct the file name"
    ]


@pytest.mark.parametrize("term", ["two words", "hyphen-ated", "", 42], ids=str)
def test_a_term_must_be_one_word_the_search_does_not_split(term: object) -> None:
    table = {"introduction.md": term, "ch01-first-module.md": "cdylib"}
    terms, problems = browser.search_terms(table, WRITTEN, "terms.toml")
    assert len(problems) == 1
    assert problems[0].startswith("terms.toml: the term for introduction.md is ")
    assert "introduction.md" not in terms


def test_two_pages_with_the_same_term_are_reported() -> None:
    table = {"introduction.md": "same", "ch01-first-module.md": "same"}
    _, problems = browser.search_terms(table, WRITTEN, "terms.toml")
    assert problems == [
        "terms.toml: 'same' is the term of several pages "
        "(ch01-first-module.md, introduction.md); give each its own"
    ]


def test_the_real_table_has_a_term_for_every_written_page(repo_root: Path) -> None:
    summary = (repo_root / "book" / "src" / "SUMMARY.md").read_text(encoding="utf-8")
    written = browser.written_pages(summary)
    assert written, "book/src/SUMMARY.md lists no written page"
    table = load_toml(repo_root / browser.SEARCH_TERMS)
    _, problems = browser.search_terms(table, written, browser.SEARCH_TERMS)
    assert problems == []


# --- anchored regions, as mdBook includes them --------------------------------------------


@pytest.mark.parametrize(
    ("text", "anchor", "lines"),
    [
        # The cases of mdBook 0.5's own take_anchored_lines test (missing anchor: None here).
        ("Lorem\nipsum\ndolor\nsit\namet", "test", None),
        ("Lorem\nipsum\ndolor\nANCHOR_END: test\nsit\namet", "test", None),
        ("Lorem\nipsum\nANCHOR: test\ndolor\nsit\namet", "test", ["dolor", "sit", "amet"]),
        ("Lorem\nipsum\nANCHOR: test\ndolor\nsit\namet", "something", None),
        (
            "Lorem\nipsum\nANCHOR: test\ndolor\nsit\namet\nANCHOR_END: test\nlorem\nipsum",
            "test",
            ["dolor", "sit", "amet"],
        ),
        (
            "Lorem\nANCHOR: test\nipsum\nANCHOR: test\ndolor\nsit\namet\nANCHOR_END: test\nlorem",
            "test",
            ["ipsum", "dolor", "sit", "amet"],
        ),
    ],
    ids=["no-anchor", "end-only", "unclosed", "other-name", "closed", "reopened"],
)
def test_anchored_region_matches_mdbook(text: str, anchor: str, lines: list[str] | None) -> None:
    assert browser.anchored_region(text, anchor) == lines


def test_markers_of_other_anchors_inside_the_region_are_left_out() -> None:
    source = (
        "// ANCHOR: outer\n"
        "fn a() {}\n"
        "// ANCHOR: inner\n"
        "fn b() {}\n"
        "// ANCHOR_END: inner\n"
        "    // ANCHOR_END: elsewhere\n"
        "fn c() {}\n"
        "// ANCHOR_END: outer\n"
        "fn d() {}\n"
    )
    assert browser.anchored_region(source, "outer") == ["fn a() {}", "fn b() {}", "fn c() {}"]
    assert browser.anchored_region(source, "inner") == ["fn b() {}"]


def test_windows_line_endings_and_indentation_are_handled_like_rust_lines() -> None:
    source = "# ANCHOR: t\r\n    indented\r\n\r\n  more\r\n# ANCHOR_END: t\r\n"
    assert browser.anchored_region(source, "t") == ["    indented", "", "  more"]


def test_a_name_is_matched_whole_not_as_a_prefix() -> None:
    source = "// ANCHOR: class_new\nno\n// ANCHOR_END: class_new\n// ANCHOR: class\nyes\n"
    assert browser.anchored_region(source, "class") == ["yes"]


# --- which listing's copy button is compared ----------------------------------------------


def make_book(tmp_path: Path, page: str, files: dict[str, str]) -> Path:
    root = tmp_path / "repo"
    (root / "book" / "src").mkdir(parents=True)
    (root / "book" / "src" / "page.md").write_text(page, encoding="utf-8")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


CODE = {
    "code/lib.rs": "// ANCHOR: hidden\n# use std::fmt;\nfn h() {}\n// ANCHOR_END: hidden\n"
    "// ANCHOR: shown\n#[pyfunction]\nfn f() {}\n// ANCHOR_END: shown\n",
    "code/Cargo.toml": "# ANCHOR: crate\n[lib]\n# ANCHOR_END: crate\n",
}


def test_the_listing_is_the_first_anchored_rust_include_in_a_block_of_its_own(
    tmp_path: Path,
) -> None:
    page = (
        "# Page\n\n"
        "```toml\n{{#include ../../code/Cargo.toml:crate}}\n```\n\n"  # block 0: not Rust
        "```rust\n{{#include ../../code/lib.rs}}\n```\n\n"  # block 1: the whole file
        "```rust\n{{#include ../../code/lib.rs:2:3}}\n```\n\n"  # block 2: a line range
        "```rust\n{{#include ../../code/lib.rs:hidden}}\n```\n\n"  # block 3: hidden lines
        "```rust\n// a comment\n{{#include ../../code/lib.rs:shown}}\n```\n\n"  # block 4: more
        "```rust\n{{#include ../../code/lib.rs:shown}}\n```\n"  # block 5: this one
    )
    root = make_book(tmp_path, page, CODE)
    listing = browser.copy_listing(root, [Entry("Page", "page.md")])
    assert listing == Listing(
        Entry("Page", "page.md"), 5, 6, "../../code/lib.rs:shown", ("#[pyfunction]", "fn f() {}")
    )


def test_without_a_rust_listing_another_anchored_one_is_used(tmp_path: Path) -> None:
    page = "```toml\n{{#include ../../code/Cargo.toml:crate}}\n```\n"
    root = make_book(tmp_path, page, CODE)
    listing = browser.copy_listing(root, [Entry("Page", "page.md")])
    assert listing is not None
    assert (listing.index, listing.lines) == (0, ("[lib]",))


def test_a_book_without_an_anchored_listing_has_none(tmp_path: Path) -> None:
    page = "```rust\n{{#include ../../code/lib.rs}}\n```\n\n```rust\nlet x = 1;\n```\n"
    root = make_book(tmp_path, page, CODE)
    assert browser.copy_listing(root, [Entry("Page", "page.md")]) is None


def test_the_real_book_has_a_listing_to_copy(repo_root: Path) -> None:
    summary = (repo_root / "book" / "src" / "SUMMARY.md").read_text(encoding="utf-8")
    listing = browser.copy_listing(repo_root, browser.written_pages(summary))
    assert listing is not None, "no page has a code block that is one anchored include"
    assert listing.lines


LISTING = Listing(Entry("Page", "page.md"), 0, 1, "x.rs:a", ("fn f() {", "    1", "}"))


def test_copied_text_with_its_final_newline_matches_the_region() -> None:
    assert browser.compare_copy("fn f() {\n    1\n}\n", LISTING) is None
    assert browser.compare_copy("fn f() {\r\n    1\r\n}", LISTING) is None


def test_a_copied_line_that_differs_is_named() -> None:
    assert browser.compare_copy("fn f() {\n  1\n}\n", LISTING) == (
        "line 2 is '  1', the source has '    1'"
    )


def test_copied_text_with_a_line_missing_is_reported() -> None:
    assert browser.compare_copy("fn f() {\n    1\n", LISTING) == (
        "2 lines were copied, the source region has 3"
    )


# --- the server that stands in for GitHub Pages -------------------------------------------


@pytest.fixture
def built(tmp_path: Path) -> Path:
    folder = tmp_path / "book"
    (folder / "css").mkdir(parents=True)
    (folder / "index.html").write_text("<h1>home</h1>", encoding="utf-8")
    (folder / "404.html").write_text("<h1>Page not found</h1>", encoding="utf-8")
    (folder / "css" / "chrome.css").write_text("body {}", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("outside the book", encoding="utf-8")
    return folder


def get(base: str, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    host = base.split("//")[1].split("/")[0]
    connection = http.client.HTTPConnection(host, timeout=10)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_the_book_is_served_under_its_prefix_and_missing_files_get_the_404_page(
    built: Path,
) -> None:
    with browser.serve(built, "/pyo3-cookbook/") as base:
        assert base.startswith("http://127.0.0.1:")
        assert base.endswith("/pyo3-cookbook/")
        assert get(base, "/pyo3-cookbook/")[::2] == (200, b"<h1>home</h1>")
        status, headers, body = get(base, "/pyo3-cookbook/css/chrome.css")
        assert (status, headers["Content-Type"], body) == (
            200,
            "text/css; charset=utf-8",
            b"body {}",
        )
        not_found = (404, b"<h1>Page not found</h1>")
        assert get(base, "/pyo3-cookbook/no/such/page.html")[::2] == not_found
        assert get(base, "/index.html")[::2] == not_found  # outside the prefix
        assert get(base, "/pyo3-cookbook/../secret.txt")[::2] == not_found
        assert get(base, "/pyo3-cookbook/%2e%2e/secret.txt")[::2] == not_found
        status, headers, body = get(base, "/pyo3-cookbook")
        assert (status, headers["Location"]) == (301, "/pyo3-cookbook/")
        status, headers, body = get(base, "/pyo3-cookbook/index.html", method="HEAD")
        assert (status, headers["Content-Length"], body) == (200, "13", b"")


# --- what the browser reports, with stand-ins for Playwright's objects --------------------


class FakePage:
    def __init__(self, url: str) -> None:
        self.url = url
        self.handlers: dict[str, Any] = {}

    def on(self, event: str, handler: Any) -> None:
        self.handlers[event] = handler


class FakeRoute:
    def __init__(self, url: str) -> None:
        self.request = type("FakeRequest", (), {"url": url, "failure": "net::ERR_FAILED"})()
        self.outcome = ""

    def continue_(self) -> None:
        self.outcome = "continued"

    def abort(self) -> None:
        self.outcome = "aborted"


BASE = "http://127.0.0.1:8000/pyo3-cookbook/"
REPOSITORY = "https://github.com/pyo3-cookbook/pyo3-cookbook"


def watched(url: str) -> tuple[browser.Watch, FakePage]:
    watch = browser.Watch(BASE, (REPOSITORY,))
    page = FakePage(url)
    watch.attach(cast(Any, page))
    return watch, page


def test_requests_leave_the_machine_never_and_are_reported_by_the_page_that_made_them() -> None:
    watch, page = watched(BASE + "ch01-first-module.html?highlight=x#top")
    routes = [FakeRoute(BASE + "css/chrome.css"), FakeRoute("https://cdn.example/font.woff2")]
    for route in routes:
        watch.route(cast(Any, route))
    assert [route.outcome for route in routes] == ["continued", "aborted"]
    page.handlers["requestfailed"](routes[1].request)
    assert watch.finish() == [
        "ch01-first-module.html (desktop): requested https://cdn.example/font.woff2, outside "
        "the book; a page must load everything from the book itself (serve the file with the "
        "book or remove the reference)"
    ]


def test_the_repository_links_are_refused_but_not_counted_as_the_book_loading_them() -> None:
    watch, page = watched(BASE)
    route = FakeRoute(REPOSITORY + "/edit/main/book/src/introduction.md")
    watch.route(cast(Any, route))
    page.handlers["requestfailed"](route.request)
    assert route.outcome == "aborted"
    assert watch.finish() == []


def test_a_refused_request_no_page_accounted_for_is_still_reported() -> None:
    watch, _ = watched(BASE)
    watch.route(cast(Any, FakeRoute("https://example.com/ping")))
    assert watch.finish() == [
        "the book: something requested https://example.com/ping, outside the book"
    ]


def test_console_errors_and_http_errors_are_reported_once_per_page() -> None:
    watch, page = watched(BASE + "ch02-add-extract.html")
    error = type("Message", (), {"type": "error", "text": "boom"})()
    warning = type("Message", (), {"type": "warning", "text": "just a warning"})()
    failed_load = type("Message", (), {"type": "error", "text": "Failed to load resource: 404"})()
    missing = type("Response", (), {"status": 404, "url": BASE + "missing.png"})()
    expected = type("Response", (), {"status": 404, "url": BASE + "gone.html"})()
    watch.expected_404.add(BASE + "gone.html")
    for _ in range(2):  # a page visited twice
        for message in (error, warning, failed_load):
            page.handlers["console"](message)
        page.handlers["response"](missing)
        page.handlers["response"](expected)
    watch.width = "phone"
    page.handlers["pageerror"](RuntimeError("uncaught\nwith a second line"))
    assert watch.finish() == [
        "ch02-add-extract.html (desktop): console error: boom",
        f"ch02-add-extract.html (desktop): {BASE}missing.png answered HTTP 404",
        "ch02-add-extract.html (phone): uncaught error in the page's scripts: uncaught",
    ]


def test_a_request_cancelled_by_leaving_the_page_is_not_a_failure() -> None:
    watch, page = watched(BASE + "introduction.html")
    cancelled = type("Request", (), {"url": BASE + "ch00.html", "failure": "net::ERR_ABORTED"})()
    refused = type("Request", (), {"url": BASE + "a.css", "failure": "net::ERR_CONNECTION_RESET"})()
    page.handlers["requestfailed"](cancelled)
    page.handlers["requestfailed"](refused)
    assert watch.finish() == [
        f"introduction.html (desktop): request for {BASE}a.css failed (net::ERR_CONNECTION_RESET)"
    ]


def test_the_step_is_registered_after_the_book_step() -> None:
    names = list(cli.STEPS)
    assert names.index("browser") == names.index("book") + 1
