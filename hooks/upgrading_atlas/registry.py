"""Published URLs: what a built site offers, and the checked-in registry that must never shrink.

Syllabi link to pages, to sections of paper pages and to concepts' reading paths for years. The
registry lists every such URL; a URL may leave the site only by becoming a redirect.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

REGISTRY_HEADER = (
    "# Every published URL of the atlas, relative to the site root. A URL listed here must stay\n"
    "# reachable (as a page, an anchor, or a redirect). Add new ones with `make urls`.\n"
)
ANCHORED_PAGES = re.compile(r"^(papers/[a-z0-9-]+/|crossrefs/|reading-paths/)$")
"""Pages whose anchors are published too: paper pages (their sections), the cross-references and
the reading paths (one per concept)."""
CONCEPT_PAGE = re.compile(r"^concepts/[a-z0-9-]+/$")
PUBLISHED_CONCEPT_ANCHORS = {"reading-path", "neighbourhood"}
"""Anchors of concept pages that syllabi link to: the reading path, and the concept drawn with its
neighbours (the concept map's view of one concept)."""
MAP_PAGE = "map/"
"""The concept map, whose views are published: ``#overview`` and each paper's ``#focus-<paper>``."""
_SKIPPED_PAGES = {"404.html"}


class _Anchors(HTMLParser):
    """Ids of headings and section entries, and whether the page is a redirect."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.sections: list[str] = []
        self.redirect = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in {"h2", "h3", "h4", "dt"} and values.get("id"):
            self.ids.append(values["id"] or "")
        if tag == "section" and values.get("id"):
            self.sections.append(values["id"] or "")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.redirect = True


def _page_url(path: Path, site: Path) -> str:
    relative = path.relative_to(site).as_posix()
    return relative.removesuffix("index.html") or "/"  # the home page


def site_urls(site: Path) -> tuple[set[str], set[str]]:
    """The URLs a built site serves (pages and published anchors), and the redirects among them."""
    urls: set[str] = set()
    redirects: set[str] = set()
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative in _SKIPPED_PAGES or relative.startswith(("assets/", "search/")):
            continue
        url = _page_url(path, site)
        parser = _Anchors()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        urls.add(url)
        if parser.redirect:
            redirects.add(url)
        elif ANCHORED_PAGES.match(url):
            urls.update(f"{url}#{anchor}" for anchor in parser.ids)
        elif CONCEPT_PAGE.match(url):
            urls.update(f"{url}#{anchor}" for anchor in parser.ids if anchor in PUBLISHED_CONCEPT_ANCHORS)
        elif url == MAP_PAGE:
            urls.update(f"{url}#{anchor}" for anchor in parser.sections)
    return urls, redirects


def read_registry(path: Path) -> list[str]:
    """The URLs listed in the registry file."""
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def write_registry(path: Path, urls: set[str]) -> None:
    """Write the registry, sorted, keeping every URL it already had."""
    merged = sorted(set(read_registry(path)) | urls)
    path.write_text(REGISTRY_HEADER + "\n".join(merged) + "\n", encoding="utf-8")
