"""Redirect pages: each former id of a concept keeps its old URL, pointing to the new one."""

from __future__ import annotations

import dataclasses

from .kit import PageKit


def redirect_pages(kit: PageKit) -> list[tuple[str, str]]:
    """For each former id of a concept, the path of a redirect page (from the site root) and its HTML."""
    # a redirect page is copied as it is, never rewritten: its link is relative to its own URL
    urls = dataclasses.replace(kit.urls, links_from_source=False)
    pages = []
    for concept in kit.index.concepts.values():
        for former in concept.former_ids:
            old_source = urls.source("concepts", former)
            old_url = urls.url(old_source)
            path = old_url + "index.html" if old_url.endswith("/") else old_url
            href = urls.relative(old_source, urls.record_url("concepts", concept.id))
            pages.append((path, kit.render("redirect.html.j2", title=concept.term, href=href)))
    return pages
