"""A concept's page: the comparison first (one row per paper), then how the senses differ, then the
full senses, the reading path, related concepts, cross-references, the neighbourhood and backlinks."""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from typing import Any

import markupsafe

from ...index import plain_text
from ...model import Concept, Sense
from ..citations import page_bibtex, page_csl_json_text
from ..kit import ROLE_WORDS, GeneratedPage, PageKit, page_title
from .crossrefs import crossref_items
from .map import neighbourhood

RELATION_LABELS = {"broader": "Broader", "narrower": "Narrower", "contrasts-with": "Contrasts with",
                   "see-also": "See also"}
INVERSE_RELATIONS = {"broader": "Narrower", "narrower": "Broader", "contrasts-with": "Contrasts with",
                     "see-also": "See also"}
READING_PATH_MIN_PAPERS = 3
"""A concept used by this many papers is a major one: its page offers a reading path."""
ROLE_READING_ORDER = ("mechanism", "premise", "finding", "method", "context", "foil")
"""A path made from the senses reads first where the concept does the work, last where it is the foil."""


def concept_page(kit: PageKit, concept_id: str) -> GeneratedPage:
    """The page of one concept."""
    concept = kit.index.concepts[concept_id]
    source = kit.urls.source("concepts", concept_id)
    context = kit.link_context(source, ("concepts", concept_id))
    anchors = sense_anchors(concept)
    senses: list[dict[str, Any]] = []
    for sense, anchor in zip(concept.senses, anchors, strict=True):
        quote_at = sense.quote.at if sense.quote and sense.quote.at else sense.at
        senses.append({
            "record": sense,
            "anchor": anchor,
            "paper_title": kit.paper_title(sense.paper),
            "paper_href": kit.href(source, "papers", sense.paper),
            "role_label": ROLE_WORDS[sense.role][0],
            **kit.located(source, sense.paper, sense.at),
            "quote": kit.located(source, sense.paper, quote_at) if sense.quote else None,
        })
    # one order of papers on every page, so a reader finds each paper in the same place
    order = {paper: position for position, paper in enumerate(kit.paper_order())}
    senses.sort(key=lambda item: order.get(item["record"].paper, len(order)))
    papers = list(dict.fromkeys(sense.paper for sense in concept.senses))
    markdown = kit.render(
        "concept.md.j2",
        concept=concept,
        title=page_title(concept.term, concept.aliases),
        # themes write the description into a <meta> attribute without escaping it
        plain_definition=html.escape(plain_text(concept.definition)),
        md=kit.safe_markdown(context, source),
        senses=senses,
        paper_count=len(papers),
        roles=[(ROLE_WORDS[role][0], role, ROLE_WORDS[role][1])
               for role in ROLE_WORDS if any(sense.role == role for sense in concept.senses)],
        related=_related(kit, source, concept),
        crossrefs=crossref_items(kit, source, kit.index.crossrefs_by_concept.get(concept_id, [])),
        neighbourhood=neighbourhood(kit, concept_id, source),
        reading_path=reading_path(kit, concept_id, source, anchors),
        page_citation=page_citation(kit, concept.term, source),
    )
    return GeneratedPage(source, markdown, tuple(target for target, _ in context.found))


def sense_anchors(concept: Concept) -> list[str]:
    """The id of each sense card on a concept's page: ``sense-<paper>``, numbered where a paper has
    more than one sense."""
    counts = Counter(sense.paper for sense in concept.senses)
    return [f"sense-{sense.paper}" + (f"-{number}" if counts[sense.paper] > 1 else "")
            for number, sense in enumerate(concept.senses, start=1)]


def _related(kit: PageKit, source: str, concept: Concept) -> list[tuple[str, list[dict[str, Any]]]]:
    """Related concepts by relation, both the ones this concept names and the ones that name it."""
    related: dict[str, list[dict[str, Any]]] = defaultdict(list)
    named: set[str] = set()
    for item in concept.related:
        if item.concept in kit.index.concepts and item.concept not in named:
            named.add(item.concept)
            related[RELATION_LABELS[item.relation]].append(kit.link(source, "concepts", item.concept))
    for other, relation in kit.index.related_from.get(concept.id, []):
        if other in kit.index.concepts and other not in named:
            named.add(other)
            related[INVERSE_RELATIONS[relation]].append(kit.link(source, "concepts", other))
    return [(label, related[label]) for label in ("Broader", "Narrower", "Contrasts with", "See also")
            if related.get(label)]


def reading_path(kit: PageKit, concept_id: str, source: str, anchors: list[str]) -> dict[str, Any] | None:
    """The ordered sections to read on a concept: the authored path, or one made from the senses
    of a concept that three or more papers use. None for the others. ``anchors`` are the ids of
    the sense cards on the concept's page (``sense_anchors``)."""
    concept = kit.index.concepts[concept_id]
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
        section = kit.index.section(paper, location.section)
        steps.append({
            "paper_title": kit.paper_title(paper),
            **kit.located(source, paper, location),
            "section_title": section.title if section else None,
            "sense_href": f"#{sense_anchor[paper]}" if step_sense else None,
            "term_used": step_sense.term_used if step_sense else None,
            "role_label": ROLE_WORDS[step_sense.role][0] if step_sense else None,
            "note": note,
        })
    return {"authored": authored, "steps": steps}


def page_citation(kit: PageKit, title: str, source: str) -> dict[str, Any]:
    """"Cite this page": the page's own citation, as text, BibTeX and CSL-JSON."""
    url = kit.urls.absolute(kit.urls.url(source))
    cite_id = "upgrading-atlas-" + kit.urls.url(source).strip("/").replace("/", "-")
    # without a configured site address, a script writes the page's own address into this span
    url_html = markupsafe.Markup('<span class="atlas-page-url">{}</span>').format(url)
    return {"url": url, "url_html": url_html, "bibtex": page_bibtex(cite_id, title, url),
            "csl": page_csl_json_text(cite_id, title, url), "known": kit.urls.site_url is not None,
            "title": title}
