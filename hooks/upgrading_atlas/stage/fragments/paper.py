"""The back matter of a paper's page: its concepts by role, its firms and places, the papers to
compare it with, its cross-references, and its own sections at permanent anchors."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from ...link.linker import LinkContext
from ..kit import ROLE_WORDS, PageKit
from ..pages.compare import pair_source
from ..pages.crossrefs import crossref_items


def sections_list(kit: PageKit, paper_id: str, source: str, context: LinkContext) -> str:
    """The paper's sections at permanent anchors, with what the atlas locates in each, folded away:
    a link to a section's anchor opens it (atlas-sections.js, and browsers that reveal targets)."""
    paper = kit.index.papers[paper_id]
    items = []
    for section in paper.sections:
        links = [kit.link(source, kind, record_id)
                 for kind, record_id in kit.index.located.get((paper_id, section.id), [])]
        items.append({"record": section, "links": links})
    return kit.render("sections.html.j2", sections=items, md=kit.safe_markdown(context, source)).strip()


def crossrefs_list(kit: PageKit, paper_id: str, source: str, context: LinkContext) -> str:
    """The cross-references that have one end in this paper, under their heading, folded."""
    items = crossref_items(kit, source, kit.index.crossrefs_by_paper.get(paper_id, []))
    if not items:
        return ""
    relations = Counter(item["relation"] for item in items)
    return kit.render("paper-crossrefs.md.j2", crossrefs=items,
                      relations=sorted(relations.items(), key=lambda pair: (-pair[1], pair[0]))).strip()


def paper_context(kit: PageKit, paper_id: str, source: str, context: LinkContext) -> str:
    """"Concepts in this paper", by the work they do in it, and "Related papers", each with the page
    that compares the two."""
    by_role: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for concept_id in sorted(kit.index.concepts_by_paper.get(paper_id, []),
                             key=lambda cid: kit.index.concepts[cid].term.casefold()):
        roles = [s.role for s in kit.index.concepts[concept_id].senses if s.paper == paper_id]
        by_role[roles[0] if roles else "context"].append(kit.link(source, "concepts", concept_id))
    concepts = [(ROLE_WORDS[role][0], ROLE_WORDS[role][1], by_role[role]) for role in ROLE_WORDS if by_role[role]]
    entities = [kit.link(source, "entities", entity_id) for entity_id in
                sorted(kit.index.entities_by_paper.get(paper_id, []),
                       key=lambda eid: kit.index.entities[eid].name.casefold())]
    related = []
    for other in kit.paper_order():
        if other == paper_id:
            continue
        shared = [cid for cid in kit.index.concepts_by_paper.get(paper_id, [])
                  if other in {s.paper for s in kit.index.concepts[cid].senses}]
        crossrefs = [cid for cid in kit.index.crossrefs_by_paper.get(paper_id, [])
                     if other in {kit.index.crossrefs[cid].a.paper, kit.index.crossrefs[cid].b.paper}]
        related.append({"href": kit.href(source, "papers", other), "title": kit.paper_title(other),
                        "compare_href": kit.page_href(source, pair_source(paper_id, other)),
                        "shared_count": len(shared), "crossrefs": len(crossrefs)})
    return kit.render("paper-context.md.j2", concepts=concepts, concept_count=sum(len(links) for *_, links in concepts),
                      entities=entities, related=related).strip()
