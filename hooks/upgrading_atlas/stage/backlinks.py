"""Backlinks: for each concept and entity, the pages that link to it, and under which headings."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .kit import PageKit

PLACEHOLDER = re.compile(r"<!-- atlas:backlinks (?P<target>[a-z]+/[a-z0-9-]+) -->")
"""Where a generated page wants its backlinks, filled in once every page's links are known."""


@dataclass(frozen=True)
class Mention:
    """A link to a concept or entity found on a page: the material of backlinks."""

    source: str
    """The source path of the page holding it."""
    title: str
    """The page's title, as plain text."""
    heading: str | None = None
    """The id of the heading above the mention, if it has one."""
    heading_label: str | None = None
    """That heading's text, as plain text."""


def fill_backlinks(kit: PageKit, markdown: str, source: str, mentions: dict[str, list[Mention]]) -> str:
    """``markdown`` with each backlinks placeholder replaced by the list of pages linking to its target."""
    if "atlas:backlinks" not in markdown:
        return markdown
    return PLACEHOLDER.sub(lambda match: backlinks(kit, match["target"], mentions.get(match["target"], []), source),
                           markdown)


def backlinks(kit: PageKit, target: str, mentions: Iterable[Mention], source: str) -> str:
    """The pages that link to ``target`` (``concepts/lie``), grouped by page, for ``source``."""
    pages: dict[str, dict[str, Any]] = {}
    for mention in mentions:
        if mention.source == source:
            continue
        page = pages.setdefault(mention.source, {
            "href": kit.page_href(source, mention.source),
            "title": mention.title,
            "sections": [],
            "seen": set(),
        })
        if mention.heading and mention.heading not in page["seen"]:
            page["seen"].add(mention.heading)
            page["sections"].append({
                "href": kit.page_href(source, mention.source, mention.heading),
                "label": mention.heading_label or mention.heading,
            })
    ordered = sorted(pages.values(), key=lambda page: page["title"].casefold())
    return kit.render("backlinks.html.j2", pages=ordered).strip()


def plain_heading(text: str) -> str:
    """A heading's text as a table of contents gives it (HTML-escaped, perhaps with tags) as plain
    text, so that the template escapes it once and readers never see ``&amp;``."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))
