"""The atlas as a Python-Markdown extension: mentions of concepts and entities linked as a page renders.

Python-Markdown extensions run unchanged under MkDocs, its forks and Zensical, so this is where the
engine meets any builder. Everything else is done before the build, by staging: the extension only
links the first mention of each concept or entity per section of a staged page. It learns which page
it converts from the page itself: staging writes ``<!-- atlas:page concepts/lie.md -->`` as the first
line of each page to be linked, and the extension takes that line out.

A builder that loads extensions by name (Zensical) gives the path of the atlas's JSON export as the
``export`` option: the extension reads the names to link from it. The MkDocs hook passes the
matcher it already has.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from ..index import linker_names
from ..model import Concept, Entity
from .linker import NO_LINK_CLASS, LinkContext, TermMatcher, link_mentions
from .urls import UrlScheme

PAGE_MARKER = re.compile(r"^<!-- atlas:page (?P<source>[\w./-]+\.md)(?: [0-9a-f]+)? -->$")
"""The line staging writes at the top of a page whose mentions are to be linked: the page's source
path, and a digest of what it links (so that the line changes when a linked definition does)."""
NO_LINK_PATTERN = r"\{!(?P<text>[^!{}\n]+)!\}"
"""``{!LIE!}`` keeps one mention from being linked."""


def page_marker(source: str, digest: str = "") -> str:
    """The first line of a staged page whose mentions the extension links."""
    return f"<!-- atlas:page {source}{' ' + digest if digest else ''} -->"


@dataclass
class PageState:
    """What the extension knows of the page being converted."""

    source: str
    context: LinkContext
    """The links made: the material of backlinks, when staging converts a page to find them."""


class _PagePreprocessor(Preprocessor):
    """Reads which page this is from its first line, and takes the line out."""

    def __init__(self, md: Markdown, extension: AtlasExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        self.extension.page = None
        for position, line in enumerate(lines):
            if not line.strip():
                continue
            match = PAGE_MARKER.match(line.strip())
            if match:
                self.extension.start_page(match["source"])
                return lines[:position] + lines[position + 1:]
            break
        return lines


class _MentionTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: AtlasExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        page = self.extension.page
        if page is not None and self.extension.matcher is not None:
            link_mentions(root, self.extension.matcher, page.context)


class _NoLinkProcessor(InlineProcessor):
    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # noqa: N802
        element = etree.Element("span", {"class": NO_LINK_CLASS})
        element.text = m["text"]
        return element, m.start(0), m.end(0)


class AtlasExtension(Extension):
    """Links the first mention of each concept or entity per section of a staged page."""

    def __init__(self, matcher: TermMatcher | None = None, urls: UrlScheme | None = None, **kwargs: Any):
        self.config = {"export": ["", "Path of the atlas's JSON export (data/atlas.json of a staged folder)"]}
        super().__init__(**kwargs)
        self.urls = urls or UrlScheme()
        self.matcher = matcher
        export = self.getConfig("export")
        if self.matcher is None and export:
            self.matcher = matcher_from_export(Path(export))
        self.page: PageState | None = None

    def start_page(self, source: str) -> PageState:
        """Say which page is converted next; returns the state that collects its links."""
        urls = self.urls
        context = LinkContext(href_for=lambda target: urls.source_link(source, target.kind, target.id))
        self.page = PageState(source, context)
        return self.page

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.registerExtension(self)
        # before every other preprocessor, so the marker line never reaches the page
        md.preprocessors.register(_PagePreprocessor(md, self), "atlas_page", 40)
        md.inlinePatterns.register(_NoLinkProcessor(NO_LINK_PATTERN, md), "atlas_nolink", 185)
        # after inline patterns (20) and attr_list (8), so explicit heading ids are known; before toc (5)
        md.treeprocessors.register(_MentionTreeprocessor(md, self), "atlas_mentions", 7)

    def reset(self) -> None:
        self.page = None


_exported: dict[Path, tuple[tuple[int, int, int], TermMatcher]] = {}
"""The matcher read from each export, with the export's inode, modification time and size then."""


def matcher_from_export(path: Path) -> TermMatcher:
    """The linker's matcher built from the atlas's JSON export, once per version of the file.

    A builder that loads extensions by name (Zensical; MkDocs without the hook) makes the extension
    anew for every page; without this, each page would parse and validate the whole export again,
    which at 10× the atlas's size takes most of a build. Staging rewrites the export whenever its
    content changes, which changes its modification time, so the file is read again then. One
    matcher is kept per export, so a long-running builder does not accumulate them."""
    path = path.resolve()
    status = path.stat()
    stamp = (status.st_ino, status.st_mtime_ns, status.st_size)
    cached = _exported.get(path)
    if cached is None or cached[0] != stamp:
        cached = stamp, _read_matcher(path)
        _exported[path] = cached
    return cached[1]


def _read_matcher(path: Path) -> TermMatcher:
    document = json.loads(path.read_text(encoding="utf-8"))
    concepts = [Concept.model_validate(item) for item in document.get("concepts", [])]
    entities = [Entity.model_validate(item) for item in document.get("entities", [])]
    return TermMatcher(linker_names(concepts, entities))


def makeExtension(**kwargs: Any) -> AtlasExtension:  # noqa: N802 - Python-Markdown's name
    """The extension, as builders that load extensions by name call it."""
    return AtlasExtension(**kwargs)
