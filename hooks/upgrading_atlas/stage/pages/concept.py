"""A concept's page: the comparison first (one row per paper), then how the senses differ, then the
full senses, the reading path, related concepts, cross-references, the neighbourhood and backlinks."""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from typing import Any

import markupsafe

from ...index import plain_text
from ...model import Concept
from ..citations import page_bibtex, page_csl_json_text
from ..kit import ROLE_WORDS, GeneratedPage, PageKit, page_title
from ..reading_paths import INDEX_SOURCE, reading_path, step_items
from .crossrefs import crossref_items
from .map import neighbourhood

RELATION_LABELS = {"broader": "Broader", "narrower": "Narrower", "contrasts-with": "Contrasts with",
                   "see-also": "See also"}
INVERSE_RELATIONS = {"broader": "Narrower", "narrower": "Broader", "contrasts-with": "Contrasts with",
                     "see-also": "See also"}


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
        reading_path=reading_path_items(kit, concept_id, source, anchors),
        page_citation=page_citation(kit, concept.term, source),
        breadcrumb=kit.breadcrumb(("Concepts", "concepts/index.md")),
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


def reading_path_items(kit: PageKit, concept_id: str, source: str, anchors: list[str]) -> dict[str, Any] | None:
    """The concept's reading path for its page (``reading_paths.reading_path``), each step with its
    link and, where the paper has a sense of the concept, the link to that sense's card; ``anchors``
    are the ids of the sense cards (``sense_anchors``)."""
    path = reading_path(kit.index, concept_id)
    if path is None:
        return None
    concept = kit.index.concepts[concept_id]
    sense_anchor: dict[str, str] = {}
    for sense, anchor in zip(concept.senses, anchors, strict=True):
        sense_anchor.setdefault(sense.paper, anchor)
    steps = step_items(kit, source, path)
    for step, item in zip(path.steps, steps, strict=True):
        item["sense_href"] = f"#{sense_anchor[step.paper]}" if step.sense else None
        item["role_label"] = ROLE_WORDS[item["role"]][0] if item["role"] else None
    return {"authored": path.authored, "steps": steps,
            "index_href": kit.page_href(source, INDEX_SOURCE, concept_id)}


def page_citation(kit: PageKit, title: str, source: str) -> dict[str, Any]:
    """"Cite this page": the page's own citation, as text, BibTeX and CSL-JSON."""
    url = kit.urls.absolute(kit.urls.url(source))
    cite_id = "upgrading-atlas-" + kit.urls.url(source).strip("/").replace("/", "-")
    # without a configured site address, a script writes the page's own address into this span
    url_html = markupsafe.Markup('<span class="atlas-page-url">{}</span>').format(url)
    return {"url": url, "url_html": url_html, "bibtex": page_bibtex(cite_id, title, url),
            "csl": page_csl_json_text(cite_id, title, url), "known": kit.urls.site_url is not None,
            "title": title}
