"""What staging can reuse from one run to the next in the same process (``mkdocs serve``): the HTML
of contributors' prose, page by page, and what a hand-written page links.

An entry is reused only while every concept or entity it links keeps its label and definition, and
the set of linkable names is the same (a new alias could link a new mention). Entries a run did not
use are dropped at its end, so the memory stays flat however many times the site is restaged.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from markupsafe import Markup

from ..index import LinkTarget
from ..link.linker import LinkContext
from ..link.safe_text import SafeMarkdown

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


class MemoMarkdown:
    """``SafeMarkdown`` for one page, through a memo: each text is converted once per page."""

    def __init__(self, memo: Memo[Markup], page: Hashable, context: LinkContext, convert: SafeMarkdown):
        self.memo = memo
        self.page = page
        self.context = context
        self.convert = convert

    def block(self, text: str) -> Markup:
        """Paragraphs and lists."""
        return self._get("block", text)

    def inline(self, text: str) -> Markup:
        """One paragraph without its <p> wrapper."""
        return self._get("inline", text)

    def _get(self, method: str, text: str) -> Markup:
        made = False

        def make() -> tuple[Markup, Found]:
            nonlocal made
            made = True
            before = len(self.context.found)
            html = getattr(self.convert, method)(text)
            return html, tuple(self.context.found[before:])

        html, found = self.memo.get((self.page, method, text), make)
        if not made:  # the links a conversion makes are the page's links, for backlinks
            self.context.found.extend(found)
        return html
