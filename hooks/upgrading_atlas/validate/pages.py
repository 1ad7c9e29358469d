"""Checks of the annotations against the hand-written pages in ``docs/``.

A table shows only where a page places it (``<!-- atlas:table <id> -->``); a paper's links lead to
``docs/papers/<id>.md``, whose front matter may name the paper (``atlas_paper: <id>``, for the
citation meta tags) but no other; a paper's
section ids become ``id`` attributes on that page, beside the ids of its headings. Without these
checks a table nobody places, a paper with no page or a section id that repeats a heading's would
pass unremarked, and the site would lose a table, break links or hold one ``id`` twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown.extensions.toc import slugify

from ..front_matter import split_front_matter
from ..load.records import Loaded
from ..markers import MARKER
from ..model import Concept, Entity, Paper, Table
from ..problems import Problem

ExpandMarkers = Callable[[str, str], str]
"""``expand(markdown, source)``: a page's Markdown with its marker lines replaced by their content."""

_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_HEADING = re.compile(r"^#{1,6}[ \t]+(?P<text>.*?)[ \t#]*$")
_ATTRIBUTE_ID = re.compile(r"\{:?[^{}\n]*?#(?P<id>[\w-]+)[^{}\n]*\}")
_HTML_ID = re.compile(r"""\bid\s*=\s*["'](?P<id>[^"']+)["']""")
_INLINE_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[*_`]")


@dataclass(frozen=True)
class Page:
    """A hand-written page of ``docs/``."""

    source: str
    """Its path inside ``docs/``, such as ``papers/chen.md``."""
    markdown: str
    meta: dict[str, Any] = field(default_factory=dict)


def read_pages(docs_dir: Path) -> list[Page]:
    """Every Markdown page under ``docs_dir``, with its front matter."""
    pages = []
    for path in sorted(docs_dir.rglob("*.md")):
        if not path.is_file():
            continue
        markdown = path.read_text(encoding="utf-8", errors="replace")
        pages.append(Page(path.relative_to(docs_dir).as_posix(), markdown, split_front_matter(markdown).meta))
    return pages


def validate_pages(records: list[Loaded], docs_dir: Path, expand: ExpandMarkers | None = None) -> list[Problem]:
    """Every problem between the annotations and the pages of ``docs_dir``. With ``expand``, a
    paper's section ids are also checked against the ids of its page."""
    pages = {page.source: page for page in read_pages(docs_dir)}
    placed = {match["argument"] for page in pages.values() for match in MARKER.finditer(page.markdown)
              if match["name"] == "table"}
    problems: list[Problem] = []
    for item in records:
        record = item.record
        if isinstance(record, Table) and record.id not in placed:
            problems.append(item.source.problem(
                ("id",),
                f"no page places the table {record.id!r}, so the site never shows it",
                f"add the line <!-- atlas:table {record.id} --> to a page in docs/, or delete the table",
            ))
        elif isinstance(record, Paper):
            problems.extend(_check_paper_page(item, record, pages, docs_dir, expand))
        elif isinstance(record, Concept | Entity):
            source = f"{item.kind}/{record.id}.md"
            if source in pages:
                problems.append(item.source.problem(
                    ("id",),
                    f"the hand-written page docs/{source} stands where this record's generated page goes",
                    "move that page elsewhere, or choose another id",
                ))
    return problems


def _check_paper_page(
    item: Loaded, paper: Paper, pages: dict[str, Page], docs_dir: Path, expand: ExpandMarkers | None
) -> Iterator[Problem]:
    source = f"papers/{paper.id}.md"
    page = pages.get(source)
    if page is None:
        named = [other.source for other in pages.values() if other.meta.get("atlas_paper") == paper.id]
        yield item.source.problem(
            ("id",),
            f"the paper has no page: docs/{source} does not exist, so every link to the paper leads nowhere",
            f"move docs/{named[0]}, which names the paper, to docs/{source}" if named
            else f"write docs/{source}, with `atlas_paper: {paper.id}` in its front matter",
        )
        return
    other_paper = page.meta.get("atlas_paper")
    if other_paper is not None and other_paper != paper.id:
        yield item.source.problem(
            ("id",),
            f"the paper's page docs/{source} names another paper in its front matter ({other_paper!r})",
            f"set `atlas_paper: {paper.id}` in the front matter of docs/{source}",
        )
    if expand is None:
        return
    # the sections list itself writes the section ids: leave it out, keep every other heading and id
    without_sections = MARKER.sub(lambda found: "" if found["name"] == "sections" else found.group(), page.markdown)
    taken = page_ids(expand(without_sections, source))
    for index, section in enumerate(paper.sections):
        if section.id in taken:
            yield item.source.problem(
                ("sections", index, "id"),
                f"the section id {section.id!r} is also the id of a heading or element on docs/{source},"
                " and an id may stand once on a page",
                "choose another section id (before the paper is published), or give the heading another id",
            )


def page_ids(markdown: str) -> set[str]:
    """The ids a page's Markdown gives its headings and elements: explicit ``{#id}`` attributes,
    ``id="..."`` in raw HTML, and the ids Markdown's table of contents makes from the text of a
    heading without one. (Setext headings, underlined with ``===``, are not recognized.)"""
    ids: set[str] = set()
    in_fence = False
    for line in split_front_matter(markdown).body.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        explicit = {found["id"] for found in _ATTRIBUTE_ID.finditer(line)}
        ids |= explicit | {found["id"] for found in _HTML_ID.finditer(line)}
        heading = _HEADING.match(line)
        if heading and not explicit:
            text = _INLINE_MARKUP.sub(lambda found: found.group(1) or "", heading["text"])
            ids.add(slugify(text, "-"))
    return ids
