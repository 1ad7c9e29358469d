"""What every page module shares: the index, the URL scheme, the templates, and the link helpers.

Each kind of page (concept, entity, indexes, map, comparisons) and each fragment a marker places
is a small module of functions over one ``PageKit``. Everything a contributor wrote reaches the
output either as autoescaped plain text or through ``SafeMarkdown``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
from markupsafe import Markup

from ..index import AtlasIndex, LinkTarget, plain_text
from ..link.linker import LinkContext, TermMatcher, link_mentions
from ..link.safe_text import SafeMarkdown, markdown_text
from ..link.urls import UrlScheme
from ..model import Location
from . import concept_map
from .builders import BUILDERS, Builder
from .discussion import discussion_anchors
from .memo import Memo, MemoMarkdown, RootedProse

ROLE_WORDS = {
    "mechanism": ("drives the argument", "what, in the paper's argument, brings the outcome about"),
    "premise": ("a starting point", "what the argument takes as given"),
    "finding": ("a finding", "what the paper concludes from its evidence"),
    "method": ("a method", "how the paper gathers or reads its evidence"),
    "context": ("background", "a setting the paper describes, not part of its argument"),
    "foil": ("argued against", "a view the paper sets out to refute or correct"),
}
"""Each role a concept plays in a paper, in plain words: a short label, and what it means."""

ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
"""An alias that is an acronym, such as ``OEM`` or ``CAS``: it joins the name in a page's title."""
HAN_CHARACTERS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class GeneratedPage:
    """A page the atlas adds to the site."""

    source: str
    """Its source path, such as ``concepts/lie.md``."""
    markdown: str
    mentions: tuple[LinkTarget, ...] = ()
    """The concepts and entities this page links to, for their backlinks."""


@dataclass
class PageKit:
    """The index, URLs and templates of one build, and the helpers every page module uses."""

    index: AtlasIndex
    urls: UrlScheme = field(default_factory=UrlScheme)
    template_dirs: Iterable[Path] = ()
    builder: Builder = BUILDERS["mkdocs"]
    table_pages: dict[str, str] = field(default_factory=dict)
    """For each table, the source path of the hand-written page that places it."""
    prose: Memo[Markup] | None = None
    """Where contributors' prose, once rendered for a page, is kept for the next staging."""
    paper_pages: dict[str, str] = field(default_factory=dict)
    """For each paper, the Markdown of its hand-written page."""

    def __post_init__(self) -> None:
        self.matcher = TermMatcher(self.index.names)
        self.env = template_environment(tuple(self.template_dirs), self.builder)

    @functools.cached_property
    def concept_graph(self) -> concept_map.ConceptGraph:
        """The graph of papers, concepts and entities that the concept map draws."""
        return concept_map.build_graph(self.index)

    @functools.cached_property
    def discussed_at(self) -> dict[str, dict[str, str]]:
        """For each paper, and each of its sections that its page cites, the id of the heading under
        which the page discusses it (``discussion.discussion_anchors``)."""
        return {paper: discussion_anchors(markdown, self.index.papers[paper])
                for paper, markdown in self.paper_pages.items() if paper in self.index.papers}

    def render(self, template: str, **context: Any) -> str:
        """A template rendered with ``context``."""
        return self.env.get_template(template).render(**context)

    def link_context(self, source: str, self_target: tuple[str, str] | None = None) -> LinkContext:
        """The linker's view of the page built from ``source``."""
        return LinkContext(
            href_for=lambda target: self.href(source, target.kind, target.id), self_target=self_target
        )

    def safe_markdown(self, context: LinkContext, source: str) -> SafeMarkdown | MemoMarkdown:
        """A renderer for contributors' text that also links mentions for the page built from
        ``source``, whose links ``context`` collects."""
        if self.prose is None:
            return SafeMarkdown(link=lambda root: link_mentions(root, self.matcher, context))
        return MemoMarkdown(self.prose, self.rooted_prose, source, context)

    @functools.cached_property
    def rooted_prose(self) -> RootedProse:
        """The converter of prose shared by every page this kit stages."""
        return RootedProse(self.matcher, self.urls)

    def href(self, source: str, kind: str, record_id: str, anchor: str | None = None) -> str:
        """A link from the page built from ``source`` to a record's page."""
        return self.urls.relative(source, self.urls.record_url(kind, record_id, anchor))

    def page_href(self, source: str, target_source: str, anchor: str | None = None) -> str:
        """A link from the page built from ``source`` to the page built from ``target_source``."""
        return self.urls.relative(source, self.urls.url(target_source) + (f"#{anchor}" if anchor else ""))

    def breadcrumb(self, *trail: tuple[str, str]) -> list[list[str]]:
        """For a page outside the menu, the pages above it as (label, source) pairs, as front matter
        for ``overrides/main.html``: each label with its URL from the site's root."""
        return [[label, self.urls.url(source)] for label, source in trail]

    def target(self, kind: str, record_id: str) -> LinkTarget:
        """How a record appears in a list of links."""
        if kind == "concepts":
            concept = self.index.concepts[record_id]
            return LinkTarget(kind, record_id, concept.term, plain_text(concept.definition))
        if kind == "entities":
            entity = self.index.entities[record_id]
            return LinkTarget(kind, record_id, entity.name, plain_text(entity.description))
        if kind == "crossrefs":
            crossref = self.index.crossrefs[record_id]
            return LinkTarget(kind, record_id, crossref.title, plain_text(crossref.note))
        raise KeyError(kind)

    def link(self, source: str, kind: str, record_id: str, **extra: Any) -> dict[str, Any]:
        """A link from ``source`` to a record, with its label and tooltip, for templates."""
        target = self.target(kind, record_id)
        return {"href": self.href(source, kind, record_id), "label": target.label, "tooltip": target.tooltip,
                "kind": kind, **extra}

    def where(self, paper: str, location: Location) -> str:
        """A location as readers see it: ``§4.1.2``, ``Table 1, p. 530``."""
        record = self.index.section(paper, location.section)
        label = record.label if record else location.section
        text = f"§{label}" if label[:1].isdigit() else label
        if location.page:
            text += f", p. {location.page}"
        if location.note:
            text += f", note {location.note}"
        return text

    def located(self, source: str, paper: str, location: Location) -> dict[str, str]:
        """A location with the link to it on the paper's page."""
        return {"where": self.where(paper, location), "href": self.href(source, "papers", paper, location.section)}

    def paper_title(self, paper: str) -> str:
        """The short title of a paper."""
        return self.index.papers[paper].short_title if paper in self.index.papers else paper

    def paper_order(self) -> list[str]:
        """The papers in the one order the atlas uses everywhere: by id."""
        return sorted(self.index.papers)


def page_title(name: str, aliases: Iterable[str]) -> str:
    """A concept's or entity's page title: its name, and its acronym where it has one, as readers
    often know it by that (``Original equipment manufacturing (OEM)``)."""
    acronym = next((alias for alias in aliases if ACRONYM.match(alias)), None)
    return f"{name} ({acronym})" if acronym and acronym not in name else name


@functools.lru_cache(maxsize=8)
def template_environment(
    template_dirs: tuple[Path, ...] = (), builder: Builder = BUILDERS["mkdocs"]
) -> jinja2.Environment:
    """The Jinja environment of the templates: autoescaped, strict about undefined names; one per
    process and builder, so that each template is compiled once (Jinja recompiles a template whose
    file changed)."""
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader([str(path) for path in template_dirs])]
    loaders.append(jinja2.PackageLoader("upgrading_atlas", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        # Markdown writes heading ids as {#id}, which Jinja would read as a comment
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters["lang"] = language_attribute
    env.filters["markdown_text"] = markdown_text  # a name in a line of Markdown, such as a heading
    env.globals["ROLE_WORDS"] = ROLE_WORDS
    env.globals["builder"] = builder
    return env


def language_attribute(text: str) -> markupsafe.Markup:
    """`` lang="zh"`` for a name written in Chinese characters, so that browsers pick a Chinese font
    and screen readers a Chinese voice (WCAG 3.1.2); nothing for other names."""
    return markupsafe.Markup(' lang="zh"') if HAN_CHARACTERS.search(text) else markupsafe.Markup("")
