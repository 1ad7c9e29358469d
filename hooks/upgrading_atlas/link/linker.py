"""Find mentions of concepts and entities in text and turn the first in each section into a link.

One compiled pattern (a trie of every name, so a position costs the length of the longest name, not
the number of names) finds candidates in a single pass; a dictionary lookup resolves each one.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..index.atlas_index import LinkTarget
from ..names import matched_as_written

SKIPPED_TAGS = frozenset({"a", "code", "pre", "kbd", "samp", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6",
                          "abbr", "dfn", "button", "textarea", "svg", "math"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
NO_LINK_CLASS = "atlas-nolink"
MENTION_CLASS = "atlas-mention"
PLACEHOLDER = re.compile("\x02[^\x02\x03]*(?:\x03|$)")
"""Python-Markdown's placeholders (``\\x02wzxhzdk:3\\x03`` for stashed HTML, ``\\x0242\\x03`` for an
escaped character), swapped back in after the tree is serialized: a link inside one would destroy
the content it stands for, so no mention is ever found there, whatever a name is spelt like."""


def _is_exact(name: str, kind: str) -> bool:
    """Entity names and acronyms (a capital after the first letter) match only as written."""
    return kind == "entities" or matched_as_written(name)


def trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, longest first, built as a trie."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
        return body

    return build(trie)


@dataclass(frozen=True)
class Match:
    """A mention found in text."""

    start: int
    end: int
    target: LinkTarget


class TermMatcher:
    """Finds the names of concepts and entities in text, in one pass."""

    def __init__(self, names: dict[str, LinkTarget]):
        self.exact: dict[str, LinkTarget] = {}
        self.folded: dict[str, LinkTarget] = {}
        for name, target in names.items():
            if _is_exact(name, target.kind):
                self.exact.setdefault(name, target)
            else:
                self.folded.setdefault(name.casefold(), target)
        words = {name.casefold() for name in names}
        self.pattern = (
            re.compile(r"(?<![\w-])(?:" + trie_pattern(words) + r")(?:e?s)?(?!\w)", re.IGNORECASE)
            if words
            else None
        )

    def resolve(self, text: str) -> LinkTarget | None:
        """The target a matched piece of text names, allowing a plural ending."""
        stems = [text]
        if text.endswith("es"):
            stems.append(text[:-2])
        if text.endswith("s"):
            stems.append(text[:-1])
        for stem in stems:
            target = self.exact.get(stem) or self.folded.get(stem.casefold())
            if target is not None:
                return target
        return None

    def find(self, text: str) -> Iterator[Match]:
        """Each mention in ``text``, left to right, not overlapping."""
        if self.pattern is None:
            return
        protected = [placeholder.span() for placeholder in PLACEHOLDER.finditer(text)] if "\x02" in text else []
        position = 0
        while True:
            found = self.pattern.search(text, position)
            if found is None:
                return
            overlapped = next((end for start, end in protected if start < found.end() and found.start() < end), None)
            if overlapped is not None:
                position = overlapped
                continue
            target = self.resolve(found.group())
            if target is None:
                position = found.start() + 1
                continue
            yield Match(found.start(), found.end(), target)
            position = found.end()


@dataclass
class LinkContext:
    """What the linker needs to know of the page it links."""

    href_for: Callable[[LinkTarget], str]
    """The link to a target's page, as the page should write it."""
    self_target: tuple[str, str] | None = None
    """The (kind, id) of the page itself, never linked to."""
    found: list[tuple[LinkTarget, str | None]] = field(default_factory=list)
    """Each link made, with the id of the heading above it: the material of backlinks."""


def link_mentions(root: etree.Element, matcher: TermMatcher, context: LinkContext) -> None:
    """Link the first mention of each target per section, in an element tree, in place."""
    state = _Walk(matcher, context)
    state.element(root)


class _Walk:
    def __init__(self, matcher: TermMatcher, context: LinkContext):
        self.matcher = matcher
        self.context = context
        self.linked: set[tuple[str, str]] = set()
        self.heading: str | None = None

    def element(self, element: etree.Element) -> None:
        if element.tag in HEADINGS:
            self.linked.clear()
            self.heading = element.get("id")
            return
        if element.tag in SKIPPED_TAGS or NO_LINK_CLASS in (element.get("class") or "").split():
            return
        children = list(element)
        inserted = 0  # links added to ``element`` so far shift the later children's positions
        if element.text:
            before = len(element)
            element.text = self.text(element.text, element, 0)
            inserted += len(element) - before
        for position, child in enumerate(children):
            self.element(child)
            if child.tail:
                before = len(element)
                child.tail = self.text(child.tail, element, position + inserted + 1)
                inserted += len(element) - before

    def text(self, text: str, parent: etree.Element, insert_at: int) -> str:
        """Link mentions in a run of text; return what stays as plain text before the first link."""
        pieces: list[tuple[str, LinkTarget | None]] = []
        cursor = 0
        for match in self.matcher.find(text):
            key = (match.target.kind, match.target.id)
            if key in self.linked or key == self.context.self_target:
                continue
            self.linked.add(key)
            pieces.append((text[cursor : match.start], None))
            pieces.append((text[match.start : match.end], match.target))
            cursor = match.end
        if not pieces:
            return text
        head = pieces[0][0]
        links: list[etree.Element] = []
        for words, target in pieces[1:]:
            if target is None:
                links[-1].tail = words
                continue
            link = etree.Element(
                "a",
                {"href": self.context.href_for(target), "title": target.tooltip, "class": MENTION_CLASS,
                 "data-atlas-kind": target.kind},
            )
            link.text = words
            links.append(link)
            self.context.found.append((target, self.heading))
        links[-1].tail = text[cursor:] or None
        for offset, link in enumerate(links):
            parent.insert(insert_at + offset, link)
        return head
