"""Render the atlas's generated pages and fragments as Markdown text, through Jinja templates.

Everything a contributor wrote reaches the output either as autoescaped plain text or through
``SafeMarkdown``; the structure around it comes from the templates in ``templates/``, which a site
can override by passing its own template folders.
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from ..index.atlas_index import AtlasIndex, LinkTarget, plain_text
from ..link.linker import LinkContext, TermMatcher, link_mentions
from ..link.safe_text import SafeMarkdown, markdown_text
from ..link.urls import UrlScheme
from ..markers import MARKER
from ..model import Citation, Concept, KnownField, Location, Paper, Sense, UnknownField
from . import concept_map
from .citations import bibtex, csl_json_text, page_bibtex, page_csl_json_text

RELATION_LABELS = {
    "broader": "Broader",
    "narrower": "Narrower",
    "contrasts-with": "Contrasts with",
    "see-also": "See also",
    "supports": "supports",
    "contrasts": "contrasts",
    "qualifies": "qualifies",
    "extends": "extends",
    "reads-differently": "reads the same case differently",
}
INVERSE_RELATIONS = {"broader": "Narrower", "narrower": "Broader", "contrasts-with": "Contrasts with",
                     "see-also": "See also"}
ENTITY_KIND_LABELS = {"firm": "Firms", "institution": "Institutions", "place": "Places",
                      "technology": "Technologies", "programme": "Programmes"}
CITATION_LABELS = {
    "type": "Type", "title": "Title", "authors": "Authors", "editors": "Editors",
    "container_title": "Journal or book", "publisher": "Publisher", "place": "Place", "year": "Year",
    "volume": "Volume", "issue": "Issue", "pages": "Pages", "chapter": "Chapter", "isbn": "ISBN",
    "doi": "DOI", "affiliation": "Affiliation", "dates": "Dates",
}
MAP_SOURCE = "map/index.md"
"""The source path of the concept map's page."""
READING_PATH_MIN_PAPERS = 3
"""A concept used by this many papers is a major one: its page offers a reading path."""
ROLE_READING_ORDER = ("mechanism", "premise", "finding", "method", "context", "foil")
"""A path made from the senses reads first where the concept does the work, last where it is the foil."""
WORK_TYPES = {"article-journal": "journal article", "chapter": "book chapter", "report": "report"}
RELATED_PAPERS_SHOWN = 12
"""At most this many related papers on a paper's page."""
ALWAYS_SHOWN_FIELDS = ("title", "authors", "container_title", "year", "volume", "issue", "pages", "doi")


class MarkerError(ValueError):
    """A page asks for generated content that does not exist."""


@dataclass(frozen=True)
class GeneratedPage:
    """A page the atlas adds to the site."""

    source: str
    """Its source path, such as ``concepts/lie.md``."""
    markdown: str


@dataclass(frozen=True)
class Mention:
    """A link to a concept or entity found on a page: the material of backlinks."""

    source: str
    """The source path of the page holding it."""
    title: str
    """The page's title."""
    heading: str | None
    """The id of the heading above the mention, if it has one."""
    heading_label: str | None = None


class Renderer:
    """Renders pages and fragments from one index."""

    def __init__(self, index: AtlasIndex, urls: UrlScheme | None = None, template_dirs: Iterable[Path] = ()):
        self.index = index
        self.urls = urls or UrlScheme()
        self.matcher = TermMatcher(index.names)
        loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader([str(path) for path in template_dirs])]
        loaders.append(jinja2.PackageLoader("upgrading_atlas", "templates"))
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            autoescape=True,
            keep_trailing_newline=True,
            undefined=jinja2.StrictUndefined,
            # Markdown writes heading ids as {#id}, which Jinja would read as a comment
            comment_start_string="{##",
            comment_end_string="##}",
        )
        self.env.filters["lang"] = language_attribute
        self.env.filters["markdown_text"] = markdown_text  # a name in a line of Markdown, such as a heading

    # --- links ----------------------------------------------------------------------------------

    def link_context(self, source: str, self_target: tuple[str, str] | None = None) -> LinkContext:
        """The linker's view of the page built from ``source``."""
        return LinkContext(
            href_for=lambda target: self.href(source, target.kind, target.id), self_target=self_target
        )

    def safe_markdown(self, context: LinkContext) -> SafeMarkdown:
        """A renderer for contributors' text that also links mentions for the page in ``context``."""
        return SafeMarkdown(link=lambda root: link_mentions(root, self.matcher, context))

    def href(self, source: str, kind: str, record_id: str, anchor: str | None = None) -> str:
        """A link from the page built from ``source`` to a record's page."""
        return self.urls.relative(source, self.urls.record_url(kind, record_id, anchor))

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
        """A location as readers see it: ``Chen (2009), §4.1.2``."""
        record = self.index.section(paper, location.section)
        label = record.label if record else location.section
        text = f"§{label}" if label[:1].isdigit() else label
        if location.page:
            text += f", p. {location.page}"
        if location.note:
            text += f", note {location.note}"
        return text

    def paper_title(self, paper: str) -> str:
        """The short title of a paper."""
        return self.index.papers[paper].short_title if paper in self.index.papers else paper

    # --- generated pages ------------------------------------------------------------------------

    def pages(self) -> list[GeneratedPage]:
        """Every page the atlas generates."""
        pages = [self.concept_page(concept_id) for concept_id in self.index.concepts]
        pages += [self.entity_page(entity_id) for entity_id in self.index.entities]
        pages += [self.concepts_index(), self.entities_index(), self.crossrefs_page(), self.map_page()]
        return pages

    def concept_page(self, concept_id: str) -> GeneratedPage:
        """The page of one concept: definition, senses side by side, relations, backlinks."""
        concept = self.index.concepts[concept_id]
        source = self.urls.source("concepts", concept_id)
        context = self.link_context(source, ("concepts", concept_id))
        anchors = sense_anchors(concept)
        senses = []
        for sense, anchor in zip(concept.senses, anchors, strict=True):
            quote_at = sense.quote.at if sense.quote and sense.quote.at else sense.at
            senses.append({
                "record": sense,
                "anchor": anchor,
                "paper_title": self.paper_title(sense.paper),
                "paper_href": self.href(source, "papers", sense.paper),
                "where": self.where(sense.paper, sense.at),
                "href": self.href(source, "papers", sense.paper, sense.at.section),
                "quote_where": self.where(sense.paper, quote_at),
                "quote_href": self.href(source, "papers", sense.paper, quote_at.section),
            })
        related: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for item in concept.related:
            if item.concept in self.index.concepts:
                related[RELATION_LABELS[item.relation]].append(self.link(source, "concepts", item.concept))
        for other, relation in self.index.related_from.get(concept_id, []):
            label = INVERSE_RELATIONS[relation]
            if other in self.index.concepts and all(link["label"] != self.index.concepts[other].term
                                                     for links in related.values() for link in links):
                related[label].append(self.link(source, "concepts", other))
        markdown = self.env.get_template("concept.md.j2").render(
            concept=concept,
            # themes write the description into a <meta> attribute without escaping it
            concept_plain_definition=html.escape(plain_text(concept.definition)),
            md=self.safe_markdown(context),
            senses=senses,
            related=[(label, related[label]) for label in
                     ("Broader", "Narrower", "Contrasts with", "See also") if related.get(label)],
            crossrefs=self._crossref_items(source, self.index.crossrefs_by_concept.get(concept_id, [])),
            neighbourhood=self.neighbourhood(concept_id, source),
            reading_path=self.reading_path(concept_id, source, anchors),
            page_citation=self.page_citation(concept.term, source),
        )
        return GeneratedPage(source, markdown)

    def reading_path(self, concept_id: str, source: str, anchors: list[str]) -> dict[str, Any] | None:
        """The ordered sections to read on a concept: the authored path, or one made from the senses
        of a concept that three or more papers use. None for the others. ``anchors`` are the ids of
        the sense cards on the concept's page (``sense_anchors``)."""
        concept = self.index.concepts[concept_id]
        first_sense: dict[str, Sense] = {}
        sense_anchor: dict[str, str] = {}
        for sense, anchor in zip(concept.senses, anchors, strict=True):
            if sense.paper not in first_sense:
                first_sense[sense.paper] = sense
                sense_anchor[sense.paper] = anchor
        authored = bool(concept.reading_path)
        if authored:
            stops = [(step.paper, step.at, step.note) for step in concept.reading_path]
        elif len(first_sense) >= READING_PATH_MIN_PAPERS:
            ordered = sorted(first_sense.values(), key=lambda sense: ROLE_READING_ORDER.index(sense.role))
            stops = [(sense.paper, sense.at, None) for sense in ordered]
        else:
            return None
        steps = []
        for paper, location, note in stops:
            step_sense = first_sense.get(paper)
            section = self.index.section(paper, location.section)
            steps.append({
                "paper_title": self.paper_title(paper),
                "where": self.where(paper, location),
                "section_title": section.title if section else None,
                "href": self.href(source, "papers", paper, location.section),
                "sense_href": f"#{sense_anchor[paper]}" if step_sense else None,
                "term_used": step_sense.term_used if step_sense else None,
                "role": step_sense.role if step_sense else None,
                "note": note,
            })
        return {"authored": authored, "steps": steps}

    def page_citation(self, title: str, source: str) -> dict[str, Any]:
        """"Cite this page": the page's own citation, as text, BibTeX and CSL-JSON."""
        url = self.urls.absolute(self.urls.url(source))
        cite_id = "upgrading-atlas-" + self.urls.url(source).strip("/").replace("/", "-")
        # without a configured site address, a script writes the page's own address into this span
        url_html = markupsafe.Markup('<span class="atlas-page-url">{}</span>').format(url)
        return {"url": url, "url_html": url_html, "bibtex": page_bibtex(cite_id, title, url),
                "csl": page_csl_json_text(cite_id, title, url)}

    def entity_page(self, entity_id: str) -> GeneratedPage:
        """The page of one firm, institution, place or technology."""
        entity = self.index.entities[entity_id]
        source = self.urls.source("entities", entity_id)
        context = self.link_context(source, ("entities", entity_id))
        mentions = [{
            "record": mention,
            "paper_title": self.paper_title(mention.paper),
            "paper_href": self.href(source, "papers", mention.paper),
            "where": self.where(mention.paper, mention.at),
            "href": self.href(source, "papers", mention.paper, mention.at.section),
        } for mention in entity.mentions]
        markdown = self.env.get_template("entity.md.j2").render(
            entity=entity,
            plain_description=html.escape(plain_text(entity.description)),
            md=self.safe_markdown(context),
            mentions=mentions,
            crossrefs=self._crossref_items(source, self.index.crossrefs_by_entity.get(entity_id, [])),
        )
        return GeneratedPage(source, markdown)

    def concepts_index(self) -> GeneratedPage:
        """Concepts A to Z, with short definitions."""
        source = "concepts/index.md"
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for concept in sorted(self.index.concepts.values(), key=lambda item: item.term.casefold()):
            letter = concept.term[:1].upper() if concept.term[:1].isalpha() else "#"
            groups[letter].append({
                "href": self.href(source, "concepts", concept.id),
                "label": concept.term,
                "aliases": concept.aliases[:4],
                "summary": plain_text(concept.definition),
                "papers": [self.paper_title(paper) for paper in dict.fromkeys(s.paper for s in concept.senses)],
            })
        markdown = self.env.get_template("concepts-index.md.j2").render(
            groups=sorted(groups.items()), count=len(self.index.concepts)
        )
        return GeneratedPage(source, markdown)

    def entities_index(self) -> GeneratedPage:
        """Entities grouped by kind."""
        source = "entities/index.md"
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for entity in sorted(self.index.entities.values(), key=lambda item: item.name.casefold()):
            groups[entity.kind].append({
                "href": self.href(source, "entities", entity.id),
                "label": entity.name,
                "summary": plain_text(entity.description),
                "papers": [self.paper_title(paper) for paper in dict.fromkeys(m.paper for m in entity.mentions)],
            })
        ordered = [(ENTITY_KIND_LABELS[kind], groups[kind]) for kind in ENTITY_KIND_LABELS if kind in groups]
        return GeneratedPage(source, self.env.get_template("entities-index.md.j2").render(groups=ordered))

    def crossrefs_page(self) -> GeneratedPage:
        """Every cross-reference, each at a permanent anchor."""
        source = "crossrefs/index.md"
        context = self.link_context(source)
        items = []
        for crossref in self.index.crossrefs.values():
            ends = []
            for claim in (crossref.a, crossref.b):
                location = Location(paper=claim.paper, section=claim.section, page=claim.page)
                ends.append({
                    "record": claim,
                    "paper_title": self.paper_title(claim.paper),
                    "paper_href": self.href(source, "papers", claim.paper),
                    "where": self.where(claim.paper, location),
                    "href": self.href(source, "papers", claim.paper, claim.section),
                })
            topics = [self.link(source, "concepts", c) for c in crossref.concepts if c in self.index.concepts]
            topics += [self.link(source, "entities", e) for e in crossref.entities if e in self.index.entities]
            items.append({"record": crossref, "relation": RELATION_LABELS[crossref.relation], "ends": ends,
                          "topics": topics})
        markdown = self.env.get_template("crossrefs.md.j2").render(crossrefs=items, md=self.safe_markdown(context))
        return GeneratedPage(source, markdown)

    # --- the concept map ------------------------------------------------------------------------

    @functools.cached_property
    def concept_graph(self) -> concept_map.ConceptGraph:
        """The graph of papers, concepts and entities that the concept map draws."""
        return concept_map.build_graph(self.index)

    def map_page(self) -> GeneratedPage:
        """The concept map: the graph drawn as SVG, filters, a legend, and the same links as text."""
        drawing = concept_map.draw_map(self.concept_graph, lambda kind, rid: self.href(MAP_SOURCE, kind, rid))
        markdown = self.env.get_template("map.md.j2").render(graph=self.concept_graph, drawing=drawing,
                                                              names=concept_map.CATEGORY_NAMES,
                                                              legend_points=concept_map.LEGEND_POINTS)
        return GeneratedPage(MAP_SOURCE, markdown)

    def neighbourhood(self, concept_id: str, source: str) -> dict[str, Any]:
        """A concept's neighbourhood drawn for its page, and a link to it on the concept map."""
        hood = concept_map.neighbourhood(self.index, concept_id)
        key = concept_map.node_key("concepts", concept_id)
        anchor = f"#map-{key}" if key in self.concept_graph.nodes else ""
        map_href = self.urls.relative(source, self.urls.url(MAP_SOURCE) + anchor)
        drawing = concept_map.draw_neighbourhood(hood, lambda kind, rid: self.href(source, kind, rid), map_href)
        return {"hood": hood, "drawing": drawing, "map_href": map_href}

    def _crossref_items(self, source: str, ids: Iterable[str]) -> list[dict[str, Any]]:
        items = []
        for crossref_id in ids:
            crossref = self.index.crossrefs.get(crossref_id)
            if crossref is None:
                continue
            items.append({
                "record": crossref,
                "href": self.href(source, "crossrefs", crossref_id),
                "relation": RELATION_LABELS[crossref.relation],
                "a_title": self.paper_title(crossref.a.paper),
                "b_title": self.paper_title(crossref.b.paper),
            })
        return items

    # --- fragments placed by markers ------------------------------------------------------------

    def expand_markers(self, markdown: str, source: str, context: LinkContext | None = None) -> str:
        """Replace every marker line in a page's Markdown with the content it asks for."""
        lines = self.expand_marker_lines(markdown.splitlines(), source, context or self.link_context(source))
        return "\n".join(lines) + "\n"

    def expand_marker_lines(
        self, lines: list[str], source: str, context: LinkContext,
        on_error: Callable[[int, str, MarkerError], str] | None = None,
    ) -> list[str]:
        """Each marker line replaced by its content, set apart by blank lines. A marker that names
        nothing known raises ``MarkerError``; with ``on_error(line number, line, error)``, what that
        returns stands in its place instead."""
        output: list[str] = []
        for number, line in enumerate(lines, start=1):
            match = MARKER.match(line)
            if not match:
                output.append(line)
                continue
            try:
                content = self.marker(match["name"], match["argument"], source, context)
            except MarkerError as error:
                if on_error is None:
                    raise
                content = on_error(number, line, error)
            output.extend(["", *content.splitlines(), ""])
        return output

    def marker(self, name: str, argument: str | None, source: str, context: LinkContext) -> str:
        """The content one marker asks for; ``MarkerError`` if it names nothing known."""
        if name == "backlinks":
            return f"<!-- atlas:backlinks {argument} -->"  # filled in once every page is linked
        if name == "table":
            if argument not in self.index.tables:
                raise MarkerError(f"there is no table {argument!r}; tables: {', '.join(self.index.tables)}")
            return self.table(argument, source, context)
        if name in {"citation", "sections", "crossrefs", "paper-context"}:
            if argument not in self.index.papers:
                raise MarkerError(f"there is no paper {argument!r}; papers: {', '.join(self.index.papers)}")
            return getattr(self, name.replace("-", "_"))(argument, source, context)
        raise MarkerError(
            f"unknown marker atlas:{name}; markers: table, citation, sections, crossrefs, paper-context"
        )

    def table(self, table_id: str, source: str, context: LinkContext) -> str:
        """A comparison table as HTML, each cell citing its source."""
        table = self.index.tables[table_id]
        rows: list[dict[str, Any]] = []
        for row in table.rows:
            cells: list[dict[str, Any] | None] = []
            for column in table.columns:
                cell = row.cells.get(column.id)
                if cell is None:
                    cells.append(None)
                    continue
                at = []
                for location in cell.at:
                    paper = location.paper or row.paper or ""
                    where = self.where(paper, location)
                    # in a paper's own row the paper goes without saying
                    text = where if paper == row.paper else f"{self.paper_title(paper)}, {where}"
                    at.append({"text": text, "href": self.href(source, "papers", paper, location.section)})
                cells.append({"text": cell.text, "at": at})
            href = self.href(source, "papers", row.paper) if row.paper else None
            rows.append({"label": row.label, "href": href, "cells": cells})
        headers: list[dict[str, Any]] = [{"label": column.label, "href": None} for column in table.columns]
        if table.transpose:
            headers, rows = (
                [{"label": row["label"], "href": row["href"]} for row in rows],
                [{"label": column.label, "href": None, "cells": [row["cells"][i] for row in rows]}
                 for i, column in enumerate(table.columns)],
            )
        return self.env.get_template("table.html.j2").render(
            table=table, headers=headers, rows=rows, md=self.safe_markdown(context)
        ).strip()

    def citation(self, paper_id: str, source: str, context: LinkContext) -> str:
        """A paper's citation, with each field's provenance and the unknown fields named."""
        paper = self.index.papers[paper_id]
        files = self.citation_files(paper_id)
        return self.env.get_template("citation.html.j2").render(
            formatted=format_citation(paper),
            fields=citation_rows(paper.citation),
            bibtex=bibtex(paper),
            csl=csl_json_text(paper),
            bibtex_href=self.urls.relative(source, files[0][0]),
            csl_href=self.urls.relative(source, files[1][0]),
            paper_id=paper_id,
        ).strip()

    def citation_files(self, paper_id: str) -> list[tuple[str, str]]:
        """The downloadable citation files of a paper: (path from the site root, content)."""
        paper = self.index.papers[paper_id]
        return [(f"papers/{paper_id}.bib", bibtex(paper)), (f"papers/{paper_id}.csl.json", csl_json_text(paper))]

    def sections(self, paper_id: str, source: str, context: LinkContext) -> str:
        """The paper's sections at permanent anchors, with what the atlas locates in each."""
        paper = self.index.papers[paper_id]
        items = []
        for section in paper.sections:
            links = [self.link(source, kind, record_id)
                     for kind, record_id in self.index.located.get((paper_id, section.id), [])]
            items.append({"record": section, "links": links})
        return self.env.get_template("sections.html.j2").render(
            sections=items, md=self.safe_markdown(context)
        ).strip()

    def crossrefs(self, paper_id: str, source: str, context: LinkContext) -> str:
        """The cross-references that have one end in this paper."""
        items = self._crossref_items(source, self.index.crossrefs_by_paper.get(paper_id, []))
        if not items:
            return ""
        return self.env.get_template("crossref-list.html.j2").render(crossrefs=items).strip()

    def paper_context(self, paper_id: str, source: str, context: LinkContext) -> str:
        """"Concepts in this paper" and "Related papers" for a paper's page."""
        concepts = []
        for concept_id in sorted(self.index.concepts_by_paper.get(paper_id, []),
                                 key=lambda cid: self.index.concepts[cid].term.casefold()):
            roles = [s.role for s in self.index.concepts[concept_id].senses if s.paper == paper_id]
            concepts.append(self.link(source, "concepts", concept_id, role=roles[0] if roles else ""))
        entities = [self.link(source, "entities", entity_id) for entity_id in
                    sorted(self.index.entities_by_paper.get(paper_id, []),
                           key=lambda eid: self.index.entities[eid].name.casefold())]
        related: list[dict[str, Any]] = []
        for other, shared, crossref_count in self._related_papers(paper_id):
            related.append({
                "href": self.href(source, "papers", other),
                "title": self.paper_title(other),
                "shared_count": len(shared),
                "shared": [self.link(source, "concepts", cid) for cid in shared],
                "crossrefs": crossref_count,
            })
        related.sort(key=lambda item: (-item["shared_count"] - 2 * item["crossrefs"], item["title"]))
        return self.env.get_template("paper-context.md.j2").render(
            concepts=concepts, entities=entities, related=related
        ).strip()

    # --- redirects ------------------------------------------------------------------------------

    def redirects(self) -> list[tuple[str, str]]:
        """For each former id of a concept, the output path of a redirect page and its HTML."""
        pages = []
        for concept in self.index.concepts.values():
            for former in concept.former_ids:
                old_source = self.urls.source("concepts", former)
                old_url = self.urls.url(old_source)
                output = old_url + "index.html" if old_url.endswith("/") else old_url
                href = self.urls.relative(old_source, self.urls.record_url("concepts", concept.id))
                html = self.env.get_template("redirect.html.j2").render(title=concept.term, href=href)
                pages.append((output, html))
        return pages

    def _related_papers(self, paper_id: str) -> list[tuple[str, list[str], int]]:
        """Papers sharing concepts or cross-references with ``paper_id``: (id, shared concepts,
        cross-references), found through the concept and cross-reference indexes rather than by
        comparing every pair of papers, and capped, so a paper page stays small as the atlas grows."""
        shared: dict[str, list[str]] = defaultdict(list)
        for concept_id in self.index.concepts_by_paper.get(paper_id, []):
            for other in dict.fromkeys(s.paper for s in self.index.concepts[concept_id].senses):
                if other != paper_id:
                    shared[other].append(concept_id)
        crossrefs: dict[str, int] = defaultdict(int)
        for crossref_id in self.index.crossrefs_by_paper.get(paper_id, []):
            crossref = self.index.crossrefs[crossref_id]
            for other in {crossref.a.paper, crossref.b.paper} - {paper_id}:
                crossrefs[other] += 1
        others = [other for other in set(shared) | set(crossrefs) if other in self.index.papers]
        ranked = sorted(others, key=lambda other: (-len(shared[other]) - 2 * crossrefs[other], other))
        return [(other, sorted(shared[other], key=lambda cid: self.index.concepts[cid].term.casefold()),
                 crossrefs[other]) for other in ranked[:RELATED_PAPERS_SHOWN]]

    # --- backlinks ------------------------------------------------------------------------------

    def backlinks(self, target: str, mentions: Iterable[Mention], source: str) -> str:
        """The pages that link to ``target`` (``concepts/lie``), grouped by page, for ``source``."""
        pages: dict[str, dict[str, Any]] = {}
        for mention in mentions:
            if mention.source == source:
                continue
            page = pages.setdefault(mention.source, {
                "href": self.urls.relative(source, self.urls.url(mention.source)),
                "title": mention.title,
                "sections": [],
                "seen": set(),
            })
            if mention.heading and mention.heading not in page["seen"]:
                page["seen"].add(mention.heading)
                page["sections"].append({
                    "href": self.urls.relative(source, self.urls.url(mention.source) + "#" + mention.heading),
                    "label": mention.heading_label or mention.heading,
                })
        ordered = sorted(pages.values(), key=lambda page: page["title"].casefold())
        return self.env.get_template("backlinks.html.j2").render(pages=ordered).strip()


def _field_text(field: KnownField) -> str:
    value = field.value
    return ", ".join(value) if isinstance(value, list) else str(value)


HAN_CHARACTERS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def sense_anchors(concept: Concept) -> list[str]:
    """The id of each sense card on a concept's page: ``sense-<paper>``, numbered where a paper has
    more than one sense."""
    counts = Counter(sense.paper for sense in concept.senses)
    return [f"sense-{sense.paper}" + (f"-{number}" if counts[sense.paper] > 1 else "")
            for number, sense in enumerate(concept.senses, start=1)]


def language_attribute(text: str) -> markupsafe.Markup:
    """`` lang="zh"`` for a name written in Chinese characters, so that browsers pick a Chinese font
    and screen readers a Chinese voice (WCAG 3.1.2); nothing for other names."""
    return markupsafe.Markup(' lang="zh"') if HAN_CHARACTERS.search(text) else markupsafe.Markup("")


def citation_rows(citation: Citation) -> list[dict[str, Any]]:
    """Each citation field with its value or ``unknown``, and where the value comes from."""
    rows: list[dict[str, Any]] = []
    if citation.type == "unknown":
        rows.append({"label": "Type of work", "unknown": True, "supplied": None, "provenance": "confirmed nowhere"})
    else:
        rows.append({"label": "Type of work", "unknown": False, "value": WORK_TYPES[citation.type],
                     "provenance": "what the citation fields below describe"})
    for name, label in CITATION_LABELS.items():
        if name == "type":
            continue
        field = getattr(citation, name)
        if field is None and name not in ALWAYS_SHOWN_FIELDS:
            continue
        if field is None or isinstance(field, UnknownField):
            rows.append({"label": label, "unknown": True,
                         "supplied": field.supplied if field else None, "provenance": "confirmed nowhere"})
        else:
            provenance = "printed in the paper" if field.source == "text" else "public record"
            if field.note:
                provenance += f": {field.note}"
            rows.append({"label": label, "unknown": False, "value": _field_text(field), "provenance": provenance})
    return rows


def _known(field: KnownField | UnknownField | None) -> str | None:
    return _field_text(field) if isinstance(field, KnownField) else None


def format_citation(paper: Paper) -> str:
    """A reference in author–date style, from confirmed fields only; unknown ones said as such."""
    citation = paper.citation
    authors = _known(citation.authors) or "Author unknown"
    year = _known(citation.year) or "year unknown"
    if isinstance(citation.title, KnownField):
        title = f"“{_known(citation.title)}”"
    else:
        title = citation.title.supplied or "[title unknown]"
    parts = [f"{authors} ({year}). {title}."]
    container = _known(citation.container_title)
    if citation.type == "chapter":
        book = f"In {container}" if container else "In a book whose title is not known"
        editors = _known(citation.editors)
        if editors:
            book += f", edited by {editors}"
        chapter = _known(citation.chapter)
        if chapter:
            book += f", chapter {chapter}"
        parts.append(book + ".")
    elif container:
        volume = _known(citation.volume)
        issue = _known(citation.issue)
        parts.append(container + (f" {volume}" if volume else "") + (f"({issue})" if issue else "") + ".")
    else:
        parts.append("Venue unknown.")
    place, publisher = _known(citation.place), _known(citation.publisher)
    if publisher:
        parts.append(f"{place}: {publisher}." if place else f"{publisher}.")
    pages = _known(citation.pages)
    if pages:
        parts.append(f"Pages {pages}.")
    doi = _known(citation.doi)
    if doi:
        parts.append(f"doi:{doi}")
    return " ".join(parts)
