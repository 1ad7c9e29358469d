"""Which mentions a hand-written page will link, and under which headings: for backlinks.

Staging converts each hand-written page once as the builder will, with the atlas's Markdown
extension, and keeps the answer while the page and the names it links stay the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import markdown

from ..link.markdown_extension import AtlasExtension, page_marker
from .backlinks import plain_heading
from .kit import PageKit
from .memo import Found, Memo


@dataclass(frozen=True)
class MarkdownSettings:
    """The Markdown extensions the builder converts pages with, as the builder's configuration names them."""

    extensions: tuple[str, ...] = ()
    configs: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_config(cls, entries: Iterable[Any]) -> MarkdownSettings:
        """From a ``markdown_extensions`` list as written in ``mkdocs.yml``: names, or one-key mappings."""
        names: list[str] = []
        configs: dict[str, dict[str, Any]] = {}
        for entry in entries:
            if isinstance(entry, str):
                names.append(entry)
            elif isinstance(entry, dict):
                for name, options in entry.items():
                    names.append(name)
                    configs[name] = dict(options or {})
        return cls(tuple(names), configs)


@dataclass(frozen=True)
class PageLinks:
    """What converting a hand-written page shows: its headings' labels by id and its first title."""

    headings: dict[str, str]
    title: str | None


class MentionFinder:
    """Converts a hand-written page as the builder will, with the atlas's extension, to learn which
    mentions it links and under which headings; remembers the answer while the page and the names
    it links stay the same."""

    def __init__(self, settings: MarkdownSettings):
        self.extension = AtlasExtension()
        self.md = markdown.Markdown(extensions=[*settings.extensions, self.extension],
                                    extension_configs=settings.configs)
        self.memo: Memo[PageLinks] = Memo()

    def start(self, kit: PageKit) -> None:
        """Begin a staging run with ``kit``'s names."""
        self.extension.matcher = kit.matcher
        self.extension.urls = kit.urls
        self.memo.start(kit.index.names)

    def find(self, source: str, body: str, autolink: bool) -> tuple[PageLinks, Found]:
        """The page's headings and title, and each link it will make with the heading above it."""
        return self.memo.get((source, body, autolink), lambda: self._convert(source, body, autolink))

    def _convert(self, source: str, body: str, autolink: bool) -> tuple[PageLinks, Found]:
        self.md.reset()
        self.md.convert((page_marker(source) + "\n" if autolink else "") + body)
        found = tuple(self.extension.page.context.found) if self.extension.page is not None else ()
        headings: dict[str, str] = {}
        title: str | None = None
        for token in _walk(getattr(self.md, "toc_tokens", [])):
            headings[token["id"]] = plain_heading(token["name"])
            if title is None and token["level"] == 1:
                title = plain_heading(token["name"])
        return PageLinks(headings, title), found


def _walk(tokens: list[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    for token in tokens:
        yield token
        yield from _walk(token.get("children", []))
