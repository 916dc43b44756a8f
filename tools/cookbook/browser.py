"""Read the built book as a reader does: in a headless Chromium, driven by Playwright.

The `browser` step of `cookbook test` builds the book, serves it on a free loopback port under
the path GitHub Pages gives it (`site-url` in book/book.toml), and checks every written page of
book/src/SUMMARY.md at desktop and phone width. It uses a Chrome or Chromium that is already
installed (COOKBOOK_CHROMIUM names one); Playwright never downloads a browser here. Screenshots
of every page go to target/browser/desktop/ and target/browser/phone/.
"""

from __future__ import annotations

import mimetypes
import os
import re
import shutil
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from cookbook import book
from cookbook.project import load_toml

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Response, Route

CHROMIUM_ENV = "COOKBOOK_CHROMIUM"
SEARCH_TERMS = "tools/cookbook/browser-search.toml"  # relative to the repository
# Chromium's own background traffic (updates, sync, field trials) would leave this machine.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
TIMEOUT_MS = 10_000
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# The sidebar's links to pages; mdBook also lists the current page's headings there ("#...").
SIDEBAR_PAGES = '#mdbook-sidebar a[href]:not([href^="#"])'
# Where Chrome or Chromium usually is when it is not on PATH.
KNOWN_LOCATIONS = (
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
)
ON_PATH = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
INSTALL_HINT = (
    "no Chrome or Chromium found: install one (Debian or Ubuntu: `sudo apt-get install "
    "chromium`; macOS or Windows: Google Chrome) or set COOKBOOK_CHROMIUM to its executable"
)


class BrowserUnavailable(Exception):
    """No browser to drive: the message is one line that says how to get one."""


@dataclass(frozen=True)
class Entry:
    """A written page of the book, as SUMMARY.md lists it."""

    title: str
    source: str  # relative to book/src, e.g. "ch01-first-module.md"

    @property
    def html(self) -> str:
        stem = self.source[: -len(".md")] if self.source.endswith(".md") else self.source
        if Path(stem).name.lower() == "readme":
            stem = stem[: -len("readme")] + "index"
        return stem + ".html"

    @property
    def stem(self) -> str:
        """A file name for the page's screenshots (a page in a folder keeps the folder's name)."""
        return self.html[: -len(".html")].replace("/", "-")


@dataclass(frozen=True)
class Listing:
    """A code block that is exactly one anchored include, and the lines it shows."""

    page: Entry
    index: int  # which code block of the page, counting from 0
    blocks: int  # how many fenced code blocks the page has
    include: str  # e.g. "../../chapters/ch01-first-module/src/lib.rs:count_words"
    lines: tuple[str, ...]


# --- what to check: pure functions, tested without a browser ------------------------------


SUMMARY_LINK = re.compile(r"\[(?P<title>[^\]]*)\]\((?P<target>[^)]*)\)")


def written_pages(summary: str) -> list[Entry]:
    """The pages SUMMARY.md links, in order; draft entries (`- [Title]()`) are not pages yet."""
    entries = []
    for line in summary.splitlines():
        match = SUMMARY_LINK.search(line)
        if match and match.group("target").strip():
            entries.append(Entry(match.group("title"), match.group("target").strip()))
    return entries


def find_chromium(
    environ: Mapping[str, str],
    which: Callable[[str], str | None] = shutil.which,
    is_executable: Callable[[str], bool] | None = None,
) -> str:
    """The browser to drive: COOKBOOK_CHROMIUM if set, else a Chrome or Chromium found here."""
    executable = is_executable or (lambda path: os.path.isfile(path) and os.access(path, os.X_OK))
    named = environ.get(CHROMIUM_ENV, "").strip()
    if named:
        if executable(named):
            return named
        raise BrowserUnavailable(
            f"{CHROMIUM_ENV}={named} is not an executable file: point it at a Chrome or "
            "Chromium executable, or unset it to use the one installed on this machine"
        )
    for name in ON_PATH:
        found = which(name)
        if found:
            return found
    windows = [
        str(Path(environ[key]) / "Google" / "Chrome" / "Application" / "chrome.exe")
        for key in ("PROGRAMFILES", "PROGRAMFILES(X86)", "LOCALAPPDATA")
        if environ.get(key)
    ]
    for path in (*KNOWN_LOCATIONS, *windows):
        if executable(path):
            return path
    raise BrowserUnavailable(INSTALL_HINT)


ONE_WORD = re.compile(r"[^\s-]+")


def search_terms(
    table: Mapping[str, Any], written: list[Entry], where: str
) -> tuple[dict[str, str], list[str]]:
    """Check the table of page -> search term against the written pages.

    Returns the terms by page source and the problems, each saying what to change.
    """
    problems = []
    sources = [entry.source for entry in written]
    terms: dict[str, str] = {}
    for source, term in table.items():
        if source not in sources:
            problems.append(
                f"{where}: {source!r} is not a written page of book/src/SUMMARY.md; "
                "remove its line or correct the file name"
            )
        elif not isinstance(term, str) or not ONE_WORD.fullmatch(term):
            problems.append(
                f"{where}: the term for {source} is {term!r}; use one word with no spaces or "
                "hyphens (mdBook's search splits on them)"
            )
        else:
            terms[source] = term
    for source in sources:
        if source not in table:
            problems.append(
                f'{where}: no search term for {source}; add a line `"{source}" = "word"` '
                "with a word that only that page uses"
            )
    repeated = sorted({t for t in terms.values() if list(terms.values()).count(t) > 1})
    for term in repeated:
        pages = ", ".join(sorted(s for s, t in terms.items() if t == term))
        problems.append(
            f"{where}: {term!r} is the term of several pages ({pages}); give each its own"
        )
    return terms, problems


ANCHOR_START = re.compile(r"ANCHOR:\s*(?P<name>[\w-]+)")
ANCHOR_END = re.compile(r"ANCHOR_END:\s*(?P<name>[\w-]+)")


def _rust_lines(text: str) -> list[str]:
    """Split like Rust's `str::lines`: on \\n, dropping one \\r before it and a final empty line."""
    if not text:
        return []
    parts = text.split("\n")
    if parts[-1] == "":
        parts.pop()
    return [part[:-1] if part.endswith("\r") else part for part in parts]


def anchored_region(text: str, anchor: str) -> list[str] | None:
    """The lines mdBook's `{{#include file:anchor}}` puts in the page, or None without the anchor.

    Like mdBook 0.5: the lines after `ANCHOR: name` up to `ANCHOR_END: name`, leaving out every
    line that opens or closes any anchor (nested regions' markers are stripped too). A region
    that is never closed runs to the end of the file.
    """
    retained: list[str] = []
    found = False
    for line in _rust_lines(text):
        if found:
            end = ANCHOR_END.search(line)
            if end:
                if end.group("name") == anchor:
                    break
            elif not ANCHOR_START.search(line):
                retained.append(line)
        else:
            start = ANCHOR_START.search(line)
            if start and start.group("name") == anchor:
                found = True
    return retained if found else None


# mdBook hides Rust lines that start with `#` and a space (or a lone `#`) and shows `##` as `#`
# (other languages only with `hidelines`); a listing with such lines is not copied as written.
RUST_HIDDEN = re.compile(r"^\s*#(#| |$)")
INCLUDE_ONLY = re.compile(r"^\{\{#include\s+(?P<target>[^}\s]+)\s*\}\}$")


def copy_listing(root: Path, written: list[Entry]) -> Listing | None:
    """The first code block that is one anchored include of a Rust file (else of any file)."""
    found: list[Listing] = []
    for entry in written:
        page = root / "book" / "src" / entry.source
        if not page.is_file():
            continue
        blocks = book.code_blocks(page.read_text(encoding="utf-8"))
        for index, block in enumerate(blocks):
            if len(block.body) != 1:
                continue
            match = INCLUDE_ONLY.match(block.body[0].strip())
            if not match:
                continue
            file_part, _, anchor = match.group("target").partition(":")
            if not anchor or re.fullmatch(r"\d*(:\d*)?", anchor):
                continue  # the whole file or a line range: no anchor to compare with
            included = (page.parent / file_part).resolve()
            if not included.is_file():
                continue  # the book step reports it
            lines = anchored_region(included.read_text(encoding="utf-8"), anchor)
            if not lines:
                continue
            language = block.info.split(",")[0].split()[0] if block.info else ""
            if "hidelines" in block.info:
                continue
            if language in ("", "rust") and any(RUST_HIDDEN.match(line) for line in lines):
                continue
            target = match.group("target")
            found.append(Listing(entry, index, len(blocks), target, tuple(lines)))
    rust = [listing for listing in found if listing.include.partition(":")[0].endswith(".rs")]
    if rust:
        return rust[0]
    return found[0] if found else None


def compare_copy(copied: str, listing: Listing) -> str | None:
    """None when the copied text is the listing's lines; otherwise what differs, in one line."""
    text = copied.replace("\r\n", "\n")
    text = text[:-1] if text.endswith("\n") else text
    lines = text.split("\n")
    if lines == list(listing.lines):
        return None
    for number, (got, wanted) in enumerate(zip(lines, listing.lines, strict=False), 1):
        if got != wanted:
            return f"line {number} is {got!r}, the source has {wanted!r}"
    return f"{len(lines)} lines were copied, the source region has {len(listing.lines)}"


# --- serving the book as GitHub Pages does ------------------------------------------------


CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".txt": "text/plain; charset=utf-8",
}


class _BookServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, built: Path, prefix: str) -> None:
        super().__init__(("127.0.0.1", 0), _BookHandler)
        self.built = built.resolve()
        self.prefix = prefix

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)
        # else: the browser stopped reading (a prefetch cancelled by leaving the page)


class _BookHandler(BaseHTTPRequestHandler):
    """Files of the built book under the prefix; anything else is the book's 404 page."""

    server: _BookServer

    def do_GET(self) -> None:
        self._respond(body=True)

    def do_HEAD(self) -> None:
        self._respond(body=False)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # a quiet test; failures show in the browser's own records

    def _respond(self, body: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        prefix = self.server.prefix
        if path + "/" == prefix:
            self.send_response(301)
            self.send_header("Location", prefix)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        target = self._file(path[len(prefix) :]) if path.startswith(prefix) else None
        if target is None:
            self._send(404, self.server.built / "404.html", body)
        else:
            self._send(200, target, body)

    def _file(self, relative: str) -> Path | None:
        target = (self.server.built / relative).resolve()
        if target != self.server.built and self.server.built not in target.parents:
            return None
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None

    def _send(self, status: int, path: Path, body: bool) -> None:
        data = path.read_bytes() if path.is_file() else b"not found"
        kind = CONTENT_TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0]
        self.send_response(status)
        self.send_header("Content-Type", kind or "application/octet-stream")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if body:
            self.wfile.write(data)


@contextmanager
def serve(built: Path, prefix: str) -> Iterator[str]:
    """Serve the built book on a free loopback port; yields the book's address."""
    if not prefix.startswith("/"):
        prefix = "/" + prefix
    if not prefix.endswith("/"):
        prefix += "/"
    server = _BookServer(built, prefix)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# --- the browser --------------------------------------------------------------------------


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _page_of(url: str) -> str:
    """An address without its query and fragment: which page it is."""
    return url.split("#")[0].split("?")[0]


def _is_page(address: str) -> Callable[[str], bool]:
    """A test for a URL: is it this page, whatever its query or fragment?"""
    return lambda url: _page_of(url) == address


class Watch:
    """Records what a reader would see as broken: console errors, uncaught errors, failed or
    refused requests, and any request that leaves this machine."""

    def __init__(self, base: str, external_links: tuple[str, ...]) -> None:
        self.base = base
        self.where = "the book"  # what the current check is looking at
        self.width = "desktop"  # the kind of screen of the current check
        self._problems: list[str] = []
        self.expected_404: set[str] = set()
        self.blocked: set[str] = set()
        self.blocked_and_reported: set[str] = set()
        # The book links to its repository; the test never follows those links, and if anything
        # asked for them it would not be the book's own pages loading.
        self.external_links = external_links

    @property
    def problems(self) -> list[str]:
        """Each problem once, in the order first seen (a page visited twice repeats its own)."""
        return list(dict.fromkeys(self._problems))

    def report(self, what: str) -> None:
        self._problems.append(f"{self.where}: {what}")

    def _report_on(self, page: Page, what: str) -> None:
        address = _page_of(page.url)
        name = address[len(self.base) :] if address.startswith(self.base) else address
        self._problems.append(f"{name or 'index.html'} ({self.width}): {what}")

    def finish(self) -> list[str]:
        """The problems, with any refused request that no page's event accounted for."""
        for url in sorted(self.blocked - self.blocked_and_reported):
            if not url.startswith(self.external_links):
                self._problems.append(f"the book: something requested {url}, outside the book")
        return self.problems

    def route(self, route: Route) -> None:
        url = route.request.url
        if (urlsplit(url).hostname or "") in LOOPBACK:
            route.continue_()
        else:
            self.blocked.add(url)  # reported by the page that asked for it
            route.abort()

    def attach(self, page: Page) -> None:
        page.on("console", lambda message: self._console(page, message))
        page.on("pageerror", lambda error: self._page_error(page, error))
        page.on("requestfailed", lambda request: self._request_failed(page, request))
        page.on("response", lambda response: self._response(page, response))

    def _console(self, page: Page, message: ConsoleMessage) -> None:
        # A resource that failed to load is reported, with its address, as a failed request.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self._report_on(page, f"console error: {message.text}")

    def _page_error(self, page: Page, error: Exception) -> None:
        self._report_on(page, f"uncaught error in the page's scripts: {_first_line(error)}")

    def _request_failed(self, page: Page, request: Request) -> None:
        url = request.url
        failure = request.failure or "failed"
        if url in self.blocked:
            self.blocked_and_reported.add(url)
            if not url.startswith(self.external_links):
                self._report_on(
                    page,
                    f"requested {url}, outside the book; a page must load everything from the "
                    "book itself (serve the file with the book or remove the reference)",
                )
        elif "ERR_ABORTED" not in failure:  # aborted: cancelled by leaving the page
            self._report_on(page, f"request for {url} failed ({failure})")

    def _response(self, page: Page, response: Response) -> None:
        if response.status >= 400 and response.url not in self.expected_404:
            self._report_on(page, f"{response.url} answered HTTP {response.status}")


@dataclass
class Run:
    """What one browser run needs: the book's address, its pages, and where pictures go."""

    root: Path
    base: str
    written: list[Entry]
    shots: Path
    watch: Watch
    html_config: dict[str, Any]

    def url(self, entry: Entry) -> str:
        return self.base + entry.html


def check_desktop(run: Run, context: BrowserContext) -> None:
    """Sidebar order, every page through its sidebar link, copy buttons, edit links, arrows."""
    page = context.new_page()
    run.watch.attach(page)
    run.watch.where = "the start page"
    page.goto(run.base)
    expected = [run.url(entry) for entry in run.written]
    listed = page.eval_on_selector_all(SIDEBAR_PAGES, "links => links.map(a => a.href)")
    in_order = listed == expected
    if not in_order:
        shown = [url[len(run.base) :] for url in listed]
        wanted = [entry.html for entry in run.written]
        run.watch.report(f"the sidebar links {shown}, SUMMARY.md's written pages are {wanted}")
    repository = str(run.html_config.get("git-repository-url", ""))
    template = str(run.html_config.get("edit-url-template", ""))
    for index, entry in enumerate(run.written):
        run.watch.where = f"{entry.html} (desktop)"
        if in_order:
            page.locator(SIDEBAR_PAGES).nth(index).click()
            page.wait_for_url(run.url(entry))
        else:
            page.goto(run.url(entry))
        missing = page.evaluate(
            "() => [...document.querySelectorAll('#mdbook-content pre')]"
            ".filter(pre => pre.querySelector('code') && !pre.querySelector('.clip-button'))"
            ".length"
        )
        if missing:
            run.watch.report(f"{missing} code block(s) have no copy button")
        if repository and not page.locator(f'a[href="{repository}"]').count():
            run.watch.report(f"no link to the repository {repository} (git-repository-url)")
        if template:
            check_edit_link(run, page, entry)
        page.screenshot(path=str(run.shots / "desktop" / f"{entry.stem}.png"), full_page=True)
    # mdBook's keyboard navigation: Left from the last page back to the first, then Right.
    for index in range(len(run.written) - 1, 0, -1):
        press(run, page, "ArrowLeft", run.written[index], run.written[index - 1])
    for index in range(len(run.written) - 1):
        press(run, page, "ArrowRight", run.written[index], run.written[index + 1])
    page.close()


EDIT_PATH = re.compile(r"/edit/[^/]+/(?P<path>[^?#]+)$")


def check_edit_link(run: Run, page: Page, entry: Entry) -> None:
    """The page's "Suggest an edit" link opens the page's own source file in the repository."""
    links = page.eval_on_selector_all(
        "a[rel=edit]", "links => links.map(a => a.getAttribute('href'))"
    )
    if not links:
        run.watch.report("no 'Suggest an edit' link (edit-url-template in book/book.toml)")
        return
    match = EDIT_PATH.search(links[0])
    source = run.root / "book" / "src" / entry.source
    if not match or (run.root / unquote(match.group("path"))).resolve() != source.resolve():
        run.watch.report(
            f"the 'Suggest an edit' link is {links[0]}, which does not name "
            f"{source.relative_to(run.root).as_posix()} in the repository; "
            "check edit-url-template in book/book.toml"
        )


def press(run: Run, page: Page, key: str, here: Entry, there: Entry) -> None:
    """Press an arrow key on one page and expect mdBook to open the next or previous one."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    run.watch.where = f"{here.html} (desktop)"
    page.keyboard.press(key)
    try:
        page.wait_for_url(run.url(there))
    except PlaywrightTimeout:
        arrow = "→" if key == "ArrowRight" else "←"
        run.watch.report(f"pressing {arrow} did not open {there.html} (mdBook's chapter links)")
        page.goto(run.url(there))


def check_search(run: Run, context: BrowserContext, terms: dict[str, str]) -> None:
    """Each page's own word, typed into the search box, finds that page and only that page."""
    page = context.new_page()
    run.watch.attach(page)
    run.watch.where = "the search"
    page.goto(run.base)
    where = SEARCH_TERMS
    for entry in run.written:
        term = terms.get(entry.source)
        if term is None:
            continue
        run.watch.where = f"searching for {term!r} ({entry.html})"
        if page.locator("#mdbook-search-wrapper.hidden").count():
            page.click("#mdbook-search-toggle")
        bar = page.locator("#mdbook-searchbar")
        bar.fill("")
        bar.press_sequentially(term)
        page.wait_for_function(
            "term => document.getElementById('mdbook-searchresults-header')"
            ".innerText.includes(`'${term}'`)",
            arg=term,
        )
        found = page.eval_on_selector_all(
            "#mdbook-searchresults li a", "links => links.map(a => a.href)"
        )
        pages = sorted({_page_of(url)[len(run.base) :] for url in found})
        if not found:
            run.watch.report(f"found nothing; in {where}, give {entry.source} a word it uses")
            continue
        if pages != [entry.html]:
            others = ", ".join(p for p in pages if p != entry.html)
            run.watch.report(
                f"also finds {others}; in {where}, give {entry.source} a word only it uses"
            )
            continue
        page.locator("#mdbook-searchresults li a").first.click()
        page.wait_for_url(_is_page(run.url(entry)))
        if not page.locator("#mdbook-content mark").count():
            run.watch.report("the page the result opens highlights nothing")
    page.close()


def check_copy(run: Run, context: BrowserContext, listing: Listing | None) -> None:
    """The copy button of one included listing copies exactly the anchored lines CI compiled."""
    if listing is None:
        run.watch.where = "the copy button"
        run.watch.report(
            "no page has a code block that is exactly one {{#include file:anchor}}; "
            "nothing shows that copied code is the tested code"
        )
        return
    page = context.new_page()
    run.watch.attach(page)
    run.watch.where = f"{listing.page.html}, code block {listing.index + 1} ({listing.include})"
    page.goto(run.url(listing.page))
    blocks = page.locator("#mdbook-content main pre:has(code)")
    if blocks.count() != listing.blocks:
        run.watch.report(
            f"the page shows {blocks.count()} code blocks, its source has {listing.blocks} "
            "fenced ones, so the copied listing cannot be matched to its source; write code "
            "blocks with ``` fences only"
        )
        page.close()
        return
    block = blocks.nth(listing.index)
    button = block.locator(".clip-button")
    if not button.count():
        run.watch.report("this code block has no copy button")
        page.close()
        return
    block.hover()  # mdBook shows a block's buttons while the pointer is over it
    button.click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    difference = compare_copy(str(copied), listing)
    if difference:
        run.watch.report(f"the copy button does not copy the anchored region: {difference}")
    page.close()


def check_themes(run: Run, context: BrowserContext) -> None:
    """Light and dark both render, and the choice survives a reload (mdBook's localStorage)."""
    page = context.new_page()
    run.watch.attach(page)
    entry = run.written[min(2, len(run.written) - 1)]
    page.goto(run.url(entry))
    light = str(run.html_config.get("default-theme", "light"))
    dark = str(run.html_config.get("preferred-dark-theme", "navy"))
    colours: dict[str, str] = {}
    for theme in (dark, light):
        run.watch.where = f"the {theme} theme on {entry.html}"
        page.click("#mdbook-theme-toggle")
        page.click(f"#mdbook-theme-{theme}")
        if theme not in page.evaluate("() => document.documentElement.className").split():
            run.watch.report("choosing it in the theme menu did not apply it")
        page.reload()
        classes = page.evaluate("() => document.documentElement.className").split()
        stored = page.evaluate("() => localStorage.getItem('mdbook-theme')")
        if theme not in classes or stored != theme:
            run.watch.report("chosen in the theme menu, it did not persist across a reload")
        colours[theme] = page.evaluate(
            "() => getComputedStyle(document.documentElement).backgroundColor"
        )
        page.screenshot(path=str(run.shots / "desktop" / f"{entry.stem}-{theme}.png"))
    if colours[light] == colours[dark]:
        run.watch.where = "the themes"
        run.watch.report(f"{light} and {dark} have the same background ({colours[light]})")
    page.close()


def check_not_found(run: Run, context: BrowserContext) -> None:
    """A missing page answers 404 with the book's 404 page, whose link leads home."""
    page = context.new_page()
    run.watch.attach(page)
    missing = run.base + "no-such-chapter/no-such-page.html"
    run.watch.where = "the 404 page"
    run.watch.expected_404.add(missing)
    response = page.goto(missing)
    if response is None or response.status != 404:
        status = response.status if response else "nothing"
        run.watch.report(f"{missing} answered {status}, not 404")
    if not page.locator("#mdbook-content main h1").count():
        run.watch.report("it has no heading; book/src/404.md should say what happened")
    page.screenshot(path=str(run.shots / "desktop" / "404.png"))
    home = {run.base, run.base + "index.html"}
    # Links in the text, not the headings' own "#" anchors.
    text_links = '#mdbook-content main a[href]:not([href^="#"])'
    links = page.eval_on_selector_all(text_links, "links => links.map(a => a.href)")
    leads_home = [index for index, link in enumerate(links) if _page_of(link) in home]
    if not leads_home:
        run.watch.report("it has no link to the start of the book (book/src/404.md)")
    else:
        with page.expect_navigation() as navigation:
            page.locator(text_links).nth(leads_home[0]).click()
        arrived = navigation.value
        if arrived is None or arrived.status != 200:
            run.watch.report("its link to the start of the book does not open a page")
    page.close()


OVERFLOW = """() => {
    const width = document.scrollingElement.clientWidth;
    const scrolls = document.scrollingElement.scrollWidth > width;
    const describe = el => {
        let name = el.tagName.toLowerCase();
        if (el.id) name += '#' + el.id;
        else if (el.classList.length) name += '.' + [...el.classList].join('.');
        const text = (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 50);
        return text ? `${name} ("${text}")` : name;
    };
    const wide = [];
    for (const el of document.body.querySelectorAll('*')) {
        if (el.closest('pre, .table-wrapper, #mdbook-sidebar')) continue;
        const box = el.getBoundingClientRect();
        if (box.width > 0 && box.height > 0 && box.right > width + 1) wide.push(el);
    }
    const innermost = wide.filter(el => !wide.some(other => other !== el && el.contains(other)));
    return {scrolls, width, wide: innermost.slice(0, 3).map(describe)};
}"""


def check_phone(run: Run, context: BrowserContext) -> None:
    """At 375 px no page scrolls sideways, nothing but a code block or a table (which mdBook
    scrolls inside its own box) sticks out past the screen, and the menu opens."""
    page = context.new_page()
    run.watch.attach(page)
    for entry in run.written:
        run.watch.where = f"{entry.html} (phone)"
        page.goto(run.url(entry))
        result = page.evaluate(OVERFLOW)
        if result["scrolls"] or result["wide"]:
            what = "; ".join(result["wide"]) or "the page itself"
            run.watch.report(
                f"wider than a {result['width']} px screen outside code blocks and tables: "
                f"{what}; let it wrap (or put it in a code block or table, which scroll)"
            )
        page.screenshot(path=str(run.shots / "phone" / f"{entry.stem}.png"), full_page=True)
    first = run.written[0]
    run.watch.where = f"the menu on {first.html} (phone)"
    page.goto(run.url(first))
    page.click("#mdbook-sidebar-toggle")
    link = page.locator(SIDEBAR_PAGES).last
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(
            "selector => { const a = [...document.querySelectorAll(selector)].pop();"
            " if (!a) return false; const box = a.getBoundingClientRect();"
            " return box.width > 0 && box.left >= 0 && box.right <= innerWidth; }",
            arg=SIDEBAR_PAGES,
        )
    except PlaywrightTimeout:
        run.watch.report("the menu button does not open the table of contents")
        page.close()
        return
    page.screenshot(path=str(run.shots / "phone" / "menu.png"))
    link.click()
    page.wait_for_url(run.url(run.written[-1]))
    page.close()


def drive(run: Run, chromium: str, terms: dict[str, str], listing: Listing | None) -> list[str]:
    """Every browser check, each in its own page; a check that stops is a problem, not a crash."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    checks: list[tuple[str, Callable[[BrowserContext], None], dict[str, Any]]] = [
        ("desktop", lambda c: check_desktop(run, c), {"viewport": DESKTOP}),
        ("search", lambda c: check_search(run, c, terms), {"viewport": DESKTOP}),
        ("copy", lambda c: check_copy(run, c, listing), {"viewport": DESKTOP}),
        ("themes", lambda c: check_themes(run, c), {"viewport": DESKTOP}),
        ("404", lambda c: check_not_found(run, c), {"viewport": DESKTOP}),
        (
            "phone",
            lambda c: check_phone(run, c),
            {"viewport": PHONE, "is_mobile": True, "has_touch": True},
        ),
    ]
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(
                executable_path=chromium, headless=True, args=CHROMIUM_FLAGS
            )
        except PlaywrightError as error:
            raise BrowserUnavailable(
                f"cannot start {chromium}: {_first_line(error)}; install Chromium or point "
                f"{CHROMIUM_ENV} at a working Chrome or Chromium"
            ) from None
        address = urlsplit(run.base)
        origin = f"{address.scheme}://{address.netloc}"
        for name, check, options in checks:
            run.watch.width = "phone" if options["viewport"] is PHONE else "desktop"
            context = browser.new_context(**options)
            context.set_default_timeout(TIMEOUT_MS)
            context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
            context.route("**/*", run.watch.route)
            try:
                check(context)
            except PlaywrightError as error:
                run.watch.report(f"the {name} check stopped: {_first_line(error)}")
            finally:
                context.close()
        browser.close()
    return run.watch.finish()


def check(root: Path) -> list[str]:
    """Build the book, serve it, and read every written page in Chromium. Returns problems.

    Raises BrowserUnavailable, with a one-line message, when there is no browser to drive.
    """
    chromium = find_chromium(os.environ)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        raise BrowserUnavailable(
            "Playwright for Python is not installed here: run `uv sync` (it is a dependency "
            "in pyproject.toml)"
        ) from None
    # Playwright drives the browser named above and must never fetch one of its own.
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

    try:
        config = load_toml(root / "book" / "book.toml")
        table = load_toml(root / SEARCH_TERMS)
    except SystemExit as error:  # a file that cannot be read is this step's problem alone
        return [str(error)]
    html_config: dict[str, Any] = config.get("output", {}).get("html", {})
    summary = (root / "book" / "src" / "SUMMARY.md").read_text(encoding="utf-8")
    written = written_pages(summary)
    if not written:
        return ["book/src/SUMMARY.md: lists no written page"]
    terms, problems = search_terms(table, written, SEARCH_TERMS)
    listing = copy_listing(root, written)

    ok, output = book.build(root)
    if not ok:
        return [*problems, "mdbook build printed warnings or errors:\n" + output]

    shots = root / "target" / "browser"
    shutil.rmtree(shots, ignore_errors=True)
    for folder in ("desktop", "phone"):
        (shots / folder).mkdir(parents=True)
    external = tuple(
        str(html_config[key]).split("{path}")[0]
        for key in ("git-repository-url", "edit-url-template")
        if html_config.get(key)
    )
    prefix = str(html_config.get("site-url", "/"))
    with serve(root / "book" / "book", prefix) as base:
        run = Run(root, base, written, shots, Watch(base, external), html_config)
        problems += drive(run, chromium, terms, listing)
    if not problems:
        folder = shots.relative_to(root).as_posix()
        print(
            f"{len(written)} pages read in Chromium at desktop and phone width: no console "
            f"error, no failed or outside request; screenshots in {folder}/"
        )
    return problems


def main(root: Path) -> bool:
    """The `browser` step: problems one per line, or one line when no browser can be driven."""
    try:
        problems = check(root)
    except BrowserUnavailable as error:
        print(f"browser: {error}")
        return False
    for problem in problems:
        print(problem)
    sys.stdout.flush()
    return not problems
