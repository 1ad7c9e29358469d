"""The concept map page, and the neighbourhood drawn on each concept's page."""

from __future__ import annotations

from typing import Any

from .. import concept_map
from ..kit import GeneratedPage, PageKit

SOURCE = "map/index.md"
"""The source path of the concept map's page."""


def map_page(kit: PageKit) -> GeneratedPage:
    """The concept map: the graph drawn as SVG, filters, a legend, and the same links as text."""
    graph = kit.concept_graph
    drawing = concept_map.draw_map(graph, lambda kind, rid: kit.href(SOURCE, kind, rid))
    markdown = kit.render("map.md.j2", graph=graph, drawing=drawing, names=concept_map.CATEGORY_NAMES,
                          legend_points=concept_map.LEGEND_POINTS)
    return GeneratedPage(SOURCE, markdown)


def neighbourhood(kit: PageKit, concept_id: str, source: str) -> dict[str, Any]:
    """A concept's neighbourhood drawn for its page, and a link to it on the concept map."""
    hood = concept_map.neighbourhood(kit.index, concept_id)
    key = concept_map.node_key("concepts", concept_id)
    anchor = f"map-{key}" if key in kit.concept_graph.nodes else None
    map_href = kit.page_href(source, SOURCE, anchor)
    drawing = concept_map.draw_neighbourhood(hood, lambda kind, rid: kit.href(source, kind, rid), map_href)
    return {"hood": hood, "drawing": drawing, "map_href": map_href}

