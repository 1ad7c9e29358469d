"""An entity's page: what the papers say of a firm, institution, place or technology, paper by paper."""

from __future__ import annotations

import html

from ...index import plain_text
from ..kit import GeneratedPage, PageKit, page_title
from .concept import page_citation
from .crossrefs import crossref_items


def entity_page(kit: PageKit, entity_id: str) -> GeneratedPage:
    """The page of one firm, institution, place or technology."""
    entity = kit.index.entities[entity_id]
    source = kit.urls.source("entities", entity_id)
    context = kit.link_context(source, ("entities", entity_id))
    mentions = [{
        "record": mention,
        "paper_title": kit.paper_title(mention.paper),
        "paper_href": kit.href(source, "papers", mention.paper),
        **kit.located(source, mention.paper, mention.at),
    } for mention in entity.mentions]
    markdown = kit.render(
        "entity.md.j2",
        entity=entity,
        title=page_title(entity.name, entity.aliases),
        plain_description=html.escape(plain_text(entity.description)),
        md=kit.safe_markdown(context, source),
        mentions=mentions,
        crossrefs=crossref_items(kit, source, kit.index.crossrefs_by_entity.get(entity_id, [])),
        page_citation=page_citation(kit, entity.name, source),
        breadcrumb=kit.breadcrumb(("Firms, institutions and places", "entities/index.md")),
    )
    return GeneratedPage(source, markdown, tuple(target for target, _ in context.found))
