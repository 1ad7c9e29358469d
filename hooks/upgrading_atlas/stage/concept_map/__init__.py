"""The concept map: papers, concepts and entities as one graph, laid out at build time.

Four steps, one module each: ``graph`` says what is shown (the papers, the concepts and entities
they use, one concept's neighbourhood); ``labels`` measures and wraps labels; ``boxes`` and
``layout`` place each node so that no two overlap; ``drawing`` turns the places into plain data that
the templates write as SVG. Nothing here imports MkDocs or writes markup.

Three drawings come out: the overview (the papers and the concepts two or more of them share), one
view per paper (the paper and everything it uses, laid out afresh around it), and, on each concept's
page, the concept's neighbourhood.
"""

from .drawing import (
    LEGEND_POINTS,
    Drawing,
    DrawnEdge,
    DrawnNode,
    MapDrawing,
    PaperView,
    draw_map,
    draw_neighbourhood,
    marker_points,
)
from .graph import (
    CATEGORIES,
    CATEGORY_NAMES,
    EDGE_KINDS,
    MAP_RECORD_LIMIT,
    NEIGHBOURHOOD_LIMIT,
    PAPER_VIEW_LIMIT,
    SHARED_BY,
    ConceptGraph,
    Edge,
    Neighbourhood,
    Node,
    build_graph,
    neighbourhood,
    node_key,
)
from .labels import text_width, wrap_label

__all__ = [
    "CATEGORIES",
    "CATEGORY_NAMES",
    "EDGE_KINDS",
    "LEGEND_POINTS",
    "MAP_RECORD_LIMIT",
    "NEIGHBOURHOOD_LIMIT",
    "PAPER_VIEW_LIMIT",
    "SHARED_BY",
    "ConceptGraph",
    "Drawing",
    "DrawnEdge",
    "DrawnNode",
    "Edge",
    "MapDrawing",
    "Neighbourhood",
    "Node",
    "PaperView",
    "build_graph",
    "draw_map",
    "draw_neighbourhood",
    "marker_points",
    "neighbourhood",
    "node_key",
    "text_width",
    "wrap_label",
]
