"""Problems shown where they bite: in a preview (``mkdocs serve``, a build that is not strict), each
page that a problem affects opens with a notice listing it. A strict build stops instead, so the
notices never reach a published site."""

from __future__ import annotations

import html
from collections import defaultdict
from pathlib import PurePosixPath

from ..front_matter import split_front_matter
from ..problems import Problem

HOME = "index.md"
KIND_INDEXES = {"concepts": "concepts/index.md", "entities": "entities/index.md", "papers": "papers/index.md",
                "crossrefs": "crossrefs/index.md", "tables": "comparisons/index.md"}
"""Where a problem in a file of each kind is also shown, should its own page not exist."""


def pages_affected(problem: Problem, pages: set[str], table_pages: dict[str, str]) -> list[str]:
    """The staged pages a problem concerns: the page its record makes (or, for a table, the page
    that places it), the index of its kind, and the home page when neither exists."""
    path = PurePosixPath(problem.file)
    parts = path.parts
    if parts and parts[0] == "docs":
        return [PurePosixPath(*parts[1:]).as_posix()]
    kind = parts[1] if len(parts) >= 3 and parts[0] == "annotations" else ""
    record = path.stem
    own = {"concepts": f"concepts/{record}.md", "entities": f"entities/{record}.md",
           "papers": f"papers/{record}.md", "crossrefs": "crossrefs/index.md",
           "tables": table_pages.get(record, "")}.get(kind, "")
    found = [page for page in dict.fromkeys((own, KIND_INDEXES.get(kind, ""))) if page in pages]
    return found or [HOME]


def notice(problems: list[Problem]) -> str:
    """The notice at the top of a page: every problem, escaped, one a line."""
    count = len(problems)
    items = "\n".join(f"<li><code>{html.escape(str(problem))}</code></li>" for problem in problems)
    return (f'<div class="admonition danger atlas-problems" role="alert">\n'
            f'<p class="admonition-title">{count} problem{"s" if count != 1 else ""} in what this page is made '
            f"from (shown in the preview only; a strict build stops)</p>\n<ul>\n{items}\n</ul>\n</div>\n")


def add_notices(files: dict[str, bytes], problems: list[Problem], table_pages: dict[str, str]) -> set[str]:
    """Put a notice at the top of each page that ``problems`` affect; returns those pages."""
    pages = {path for path in files if path.endswith(".md")}
    by_page: dict[str, list[Problem]] = defaultdict(list)
    for problem in problems:
        for page in pages_affected(problem, pages, table_pages):
            by_page[page].append(problem)
    for page, found in by_page.items():
        if page not in files:
            continue
        text = files[page].decode("utf-8")
        front, body = _split(text)
        files[page] = (front + notice(found) + "\n" + body).encode("utf-8")
    return set(by_page)


def _split(text: str) -> tuple[str, str]:
    """(front matter with its fences and the page's marker line, the rest)."""
    body = split_front_matter(text).body
    front, text = text[: len(text) - len(body)], body
    first, _, rest = text.partition("\n")
    if first.startswith("<!-- atlas:page "):
        return front + first + "\n", rest
    return front, text
