"""The atlas as a Python-Markdown extension: markers expanded, mentions linked.

Python-Markdown extensions run unchanged under MkDocs, its forks and Zensical, so this is where the
engine meets any builder. The builder tells the extension which page it converts (``start_page``)
and reads back the links made and the problems met.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from ..characters import shown
from ..stage.render import MarkerError, Renderer
from .linker import NO_LINK_CLASS, LinkContext, link_mentions

NO_LINK_PATTERN = r"\{!(?P<text>[^!{}\n]+)!\}"
"""``{!LIE!}`` keeps one mention from being linked."""


@dataclass
class PageState:
    """What the extension knows of the page being converted."""

    source: str
    context: LinkContext
    """Links made in the Markdown tree: source paths, which the builder resolves and checks."""
    html_context: LinkContext
    """Links made in generated raw HTML: URLs relative to the page. Shares ``found`` with ``context``."""
    autolink: bool = True
    problems: list[str] = field(default_factory=list)


class _MarkerPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, extension: AtlasExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        page = self.extension.page
        if page is None:
            return lines

        def report(number: int, line: str, error: MarkerError) -> str:
            page.problems.append(shown(f"{page.source}: line {number} of the page body: {line.strip()}: {error}"))
            return '<p class="atlas-error">This generated block could not be built.</p>'

        return self.extension.renderer.expand_marker_lines(lines, page.source, page.html_context, report)


class _MentionTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: AtlasExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        page = self.extension.page
        if page is not None and page.autolink:
            link_mentions(root, self.extension.renderer.matcher, page.context)


class _NoLinkProcessor(InlineProcessor):
    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # noqa: N802
        element = etree.Element("span", {"class": NO_LINK_CLASS})
        element.text = m["text"]
        return element, m.start(0), m.end(0)


class AtlasExtension(Extension):
    """Expands ``<!-- atlas:... -->`` markers and links the first mention per section."""

    def __init__(self, renderer: Renderer, **kwargs: object):
        super().__init__(**kwargs)
        self.renderer = renderer
        self.page: PageState | None = None

    def start_page(self, source: str, autolink: bool = True) -> PageState:
        """Say which page is converted next; returns the state that collects its links and problems."""
        self_target = None
        folder, _, name = source.partition("/")
        if folder in {"concepts", "entities"} and name.endswith(".md") and "/" not in name:
            self_target = (folder, name[:-3])
        urls = self.renderer.urls
        context = LinkContext(
            href_for=lambda target: urls.source_link(source, target.kind, target.id), self_target=self_target
        )
        html_context = self.renderer.link_context(source, self_target)
        html_context.found = context.found
        self.page = PageState(source, context, html_context, autolink)
        return self.page

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.preprocessors.register(_MarkerPreprocessor(md, self), "atlas_markers", 25)
        md.inlinePatterns.register(_NoLinkProcessor(NO_LINK_PATTERN, md), "atlas_nolink", 185)
        # after inline patterns (20) and attr_list (8), so explicit heading ids are known; before toc (5)
        md.treeprocessors.register(_MentionTreeprocessor(md, self), "atlas_mentions", 7)
