"""The cross-references page, and cross-references as lists of links on other pages."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ...model import CrossReference, Location
from ..kit import GeneratedPage, PageKit

SOURCE = "crossrefs/index.md"
RELATION_LABELS = {
    "supports": "supports",
    "contrasts": "contrasts",
    "qualifies": "qualifies",
    "extends": "extends",
    "reads-differently": "reads the same case differently",
}


def crossrefs_page(kit: PageKit) -> GeneratedPage:
    """Every cross-reference, each at a permanent anchor."""
    context = kit.link_context(SOURCE)
    items = [crossref_detail(kit, SOURCE, crossref) for crossref in kit.index.crossrefs.values()]
    markdown = kit.render("crossrefs.md.j2", crossrefs=items, pairs=_pairs(kit),
                          md=kit.safe_markdown(context, SOURCE))
    return GeneratedPage(SOURCE, markdown, tuple(target for target, _ in context.found))


def crossref_detail(kit: PageKit, source: str, crossref: CrossReference) -> dict[str, Any]:
    """A cross-reference with both its ends located and its topics linked, for a template."""
    ends = []
    for claim in (crossref.a, crossref.b):
        location = Location(paper=claim.paper, section=claim.section, page=claim.page)
        ends.append({
            "record": claim,
            "paper_title": kit.paper_title(claim.paper),
            "paper_href": kit.href(source, "papers", claim.paper),
            **kit.located(source, claim.paper, location),
        })
    topics = [kit.link(source, "concepts", c) for c in crossref.concepts if c in kit.index.concepts]
    topics += [kit.link(source, "entities", e) for e in crossref.entities if e in kit.index.entities]
    return {"record": crossref, "relation": RELATION_LABELS[crossref.relation], "ends": ends, "topics": topics,
            "href": kit.href(source, "crossrefs", crossref.id)}


def crossref_items(kit: PageKit, source: str, ids: list[str]) -> list[dict[str, Any]]:
    """Cross-references as a list of links, each with its relation and its two papers."""
    items = []
    for crossref_id in ids:
        crossref = kit.index.crossrefs.get(crossref_id)
        if crossref is None:
            continue
        items.append({
            "record": crossref,
            "href": kit.href(source, "crossrefs", crossref_id),
            "relation": RELATION_LABELS[crossref.relation],
            "a_title": kit.paper_title(crossref.a.paper),
            "b_title": kit.paper_title(crossref.b.paper),
        })
    return items


def _pairs(kit: PageKit) -> list[dict[str, Any]]:
    """Each pair of papers that cross-references join, in the atlas's order, with how many join them
    and a link to where the pair's page lists them: a way into a long page."""
    from .compare import pair_source, pairs  # compare's pages show cross-references: imported here, not above

    joined = Counter(frozenset((crossref.a.paper, crossref.b.paper)) for crossref in kit.index.crossrefs.values())
    return [{"label": f"{kit.paper_title(a)} and {kit.paper_title(b)}", "count": joined[frozenset((a, b))],
             "href": kit.page_href(SOURCE, pair_source(a, b), "crossrefs")}
            for a, b in pairs(kit) if joined[frozenset((a, b))]]
