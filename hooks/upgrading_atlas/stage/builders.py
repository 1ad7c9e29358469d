"""What differs between the builders the staged folder is written for."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Builder:
    """One site builder, and how a staged page must be written for it."""

    name: str
    search_tags: bool
    """Whether ``tags:`` in front matter steer search ranking. Material's search weighs tags far
    above titles; Zensical shows them as a visible list on the page."""
    links_from_source: bool
    """Whether links in raw HTML are read relative to the page's source file (Zensical rewrites
    them so) rather than to the page's URL (MkDocs leaves raw HTML alone)."""


BUILDERS = {
    "mkdocs": Builder("mkdocs", search_tags=True, links_from_source=False),
    "zensical": Builder("zensical", search_tags=False, links_from_source=True),
}
"""The builders the atlas is staged for, by name."""
