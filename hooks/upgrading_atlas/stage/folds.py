"""The back matter of a paper's page, folded: its heading stays in place (and in the table of
contents), its content goes into a ``<details>`` whose summary says what it holds.

A student reads a paper's page for the argument; how the paper meets the other four and what our
copy of the text lacks come after, one tap away. Nothing is lost: the headings and their anchors
stay, a link to an anchor inside a fold opens it (``atlas-sections.js``, and browsers that reveal
targets), the browser's find-in-page opens it, and print shows it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

HEADING = re.compile(r"^(?P<hashes>#{2,6})\s+(?P<title>.+?)\s*(?:\{[^}]*#(?P<id>[A-Za-z0-9_-]+)[^}]*\})?\s*$")
LIST_ITEM = re.compile(r"^[-*+]\s+")
MARKER_LINE = re.compile(r"^<!--\s*atlas:")


def _subsections(lines: list[str]) -> str:
    titles = [_plain(match["title"]) for line in lines if (match := HEADING.match(line)) and len(match["hashes"]) == 3]
    return " · ".join(titles)


def _remarks(lines: list[str]) -> str:
    count = sum(1 for line in lines if LIST_ITEM.match(line))
    return f"{count} remark{'' if count == 1 else 's'} on our copy of the text"


PAPER_FOLDS: dict[str, Callable[[list[str]], str]] = {
    "conversation": _subsections,
    "notes-on-the-text": _remarks,
}
"""The sections of a paper's page that fold, by heading id, each with what its summary says."""


def fold_sections(lines: list[str], folds: dict[str, Callable[[list[str]], str]] = PAPER_FOLDS) -> list[str]:
    """The page's Markdown lines with the content of each section named in ``folds`` in a
    ``<details>``. A section runs from its heading to the next heading of its level or above, or to
    the next marker line; an empty section stays as it is."""
    output: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        output.append(line)
        index += 1
        match = HEADING.match(line)
        if not match or match["id"] not in folds:
            continue
        level = len(match["hashes"])
        end = index
        while end < len(lines) and not _ends_section(lines[end], level):
            end += 1
        content = lines[index:end]
        if any(text.strip() for text in content):
            summary = html.escape(folds[match["id"]](content), quote=False)
            output += ["", '<details class="atlas-fold" markdown>', f"<summary>{summary}</summary>", "",
                       *content, "", "</details>", ""]
            index = end
    return output


def _ends_section(line: str, level: int) -> bool:
    match = HEADING.match(line)
    return bool(match and len(match["hashes"]) <= level) or bool(MARKER_LINE.match(line))


def _plain(title: str) -> str:
    """A heading's text without Markdown emphasis or code marks."""
    return re.sub(r"[*_`]", "", title).strip()
