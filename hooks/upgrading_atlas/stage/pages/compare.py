"""Two papers compared: a page for each pair, made from the annotations alone, and their index.

A pair's page holds the concepts both papers use (their two senses side by side), the
cross-references between them, their rows of the comparison tables, and the firms, institutions
and places both discuss. It adds no sentence of its own about the papers.
"""

from __future__ import annotations

import itertools
from typing import Any

from ...model import Concept, Sense
from ..kit import ROLE_WORDS, GeneratedPage, PageKit
from .concept import sense_anchors
from .crossrefs import crossref_detail

INDEX_SOURCE = "compare/index.md"


def pair_source(a: str, b: str) -> str:
    """The source path of the page comparing papers ``a`` and ``b``, whatever their order."""
    first, second = sorted((a, b))
    return f"compare/{first}-and-{second}.md"


def pairs(kit: PageKit) -> list[tuple[str, str]]:
    """Every pair of papers, in the atlas's order of papers."""
    return list(itertools.combinations(kit.paper_order(), 2))


def compare_pages(kit: PageKit) -> list[GeneratedPage]:
    """The index of pairs and a page for each pair."""
    return [compare_index(kit)] + [pair_page(kit, a, b) for a, b in pairs(kit)]


def pair_page(kit: PageKit, a: str, b: str) -> GeneratedPage:
    """What two papers share, side by side."""
    source = pair_source(a, b)
    context = kit.link_context(source)
    markdown = kit.render(
        "compare.md.j2",
        papers=[_paper(kit, source, paper) for paper in (a, b)],
        concepts=_shared_concepts(kit, source, a, b),
        crossrefs=[crossref_detail(kit, source, kit.index.crossrefs[crossref_id])
                   for crossref_id in _shared_crossrefs(kit, a, b)],
        tables=_shared_tables(kit, source, a, b),
        entities=_shared_entities(kit, source, a, b),
        index_href=kit.page_href(source, INDEX_SOURCE),
        md=kit.safe_markdown(context, source),
        breadcrumb=kit.breadcrumb(("Compare two papers", INDEX_SOURCE)),
    )
    return GeneratedPage(source, markdown, tuple(target for target, _ in context.found))


def compare_index(kit: PageKit) -> GeneratedPage:
    """Every pair of papers, with what each pair shares."""
    items = []
    for a, b in pairs(kit):
        items.append({
            "titles": (kit.paper_title(a), kit.paper_title(b)),
            "href": kit.page_href(INDEX_SOURCE, pair_source(a, b)),
            "concepts": len(_shared_concept_ids(kit, a, b)),
            "crossrefs": len(_shared_crossrefs(kit, a, b)),
            "entities": len(_shared_entity_ids(kit, a, b)),
        })
    return GeneratedPage(INDEX_SOURCE, kit.render("compare-index.md.j2", pairs=items))


def pair_links(kit: PageKit, source: str, paper: str) -> list[dict[str, Any]]:
    """Links from ``source`` to the pages comparing ``paper`` with each other paper."""
    return [{"href": kit.page_href(source, pair_source(paper, other)), "title": kit.paper_title(other)}
            for other in kit.paper_order() if other != paper]


def _paper(kit: PageKit, source: str, paper: str) -> dict[str, Any]:
    record = kit.index.papers[paper]
    return {"id": paper, "title": record.short_title, "href": kit.href(source, "papers", paper),
            "gist": record.gist}


def _shared_concept_ids(kit: PageKit, a: str, b: str) -> list[str]:
    both = set(kit.index.concepts_by_paper.get(a, [])) & set(kit.index.concepts_by_paper.get(b, []))
    return sorted(both, key=lambda concept_id: kit.index.concepts[concept_id].term.casefold())


def _shared_concepts(kit: PageKit, source: str, a: str, b: str) -> list[dict[str, Any]]:
    concepts = []
    for concept_id in _shared_concept_ids(kit, a, b):
        concept = kit.index.concepts[concept_id]
        concept_href = kit.href(source, "concepts", concept_id)
        concepts.append({
            "link": kit.link(source, "concepts", concept_id),
            "compared_href": f"{concept_href}#senses-compared" if concept.senses_compared else None,
            "senses": [_senses_of(kit, source, concept, paper, concept_href) for paper in (a, b)],
        })
    return concepts


def _senses_of(kit: PageKit, source: str, concept: Concept, paper: str, concept_href: str) -> list[dict[str, Any]]:
    anchors = dict(zip(map(id, concept.senses), sense_anchors(concept), strict=True))
    senses: list[Sense] = [sense for sense in concept.senses if sense.paper == paper]
    return [{"record": sense, "role_label": ROLE_WORDS[sense.role][0],
             "card_href": f"{concept_href}#{anchors[id(sense)]}", **kit.located(source, paper, sense.at)}
            for sense in senses]


def _shared_crossrefs(kit: PageKit, a: str, b: str) -> list[str]:
    return [crossref_id for crossref_id in kit.index.crossrefs_by_paper.get(a, [])
            if {kit.index.crossrefs[crossref_id].a.paper, kit.index.crossrefs[crossref_id].b.paper} == {a, b}]


def _shared_tables(kit: PageKit, source: str, a: str, b: str) -> list[dict[str, Any]]:
    """The comparison tables with a row for each of the two papers: those two rows, column by column."""
    tables = []
    for table in kit.index.tables.values():
        rows = {row.paper: row for row in table.rows if row.paper in (a, b)}
        if len(rows) < 2:
            continue
        lines = []
        for column in table.columns:
            cells = []
            for paper in (a, b):
                cell = rows[paper].cells.get(column.id)
                at = [kit.located(source, location.paper or paper, location) for location in cell.at] if cell else []
                cells.append({"text": cell.text, "at": at} if cell else None)
            lines.append({"label": column.label, "cells": cells})
        placed = kit.table_pages.get(table.id)
        tables.append({"record": table, "lines": lines,
                       "href": kit.page_href(source, placed, f"table-{table.id}") if placed else None})
    return tables


def _shared_entity_ids(kit: PageKit, a: str, b: str) -> list[str]:
    both = set(kit.index.entities_by_paper.get(a, [])) & set(kit.index.entities_by_paper.get(b, []))
    return sorted(both, key=lambda entity_id: kit.index.entities[entity_id].name.casefold())


def _shared_entities(kit: PageKit, source: str, a: str, b: str) -> list[dict[str, Any]]:
    entities = []
    for entity_id in _shared_entity_ids(kit, a, b):
        entity = kit.index.entities[entity_id]
        entities.append({
            "link": kit.link(source, "entities", entity_id),
            "mentions": [[{"record": mention, **kit.located(source, paper, mention.at)}
                          for mention in entity.mentions if mention.paper == paper] for paper in (a, b)],
        })
    return entities
