"""What staging can reuse: the HTML of contributors' prose, converted once for every page that shows
it, and, from one run to the next in the same process (``mkdocs serve``), that HTML and what a
hand-written page links.

An entry is reused only while every concept or entity it links keeps its label and definition, and
the set of linkable names is the same (a new alias could link a new mention). Entries a run did not
use are dropped at its end, so the memory stays flat however many times the site is restaged.
"""

from __future__ import annotations

import html as html_module
import re
import secrets
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from markupsafe import Markup, escape

from ..index import LinkTarget
from ..link.linker import LinkContext, TermMatcher, link_mentions
from ..link.safe_text import SafeMarkdown
from ..link.urls import UrlScheme

Value = TypeVar("Value")
Found = tuple[tuple[LinkTarget, str | None], ...]


class Memo(Generic[Value]):
    """A map from keys to (value, the links the value holds), reused while those links hold."""

    def __init__(self) -> None:
        self._entries: dict[Hashable, tuple[Value, Found]] = {}
        self._used: set[Hashable] = set()
        self.names: tuple[Any, ...] = ()
        self.targets: dict[tuple[str, str], LinkTarget] = {}

    def start(self, names: dict[str, LinkTarget]) -> None:
        """Begin a run with the linker's names as they are now; forget everything if they changed."""
        fingerprint = tuple(sorted((name, target.kind, target.id) for name, target in names.items()))
        if fingerprint != self.names:
            self._entries.clear()
            self.names = fingerprint
        self.targets = {(target.kind, target.id): target for target in names.values()}
        self._used = set()

    def finish(self) -> None:
        """End a run: drop what it did not use."""
        self._entries = {key: entry for key, entry in self._entries.items() if key in self._used}

    def get(self, key: Hashable, make: Callable[[], tuple[Value, Found]]) -> tuple[Value, Found]:
        """The value for ``key``, made anew if it was never made or a target it links has changed."""
        entry = self._entries.get(key)
        if entry is None or any(self.targets.get((t.kind, t.id)) != t for t, _ in entry[1]):
            entry = make()
            self._entries[key] = entry
        self._used.add(key)
        return entry

    def __len__(self) -> int:
        return len(self._entries)


class RootedProse:
    """Converts contributors' prose once for every page that shows it: mention links are written
    from the site's root behind a marker (``ROOT_LINK``), which ``MemoMarkdown`` rewrites relative to
    each page. The marker holds a token drawn per process, so no text can forge one; it reads as a
    relative link, which the sanitizer lets through."""

    def __init__(self, matcher: TermMatcher, urls: UrlScheme):
        self.urls = urls
        self.context = LinkContext(href_for=self._href)
        self.markdown = SafeMarkdown(link=lambda root: link_mentions(root, matcher, self.context))

    def _href(self, target: LinkTarget) -> str:
        return ROOT_LINK + self.urls.record_url(target.kind, target.id)

    def convert(self, method: str, text: str, self_target: tuple[str, str] | None) -> tuple[Markup, Found]:
        """``text`` as HTML (``method``: ``block`` or ``inline``) for a page that is ``self_target``'s
        own, and the links it holds."""
        self.context = LinkContext(href_for=self._href, self_target=self_target)
        html = getattr(self.markdown, method)(text)
        return html, tuple(self.context.found)


ROOT_LINK = f"atlas-root-{secrets.token_hex(8)}/"
_ROOTED_HREF = re.compile(f'href="{ROOT_LINK}([^"]*)"')


class MemoMarkdown:
    """``SafeMarkdown`` for one page, through a memo shared by all pages: each text is converted once
    (once per page of its own, which never links itself) and its links made relative to the page."""

    def __init__(self, memo: Memo[Markup], prose: RootedProse, source: str, context: LinkContext):
        self.memo = memo
        self.prose = prose
        self.source = source
        self.context = context

    def block(self, text: str) -> Markup:
        """Paragraphs and lists."""
        return self._get("block", text)

    def inline(self, text: str) -> Markup:
        """One paragraph without its <p> wrapper."""
        return self._get("inline", text)

    def _get(self, method: str, text: str) -> Markup:
        self_target = self.context.self_target
        html, found = self.memo.get((method, text, self_target, self.prose.urls),
                                    lambda: self.prose.convert(method, text, self_target))
        self.context.found.extend(found)  # the links a conversion makes are the page's links, for backlinks

        def relative(link: re.Match[str]) -> str:
            return f'href="{escape(self.prose.urls.relative(self.source, html_module.unescape(link[1])))}"'

        return Markup(_ROOTED_HREF.sub(relative, html))  # noqa: S704 - only links the engine made are rewritten
