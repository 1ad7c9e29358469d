"""Marker lines in hand-written pages, each replaced by the fragment it asks for."""

from __future__ import annotations

from collections.abc import Callable

from ...link.linker import LinkContext
from ...markers import MARKER
from ..kit import PageKit
from .citation import citation_block
from .home import papers_list
from .paper import crossrefs_list, paper_context, sections_list
from .table import comparison_table

PAPER_FRAGMENTS: dict[str, Callable[[PageKit, str, str, LinkContext], str]] = {
    "citation": citation_block,
    "sections": sections_list,
    "crossrefs": crossrefs_list,
    "paper-context": paper_context,
}
"""The fragments about one paper, by marker name."""
ATLAS_FRAGMENTS: dict[str, Callable[[PageKit, str, LinkContext], str]] = {
    "papers": papers_list,
}
"""The fragments about the whole atlas, which take no argument, by marker name."""
MARKER_NAMES = ("table", *PAPER_FRAGMENTS, *ATLAS_FRAGMENTS)


class MarkerError(ValueError):
    """A page asks for generated content that does not exist."""

    def __init__(self, message: str, fix: str):
        super().__init__(f"{message} — {fix}")
        self.message = message
        self.fix = fix


def expand_markers(kit: PageKit, markdown: str, source: str, context: LinkContext | None = None) -> str:
    """Replace every marker line in a page's Markdown with the content it asks for."""
    lines = expand_marker_lines(kit, markdown.splitlines(), source, context or kit.link_context(source))
    return "\n".join(lines) + "\n"


def expand_marker_lines(
    kit: PageKit, lines: list[str], source: str, context: LinkContext,
    on_error: Callable[[int, str, MarkerError], str] | None = None,
) -> list[str]:
    """Each marker line replaced by its content, set apart by blank lines. A marker that names
    nothing known raises ``MarkerError``; with ``on_error(line number, line, error)``, what that
    returns stands in its place instead."""
    output: list[str] = []
    for number, line in enumerate(lines, start=1):
        match = MARKER.match(line)
        if not match:
            output.append(line)
            continue
        try:
            content = marker_content(kit, match["name"], match["argument"], source, context)
        except MarkerError as error:
            if on_error is None:
                raise
            content = on_error(number, line, error)
        output.extend(["", *content.splitlines(), ""])
    return output


def marker_content(kit: PageKit, name: str, argument: str | None, source: str, context: LinkContext) -> str:
    """The content one marker asks for; ``MarkerError`` if it names nothing known."""
    if name == "table":
        if argument not in kit.index.tables:
            raise MarkerError(f"there is no table {argument!r}",
                              f"name one of the tables: {', '.join(kit.index.tables)}")
        return comparison_table(kit, argument, source, context)
    if name in PAPER_FRAGMENTS:
        if argument not in kit.index.papers:
            raise MarkerError(f"there is no paper {argument!r}",
                              f"name one of the papers: {', '.join(kit.index.papers)}")
        return PAPER_FRAGMENTS[name](kit, argument, source, context)
    if name in ATLAS_FRAGMENTS:
        if argument:
            raise MarkerError(f"atlas:{name} takes no argument", f"write <!-- atlas:{name} --> alone")
        return ATLAS_FRAGMENTS[name](kit, source, context)
    raise MarkerError(f"there is no marker atlas:{name}", f"use one of: {', '.join(MARKER_NAMES)}")
