"""Build, serve and check the book.

mdBook is forgiving: a missing include or a dead link still produces a book
and exits 0. The checks here are what keep the book honest instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from cookbook.project import ensure_mdbook, run

INCLUDE = re.compile(r"\{\{#(include|rustdoc_include)\s+([^}\s]+)\s*\}\}")
ANCHOR = re.compile(r"ANCHOR:\s*([\w-]+)")
ANCHOR_END = re.compile(r"ANCHOR_END:\s*([\w-]+)")
FENCE = re.compile(r"^(\s*)(```+|~~~+)(.*)$")
MAX_INLINE_LINES = 6


@dataclass(frozen=True)
class Problem:
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


def pages(root: Path) -> list[Path]:
    return sorted((root / "book" / "src").rglob("*.md"))


def anchors_in(path: Path) -> tuple[set[str], set[str]]:
    text = path.read_text(encoding="utf-8")
    return set(ANCHOR.findall(text)), set(ANCHOR_END.findall(text))


def check_includes(root: Path) -> list[Problem]:
    """Every {{#include}} names a file that exists and an anchor that is opened and closed."""
    problems = []
    for page in pages(root):
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            for _, target in INCLUDE.findall(line):
                where = f"{page.relative_to(root).as_posix()}:{number}"
                file_part, _, selector = target.partition(":")
                included = (page.parent / file_part).resolve()
                if not included.is_file():
                    problems.append(Problem(where, f"includes {file_part}, which does not exist"))
                    continue
                if not selector or re.fullmatch(r"\d*(:\d*)?", selector):
                    continue  # whole file or a line range
                opened, closed = anchors_in(included)
                if selector not in opened:
                    problems.append(Problem(where, f"anchor '{selector}' is not in {file_part}"))
                elif selector not in closed:
                    problems.append(
                        Problem(where, f"anchor '{selector}' in {file_part} has no ANCHOR_END")
                    )
    return problems


@dataclass(frozen=True)
class CodeBlock:
    """A fenced code block of a page: the line of its opening fence, its info string, its body."""

    line: int
    info: str
    body: tuple[str, ...]


def code_blocks(text: str) -> list[CodeBlock]:
    """The fenced code blocks of a Markdown page, in order (an unclosed block is not one)."""
    blocks = []
    inside = False
    fence = ""
    start = 0
    info = ""
    body: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        match = FENCE.match(line)
        if not inside and match:
            inside, fence, start, info, body = True, match.group(2), number, match.group(3), []
        elif inside and match and match.group(2).startswith(fence):
            if match.group(3).strip():
                body.append(line)  # an opening fence inside a block is just text
                continue
            inside = False
            blocks.append(CodeBlock(start, info.strip(), tuple(body)))
        elif inside:
            body.append(line)
    return blocks


def check_inline_code(root: Path) -> list[Problem]:
    """Code blocks longer than a few lines must come from tested files."""
    problems = []
    for page in pages(root):
        for block in code_blocks(page.read_text(encoding="utf-8")):
            included = any(INCLUDE.search(text) for text in block.body)
            if not included and len(block.body) > MAX_INLINE_LINES:
                problems.append(
                    Problem(
                        f"{page.relative_to(root).as_posix()}:{block.line}",
                        f"a {len(block.body)}-line code block is typed inline; "
                        "move it into a tested file and {{#include}} it by anchor",
                    )
                )
    return problems


class _LinksAndIds(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if tag == "a" and name == "href" and value:
                self.links.append(value)


def check_links(root: Path) -> list[Problem]:
    """Every link inside the built book points at a page, and at an id on it."""
    built = root / "book" / "book"
    parsed: dict[Path, _LinksAndIds] = {}

    def parse(path: Path) -> _LinksAndIds:
        if path not in parsed:
            parser = _LinksAndIds()
            parser.feed(path.read_text(encoding="utf-8"))
            parsed[path] = parser
        return parsed[path]

    problems = []
    skipped = {"print.html", "toc.html", "404.html"}
    for page in sorted(built.rglob("*.html")):
        if page.name in skipped:
            continue
        for link in parse(page).links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//") or link.startswith("mailto:"):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            where = str(page.relative_to(built))
            if not target.is_file():
                problems.append(Problem(where, f"links to {link}, which is not in the book"))
            elif (
                parts.fragment
                and target.suffix == ".html"
                and unquote(parts.fragment) not in parse(target).ids
            ):
                problems.append(Problem(where, f"links to {link}, which has no such heading"))
    return problems


def build(root: Path, mdbook: str | None = None) -> tuple[bool, str]:
    """Build the book; any warning or error mdBook prints counts as a failure."""
    mdbook = mdbook or ensure_mdbook(root)
    result = run([mdbook, "build", "book"], cwd=root, capture=True)
    output = result.stdout or ""
    noisy = [line for line in output.splitlines() if re.search(r"\b(WARN|ERROR)\b", line)]
    return result.returncode == 0 and not noisy, output


def check(root: Path) -> list[Problem]:
    """Build the book and run every check on it."""
    problems = check_includes(root) + check_inline_code(root)
    ok, output = build(root)
    if not ok:
        problems.append(Problem("mdbook build", "printed warnings or errors:\n" + output))
    else:
        problems += check_links(root)
    return problems


def serve(root: Path, port: int) -> int:
    mdbook = ensure_mdbook(root)
    ok, output = build(root, mdbook)
    if not ok:
        print(output)
        print("the book built with warnings; serving it anyway")
    print(f"Serving the book on http://127.0.0.1:{port} (Ctrl+C to stop)", flush=True)
    command = [mdbook, "serve", "book", "--hostname", "127.0.0.1", "--port", str(port)]
    return run(command, cwd=root).returncode
