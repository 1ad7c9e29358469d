"""The concepts A to Z and the index of firms, institutions and places."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ...index import plain_text
from ..kit import GeneratedPage, PageKit

ENTITY_KIND_LABELS = {"firm": "Firms", "institution": "Institutions", "place": "Places",
                      "technology": "Technologies", "programme": "Programmes"}


def concepts_index(kit: PageKit) -> GeneratedPage:
    """Concepts A to Z, with short definitions and the papers that use each."""
    source = "concepts/index.md"
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for concept in sorted(kit.index.concepts.values(), key=lambda item: item.term.casefold()):
        letter = concept.term[:1].upper() if concept.term[:1].isalpha() else "#"
        groups[letter].append({
            "href": kit.href(source, "concepts", concept.id),
            "label": concept.term,
            "aliases": concept.aliases[:4],
            "summary": plain_text(concept.definition),
            "papers": _papers(kit, [sense.paper for sense in concept.senses]),
        })
    markdown = kit.render("concepts-index.md.j2", groups=sorted(groups.items()), count=len(kit.index.concepts))
    return GeneratedPage(source, markdown)


def entities_index(kit: PageKit) -> GeneratedPage:
    """Entities grouped by kind."""
    source = "entities/index.md"
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entity in sorted(kit.index.entities.values(), key=lambda item: item.name.casefold()):
        groups[entity.kind].append({
            "href": kit.href(source, "entities", entity.id),
            "label": entity.name,
            "summary": plain_text(entity.description),
            "papers": _papers(kit, [mention.paper for mention in entity.mentions]),
        })
    ordered = [(ENTITY_KIND_LABELS[kind], groups[kind]) for kind in ENTITY_KIND_LABELS if kind in groups]
    return GeneratedPage(source, kit.render("entities-index.md.j2", groups=ordered))


def _papers(kit: PageKit, papers: list[str]) -> list[str]:
    """The short titles of ``papers``, once each, in the atlas's order of papers."""
    order = {paper: position for position, paper in enumerate(kit.paper_order())}
    return [kit.paper_title(paper) for paper in sorted(set(papers), key=lambda paper: order.get(paper, len(order)))]
