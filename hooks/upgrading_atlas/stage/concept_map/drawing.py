"""Drawings as plain data: where each marker, label line and edge goes, in SVG user units.

Templates write them as SVG, escaping every label; nothing here writes markup.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from . import layout
from .boxes import (
    CENTRE_FONT_SIZE,
    CENTRE_RADIUS,
    FONT_SIZE,
    LABEL_GAP,
    LINE_HEIGHT,
    MARKER_RADIUS,
    PAPER_FONT_SIZE,
    Box,
    marker_x,
)
from .graph import CATEGORIES, ConceptGraph, Edge, Neighbourhood, Node

MARGIN = 8.0

# Polygons of the entity markers, as points on a circle of radius 1 around the marker's centre.
_POLYGONS: dict[str, tuple[tuple[float, float], ...]] = {
    "firm": ((-0.85, -0.85), (0.85, -0.85), (0.85, 0.85), (-0.85, 0.85)),
    "institution": ((0.0, -1.15), (1.15, 0.0), (0.0, 1.15), (-1.15, 0.0)),
    "place": ((0.0, -1.15), (1.1, 0.9), (-1.1, 0.9)),
    "technology": tuple((math.cos(math.pi / 3 * k), math.sin(math.pi / 3 * k)) for k in range(6)),
    "programme": tuple(
        (math.cos(math.pi / 5 * k - math.pi / 2) * (1.2 if k % 2 == 0 else 0.55),
         math.sin(math.pi / 5 * k - math.pi / 2) * (1.2 if k % 2 == 0 else 0.55))
        for k in range(10)
    ),
}

Href = Callable[[str, str], str]
"""From a record's kind and id to the link a page writes."""


@dataclass(frozen=True)
class DrawnNode:
    """A node where it is drawn. Coordinates are SVG user units, rounded to a tenth."""

    node: Node
    href: str
    x: float
    """The centre of its marker (of its box, for a paper)."""
    y: float
    left: float
    """Its box, marker and label together: what must not overlap another."""
    top: float
    width: float
    height: float
    lines: tuple[tuple[float, str], ...]
    """The label, whole, line by line: each line's baseline and text."""
    text_x: float
    anchor: str
    """``start``, ``end`` or ``middle``: which side of the marker the label is on."""
    font_size: float = FONT_SIZE
    radius: float = MARKER_RADIUS
    """The marker's size: the radius of a concept's circle."""
    points: str = ""
    """The marker's polygon, for entities."""
    centre: bool = False
    """The node a view is drawn around."""
    anchored: bool = False
    """It carries the page's one ``map-`` id of its record, which other pages link to."""

    @property
    def text(self) -> str:
        """The label, its lines joined by spaces."""
        return " ".join(text for _, text in self.lines)


@dataclass(frozen=True)
class DrawnEdge:
    """An edge where it is drawn, from one marker to the other."""

    edge: Edge
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Drawing:
    """Everything a template needs to write one SVG."""

    view_box: tuple[float, float, float, float]
    """min-x, min-y, width, height."""
    nodes: tuple[DrawnNode, ...]
    edges: tuple[DrawnEdge, ...]
    font_size: float = FONT_SIZE
    """The labels' font size, but for papers' and the centre's."""

    def href(self, key: str) -> str:
        """The link of the node ``key``."""
        return self._hrefs[key]

    @functools.cached_property
    def _hrefs(self) -> dict[str, str]:
        return {item.node.key: item.href for item in self.nodes}

    @property
    def width(self) -> float:
        return self.view_box[2]

    @property
    def height(self) -> float:
        return self.view_box[3]


@dataclass(frozen=True)
class PaperView:
    """One paper and what it uses, laid out around it."""

    paper: Node
    drawing: Drawing
    concepts: int
    entities: int

    @property
    def anchor(self) -> str:
        """The id of the view on the map's page: ``focus-chen``."""
        return f"focus-{self.paper.id}"


@dataclass(frozen=True)
class MapDrawing:
    """The concept map: an overview of what the papers share, and a view of each paper."""

    overview: Drawing
    views: tuple[PaperView, ...]
    records: Href
    """The link to a record's page."""

    def href(self, key: str) -> str:
        """The link to the page of the node ``key``, drawn in any of the map's drawings."""
        return self._hrefs[key]

    @functools.cached_property
    def _hrefs(self) -> dict[str, str]:
        nodes = [item.node for drawing in (self.overview, *(view.drawing for view in self.views))
                 for item in drawing.nodes]
        return {node.key: self.records(node.kind, node.id) for node in nodes}


def draw_map(graph: ConceptGraph, href: Href) -> MapDrawing:
    """The overview (papers, and the concepts two or more of them share) and each paper's view.

    In the overview a paper links to its view, where the paper in the middle links to its page.
    Each record's node carries a ``map-`` id exactly once on the page: in the overview if it is
    there, else in the view of the first paper that uses it."""
    papers = graph.papers

    def to_view(kind: str, record_id: str) -> str:
        return f"#focus-{record_id}" if kind == "papers" and graph.paper_views else href(kind, record_id)

    shown = {node.key for node in graph.shared()} | {node.key for node in papers}
    overview_edges = [edge for edge in graph.edges if edge.source in shown and edge.target in shown]
    overview = _drawing(layout.overview(graph), graph.nodes, overview_edges, to_view, anchored=shown)
    anchored = set(shown)
    views = []
    for paper in papers if graph.paper_views else ():
        uses = graph.of_paper(paper.id)
        keys = {node.key for node in uses}
        edges = [edge for edge in graph.edges if edge.target == paper.key and edge.source in keys]
        drawing = _drawing(layout.paper_view(paper, uses), graph.nodes, edges, href, centre=paper.key,
                           anchored=keys - anchored)
        anchored |= keys
        views.append(PaperView(paper, drawing, sum(1 for node in uses if node.kind == "concepts"),
                               sum(1 for node in uses if node.kind == "entities")))
    return MapDrawing(overview, tuple(views), href)


def draw_neighbourhood(hood: Neighbourhood, href: Href, centre_href: str | None = None) -> Drawing:
    """One concept's neighbourhood: the concept in the middle, its neighbours around it, papers
    first, then related concepts, then entities. The centre links to ``centre_href`` if given (its
    place on the concept map: its own page is the one it is on)."""
    edges = [Edge(hood.centre.key, node.key, _centre_edge(node)) for node in hood.around]
    nodes = {hood.centre.key: hood.centre, **{node.key: node for node in hood.around}}
    if centre_href is not None:
        href = _with_centre(href, hood.centre, centre_href)
    return _drawing(layout.neighbourhood(hood), nodes, edges, href, centre=hood.centre.key)


def _with_centre(href: Href, centre: Node, centre_href: str) -> Href:
    def link(kind: str, record_id: str) -> str:
        return centre_href if (kind, record_id) == (centre.kind, centre.id) else href(kind, record_id)

    return link


def _centre_edge(node: Node) -> str:
    return {"papers": "sense", "concepts": "related"}.get(node.kind, "co-occurs")


def _drawing(boxes: dict[str, Box], nodes: dict[str, Node], edges: Iterable[Edge], href: Href,
             centre: str | None = None, anchored: Iterable[str] = ()) -> Drawing:
    """The boxes as drawn: markers, label lines and edges, and a view box around them all."""
    anchored = set(anchored)
    drawn: dict[str, DrawnNode] = {}
    for key, box in boxes.items():
        node = nodes[key]
        count = len(box.lines)
        radius, size = MARKER_RADIUS, FONT_SIZE
        if node.kind == "papers":
            x, y, size = box.x, box.y, PAPER_FONT_SIZE
            text_x, first = x, y - (count - 1) * LINE_HEIGHT / 2 + size * 0.35
        elif box.anchor == "middle":  # a neighbourhood's centre: the label below the marker
            radius, size = CENTRE_RADIUS, CENTRE_FONT_SIZE
            x, y = box.x, box.y - box.half_h + radius
            text_x, first = x, y + radius + LINE_HEIGHT - 2
        else:
            sign = 1 if box.anchor == "start" else -1
            x, y = marker_x(box), box.y
            text_x, first = x + sign * (MARKER_RADIUS + LABEL_GAP), y - (count - 1) * LINE_HEIGHT / 2 + size * 0.35
        drawn[key] = DrawnNode(
            node=node, href=href(node.kind, node.id), x=_round(x), y=_round(y),
            left=_round(box.x - box.half_w), top=_round(box.y - box.half_h),
            width=_round(box.half_w * 2), height=_round(box.half_h * 2),
            lines=tuple((_round(first + number * LINE_HEIGHT), line) for number, line in enumerate(box.lines)),
            text_x=_round(text_x), anchor=box.anchor, font_size=size, radius=radius,
            points=marker_points(node.category, x, y, radius), centre=key == centre, anchored=key in anchored,
        )
    lines = tuple(DrawnEdge(edge, drawn[edge.source].x, drawn[edge.source].y, drawn[edge.target].x,
                            drawn[edge.target].y) for edge in edges)
    left = min(node.left for node in drawn.values()) - MARGIN
    top = min(node.top for node in drawn.values()) - MARGIN
    right = max(node.left + node.width for node in drawn.values()) + MARGIN
    bottom = max(node.top + node.height for node in drawn.values()) + MARGIN
    return Drawing((_round(left), _round(top), _round(right - left), _round(bottom - top)),
                   tuple(drawn.values()), lines)


def marker_points(category: str, x: float, y: float, radius: float = MARKER_RADIUS) -> str:
    """The points of an entity's marker polygon around ``x``, ``y``; empty for other nodes."""
    return " ".join(f"{_round(x + px * radius)},{_round(y + py * radius)}" for px, py in _POLYGONS.get(category, ()))


def _round(value: float) -> float:
    return round(value, 1) + 0.0  # + 0.0: never "-0.0"


LEGEND_POINTS = {category: marker_points(category, 0.0, 0.0) for category in CATEGORIES}
"""The marker of each category, around the origin, for a legend."""
