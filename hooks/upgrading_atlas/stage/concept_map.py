"""The concept map: papers, concepts and entities as one graph, laid out at build time.

The graph comes from the annotations: a concept is joined to each paper it has a sense in, an
entity to each paper that mentions it, and a concept to each concept it names as related.
Cross-references are left out: between five papers they join nearly every pair, so as edges they
would say little, and the cross-references page lists them.

The layout is meant to be read, not only looked at. Each paper sits at a fixed point on an ellipse,
in the order that puts papers sharing the most concepts side by side. Each concept or entity starts
at the centre of the papers that use it: one used by a single paper just outside that paper, one
shared by all of them in the middle. Things that start at the same point are stacked in columns
sorted by label. Then each node, the most shared first, takes the free place nearest to its start,
so that no two labels overlap; a grid of placed boxes makes each look cost a few comparisons. There
is no randomness and every loop runs in a fixed order, so the same annotations give the same
drawing, to the byte.

A big corpus is not drawn whole: past ``MAP_RECORD_LIMIT`` concepts and entities the map keeps the
most shared, and says how many it leaves out (see there).

This module draws nothing itself and imports neither MkDocs nor any library: it returns positions
and labels as plain data, which templates write as SVG (escaping every label).
"""

from __future__ import annotations

import functools
import itertools
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..index.atlas_index import AtlasIndex

MAP_RECORD_LIMIT = 240
"""At most this many concepts and entities on the map, those shared by the most papers first.

The real atlas has 112, all drawn. A corpus of hundreds of papers would make a map nobody can
read, and long to lay out; there the map keeps the records most papers share and says how many it
leaves out, and its text version lists exactly what the map draws. (The benchmark's 100× corpus,
500 papers and 4,000 records, is laid out in well under a second.)"""
NEIGHBOURHOOD_LIMIT = 12
"""At most this many neighbours around a concept on its own page."""
LABEL_MAX_CHARS = 30
"""Longer labels are cut at a word and end in an ellipsis; the full name is the node's title."""

FONT_SIZE = 13.0
PAPER_FONT_SIZE = 14.0
CENTRE_FONT_SIZE = 14.0
"""Font sizes in SVG user units; the SVG states them, so that layout and drawing agree."""
BOLD = 1.07
"""How much wider bold text (papers, a neighbourhood's centre) is than regular."""
MARKER_RADIUS = 5.5
CENTRE_RADIUS = 9.0
LINE_HEIGHT = 17.0
LABEL_GAP = 4.0
"""Between a marker and its label."""
BOX_GAP = 3.0
"""The least space between two nodes' boxes."""
PAPER_PADDING = (10.0, 6.0)
"""Horizontal and vertical padding of a paper's label inside its box."""
ELLIPSE = (400.0, 300.0)
"""The horizontal and vertical radii of the ellipse the papers sit on."""
OUTSIDE = 28.0
"""How far beyond its paper's box a paper's own concepts and entities start."""
STACK_ROWS = 7
"""Nodes starting at one point are stacked in columns of at most this many."""
SEARCH = (6.0, 5.0, 360.0, 240.0)
"""Where a node looks for a free place: horizontal and vertical steps, and how far each way."""
MARGIN = 8.0

RECORD_CATEGORY = {"papers": "paper", "concepts": "concept", "entities": "entity"}
CATEGORY_NAMES = {
    "paper": ("paper", "papers"), "concept": ("concept", "concepts"), "firm": ("firm", "firms"),
    "institution": ("institution", "institutions"), "place": ("place", "places"),
    "technology": ("technology", "technologies"), "programme": ("programme", "programmes"),
}
"""What a node is, singular and plural: its shape and colour on the map, and a filter."""
CATEGORIES = tuple(CATEGORY_NAMES)
EDGE_KINDS = ("sense", "mention", "related", "co-occurs")
"""A concept used by a paper, an entity mentioned by a paper, two related concepts, and (around one
concept only) an entity named in the same sections as the concept."""

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

# Advance widths of Helvetica and Arial (and Liberation Sans, which the system font stack falls back
# to on Linux), in thousandths of an em, for printable ASCII from the space on. Labels are measured
# with them so that boxes fit the text without a browser; wider fonts are covered by WIDTH_SLACK.
_WIDTHS = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)
WIDTH_SLACK = 1.08


# --- the graph ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    """A paper, concept or entity on the map."""

    key: str
    """Unique on a page: ``concept-lie``; the SVG element's id is ``map-`` and the key."""
    kind: str
    """The record's kind, as the URL scheme names it: ``papers``, ``concepts`` or ``entities``."""
    id: str
    label: str
    category: str
    """One of ``CATEGORIES``: ``paper``, ``concept``, or an entity's kind."""
    papers: tuple[str, ...]
    """The papers it belongs to: a paper itself; the papers using a concept or an entity."""
    paper_titles: tuple[str, ...] = ()
    """The short titles of ``papers``, for a concept or an entity."""


@dataclass(frozen=True)
class Edge:
    """A line between two nodes, by their keys."""

    source: str
    target: str
    kind: str
    """One of ``EDGE_KINDS``."""


@dataclass(frozen=True)
class ConceptGraph:
    """Papers, concepts and entities, and what joins them."""

    nodes: dict[str, Node]
    """By key: the papers in the order they sit around the map, then concepts, then entities."""
    edges: tuple[Edge, ...]
    left_out: int = 0
    """Concepts and entities not drawn, past ``MAP_RECORD_LIMIT``."""

    def neighbours(self) -> dict[str, dict[str, list[Node]]]:
        """For each node's key, the nodes joined to it, by edge kind, each list by label."""
        found: dict[str, dict[str, list[Node]]] = defaultdict(lambda: defaultdict(list))
        for edge in self.edges:
            found[edge.source][edge.kind].append(self.nodes[edge.target])
            found[edge.target][edge.kind].append(self.nodes[edge.source])
        for by_kind in found.values():
            for nodes in by_kind.values():
                nodes.sort(key=_label_order)
        return found

    def count(self, kind: str) -> int:
        """How many nodes of a record kind (``papers``, ``concepts``, ``entities``) it has."""
        return sum(1 for node in self.nodes.values() if node.kind == kind)

    def categories(self) -> list[str]:
        """The categories of its concepts and entities, in the order of ``CATEGORIES``."""
        present = {node.category for node in self.nodes.values()}
        return [category for category in CATEGORIES[1:] if category in present]


def node_key(kind: str, record_id: str) -> str:
    """The key of a record's node: ``concept-lie``."""
    return f"{RECORD_CATEGORY[kind]}-{record_id}"


def build_graph(index: AtlasIndex, limit: int = MAP_RECORD_LIMIT) -> ConceptGraph:
    """The graph of the whole atlas, with at most ``limit`` concepts and entities."""
    records = [_record_node(index, "concepts", concept_id) for concept_id in index.concepts]
    records += [_record_node(index, "entities", entity_id) for entity_id in index.entities]
    ranked = sorted(records, key=lambda node: (-len(node.papers), node.kind, node.label.casefold(), node.id))
    kept = {node.key for node in ranked[:limit]}
    order = _paper_order(list(index.papers), [node.papers for node in records if node.kind == "concepts"])
    nodes = {node_key("papers", paper): _paper_node(index, paper) for paper in order}
    nodes.update((node.key, node) for node in records if node.key in kept)
    edges: list[Edge] = []
    seen: set[tuple[str, str]] = set()
    for node in nodes.values():
        if node.kind == "papers":
            continue
        edge_kind = "sense" if node.kind == "concepts" else "mention"
        edges += [Edge(node.key, node_key("papers", paper), edge_kind) for paper in node.papers]
        if node.kind == "concepts":
            for related in index.concepts[node.id].related:
                other = node_key("concepts", related.concept)
                pair = (min(node.key, other), max(node.key, other))
                if other in nodes and other != node.key and pair not in seen:
                    seen.add(pair)
                    edges.append(Edge(node.key, other, "related"))
    return ConceptGraph(nodes, tuple(edges), len(records) - len(kept))


def _paper_order(papers: list[str], shared_by: Iterable[tuple[str, ...]]) -> list[str]:
    """The papers in the order they go around the map: neighbours share the most concepts.

    Up to seven papers every order is tried; beyond, each next paper is the one sharing the most
    with the last placed. Ties go to the order of the ids, so the result never varies."""
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for group in shared_by:
        for a, b in itertools.combinations(sorted(group), 2):
            shared[(a, b)] += 1

    def share(a: str, b: str) -> int:
        return shared[(min(a, b), max(a, b))]

    if len(papers) <= 3:
        return papers
    if len(papers) <= 7:
        first, rest = papers[0], papers[1:]
        best = max(itertools.permutations(rest), key=lambda perm: sum(
            share(a, b) for a, b in itertools.pairwise((first, *perm, first))))
        return [first, *best]
    order, left = [papers[0]], papers[1:]
    while left:
        last = order[-1]
        following = max(range(len(left)), key=lambda number: (share(last, left[number]), -number))
        order.append(left.pop(following))
    return order


def _label_order(node: Node) -> tuple[str, str]:
    return (node.label.casefold(), node.key)


# --- the neighbourhood of one concept -----------------------------------------------------------


@dataclass(frozen=True)
class Neighbourhood:
    """One concept and what stands around it: its papers, related concepts, and the entities
    named in the same sections."""

    centre: Node
    papers: tuple[Node, ...]
    concepts: tuple[Node, ...]
    entities: tuple[Node, ...]
    concepts_left_out: int
    entities_left_out: int

    @property
    def around(self) -> tuple[Node, ...]:
        """Every neighbour, in the order they go around the centre."""
        return self.papers + self.concepts + self.entities


def neighbourhood(index: AtlasIndex, concept_id: str, limit: int = NEIGHBOURHOOD_LIMIT) -> Neighbourhood:
    """The neighbourhood of a concept: all its papers, then as many related concepts and
    co-occurring entities as fit in ``limit``, shared evenly between the two."""
    concept = index.concepts[concept_id]
    paper_ids = list(dict.fromkeys(s.paper for s in concept.senses if s.paper in index.papers))
    papers = [_paper_node(index, paper) for paper in paper_ids][:limit]
    related = [item.concept for item in concept.related]
    related += [other for other, _ in index.related_from.get(concept_id, [])]
    concepts = [_record_node(index, "concepts", cid) for cid in dict.fromkeys(related)
                if cid in index.concepts and cid != concept_id]
    # entities located in the sections where the paper uses the concept, the most often first
    counts: dict[str, int] = defaultdict(int)
    for sense in concept.senses:
        for kind, record_id in index.located.get((sense.paper, sense.at.section), []):
            if kind == "entities" and record_id in index.entities:
                counts[record_id] += 1
    entity_ids = sorted(counts, key=lambda eid: (-counts[eid], index.entities[eid].name.casefold(), eid))
    entities = [_record_node(index, "entities", eid) for eid in entity_ids]
    room = limit - len(papers)
    concepts_shown = min(len(concepts), max(room - min(len(entities), room // 2), 0))
    entities_shown = min(len(entities), room - concepts_shown)
    return Neighbourhood(
        _record_node(index, "concepts", concept_id), tuple(papers),
        tuple(concepts[:concepts_shown]), tuple(entities[:entities_shown]),
        len(concepts) - concepts_shown, len(entities) - entities_shown,
    )


def _paper_node(index: AtlasIndex, paper_id: str) -> Node:
    return Node(node_key("papers", paper_id), "papers", paper_id, index.papers[paper_id].short_title, "paper",
                (paper_id,))


def _record_node(index: AtlasIndex, kind: str, record_id: str) -> Node:
    """The node of a concept or an entity, with the papers that use it (known papers only)."""
    if kind == "concepts":
        concept = index.concepts[record_id]
        label, category, uses = concept.term, "concept", [sense.paper for sense in concept.senses]
    else:
        entity = index.entities[record_id]
        label, category, uses = entity.name, entity.kind, [mention.paper for mention in entity.mentions]
    papers = tuple(paper for paper in dict.fromkeys(uses) if paper in index.papers)
    return Node(node_key(kind, record_id), kind, record_id, label, category, papers,
                tuple(index.papers[paper].short_title for paper in papers))


# --- drawing ------------------------------------------------------------------------------------


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
    text: str
    """The label as drawn: cut to ``LABEL_MAX_CHARS``."""
    text_x: float
    text_y: float
    anchor: str
    """``start``, ``end`` or ``middle``: which side of the marker the label is on."""
    font_size: float = FONT_SIZE
    radius: float = MARKER_RADIUS
    """The marker's size: the radius of a concept's circle."""
    points: str = ""
    """The marker's polygon, for entities."""
    centre: bool = False
    """The concept a neighbourhood is drawn around."""


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
    """Everything a template needs to write the SVG."""

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


Href = Callable[[str, str], str]
"""From a record's kind and id to the link a page writes."""


def draw_map(graph: ConceptGraph, href: Href) -> Drawing:
    """Lay out the whole graph: papers on an ellipse, the rest where the papers that use them meet."""
    papers = [node for node in graph.nodes.values() if node.kind == "papers"]
    others = [node for node in graph.nodes.values() if node.kind != "papers"]
    anchors = _paper_anchors(papers)
    boxes = {node.key: _box(node, *anchors[node.id], "middle", fixed=True) for node in papers}
    groups: dict[tuple[float, float], list[Node]] = defaultdict(list)
    for node in others:
        groups[_start(node, anchors, boxes)].append(node)
    # the most shared first: they take the middle, and a paper's own ones find room outside it
    order = sorted(groups.items(), key=lambda group: (-len(group[1][0].papers), abs(group[0][0]) + abs(group[0][1])))
    for (x, y), members in order:
        side = "end" if x < -1.0 else "start"
        _stack([_box(node, x, y, side) for node in sorted(members, key=_label_order)], x, y, boxes)
    _place(list(boxes.values()))
    return _drawing(boxes, graph.nodes, graph.edges, href)


def draw_neighbourhood(hood: Neighbourhood, href: Href, centre_href: str | None = None) -> Drawing:
    """Lay out one concept's neighbourhood: the concept in the middle, its neighbours on an ellipse
    around it, papers first, then related concepts, then entities. The centre links to
    ``centre_href`` if given (its place on the concept map: its own page is the one it is on)."""
    boxes = {hood.centre.key: _box(hood.centre, 0.0, 0.0, "middle", fixed=True)}
    around = hood.around
    count = len(around)
    radius_x, radius_y = (150.0, 95.0) if count <= 4 else (190.0, 130.0)
    for step, node in enumerate(around):
        # clockwise from just right of the top, so no label sits on the vertical axis
        angle = -math.pi / 2 + 2 * math.pi * (step + 0.5) / max(count, 1)
        x, y = radius_x * math.cos(angle), radius_y * math.sin(angle)
        boxes[node.key] = _box(node, x, y, "end" if x < 0 else "start")
    _place(list(boxes.values()))
    edges = [Edge(hood.centre.key, node.key, _centre_edge(node)) for node in around]
    nodes = {hood.centre.key: hood.centre, **{node.key: node for node in around}}
    if centre_href is not None:
        href = _with_centre(href, hood.centre, centre_href)
    return _drawing(boxes, nodes, edges, href, centre=hood.centre.key)


def _with_centre(href: Href, centre: Node, centre_href: str) -> Href:
    def link(kind: str, record_id: str) -> str:
        return centre_href if (kind, record_id) == (centre.kind, centre.id) else href(kind, record_id)

    return link


def _centre_edge(node: Node) -> str:
    return {"papers": "sense", "concepts": "related"}.get(node.kind, "co-occurs")


def _paper_anchors(papers: list[Node]) -> dict[str, tuple[float, float]]:
    count = len(papers)
    if count == 1:
        return {papers[0].id: (0.0, 0.0)}
    # the ellipse grows with the number of papers, so that their boxes never touch
    widest = max(_box(node, 0.0, 0.0, "middle").half_w * 2 for node in papers)
    scale = max(1.0, count * (widest + 2 * BOX_GAP) / (2 * math.pi * ELLIPSE[1]))
    start = math.pi if count == 2 else -math.pi / 2
    anchors = {}
    for step, node in enumerate(papers):
        angle = start + 2 * math.pi * step / count
        anchors[node.id] = (ELLIPSE[0] * scale * math.cos(angle), ELLIPSE[1] * scale * math.sin(angle))
    return anchors


def _start(node: Node, anchors: dict[str, tuple[float, float]], boxes: dict[str, _Box]) -> tuple[float, float]:
    """Where a concept or entity starts: the centre of its papers, or outside its one paper."""
    points = [anchors[paper] for paper in node.papers if paper in anchors]
    if not points:
        return (0.0, 0.0)
    if len(points) > 1:
        return (round(sum(x for x, _ in points) / len(points), 1), round(sum(y for _, y in points) / len(points), 1))
    x, y = points[0]
    length = math.hypot(x, y)
    if length == 0:
        return (0.0, 0.0)
    ux, uy = x / length, y / length
    paper = boxes[node_key("papers", node.papers[0])]
    # far enough along the way out from the middle to clear the paper's box
    reach = abs(ux) * paper.half_w + abs(uy) * paper.half_h + OUTSIDE
    return (round(x + ux * reach, 1), round(y + uy * reach, 1))


# --- boxes and pushing them apart -----------------------------------------------------------------


class _Box:
    """A node's box while it is being placed: its centre moves, its size does not."""

    __slots__ = ("anchor", "fixed", "half_h", "half_w", "node", "start_x", "start_y", "text", "x", "y")

    def __init__(self, node: Node, x: float, y: float, anchor: str, text: str, width: float, height: float,
                 fixed: bool):
        self.node, self.anchor, self.text, self.fixed = node, anchor, text, fixed
        self.x = self.start_x = x
        self.y = self.start_y = y
        self.half_w, self.half_h = width / 2, height / 2


def _box(node: Node, x: float, y: float, anchor: str, fixed: bool = False) -> _Box:
    """The box of a node whose marker (for a paper, whose box) is centred at ``x``, ``y``, with its
    label on the ``anchor`` side: ``start`` to the right, ``end`` to the left, ``middle`` below."""
    text = short_label(node.label)
    if node.kind == "papers":  # the label inside a rounded box
        width = text_width(text, PAPER_FONT_SIZE) * BOLD + 2 * PAPER_PADDING[0]
        return _Box(node, x, y, "middle", text, width, PAPER_FONT_SIZE + 2 * PAPER_PADDING[1], fixed)
    if anchor == "middle":  # a neighbourhood's centre: a larger marker above a bold label
        width = text_width(text, CENTRE_FONT_SIZE) * BOLD + 4
        return _Box(node, x, y, anchor, text, width, 2 * CENTRE_RADIUS + LINE_HEIGHT + 2, fixed)
    width = 2 * MARKER_RADIUS + LABEL_GAP + text_width(text, FONT_SIZE) + 2
    # the label runs away from the marker, so the box's centre is off the marker's
    shift = (width / 2 - MARKER_RADIUS) * (1 if anchor == "start" else -1)
    return _Box(node, x + shift, y, anchor, text, width, LINE_HEIGHT, fixed)


def _stack(boxes: list[_Box], x: float, y: float, placed: dict[str, _Box]) -> None:
    """Stack boxes that start at one point in columns centred there, aligned on their markers."""
    columns = [boxes[i:i + STACK_ROWS] for i in range(0, len(boxes), STACK_ROWS)]
    widths = [max(box.half_w * 2 for box in column) for column in columns]
    total = sum(widths) + BOX_GAP * 4 * (len(columns) - 1)
    left = x - total / 2
    for column, width in zip(columns, widths, strict=True):
        height = len(column) * (LINE_HEIGHT + BOX_GAP)
        for row, box in enumerate(column):
            # markers in a line: on the left of a column of labels that run right, and vice versa
            box.x = left + box.half_w if box.anchor == "start" else left + width - box.half_w
            box.y = y - height / 2 + (row + 0.5) * (LINE_HEIGHT + BOX_GAP)
            box.start_x, box.start_y = box.x, box.y
            placed[box.node.key] = box
        left += width + BOX_GAP * 4


def _place(boxes: list[_Box]) -> None:
    """Move each box, in the order given, to the free place nearest to where it starts; fixed
    boxes stay. No two boxes end up overlapping.

    Placed boxes are kept in a grid of cells as large as the largest box, so whether a place is
    free is a look at the few boxes of nine cells, not at every box. Unlike pushing overlapping
    boxes apart round after round, this cannot jam between two fixed boxes, and it ends."""
    cell_w = 2 * max(box.half_w for box in boxes) + BOX_GAP
    cell_h = 2 * max(box.half_h for box in boxes) + BOX_GAP
    grid: dict[tuple[int, int], list[_Box]] = defaultdict(list)

    def free(box: _Box, x: float, y: float) -> bool:
        column, row = math.floor(x / cell_w), math.floor(y / cell_h)
        for dx, dy in _NEIGHBOUR_CELLS:
            for other in grid.get((column + dx, row + dy), ()):
                if (abs(other.x - x) < other.half_w + box.half_w + BOX_GAP
                        and abs(other.y - y) < other.half_h + box.half_h + BOX_GAP):
                    return False
        return True

    def put(box: _Box) -> None:
        grid[(math.floor(box.x / cell_w), math.floor(box.y / cell_h))].append(box)

    for box in boxes:
        if box.fixed:
            put(box)
    lowest = max((box.y + box.half_h for box in boxes if box.fixed), default=0.0)
    for box in boxes:
        if box.fixed:
            continue
        for dx, dy in _offsets():
            if free(box, box.start_x + dx, box.start_y + dy):
                box.x, box.y = box.start_x + dx, box.start_y + dy
                break
        else:  # nothing free within reach: below everything
            box.x, box.y = box.start_x, lowest + box.half_h + BOX_GAP
        lowest = max(lowest, box.y + box.half_h)
        put(box)


_NEIGHBOUR_CELLS = tuple(itertools.product((-1, 0, 1), repeat=2))


@functools.cache
def _offsets() -> tuple[tuple[float, float], ...]:
    """Moves from a box's start, nearest first (ties: up before down, left before right)."""
    step_x, step_y, reach_x, reach_y = SEARCH
    columns, rows = int(reach_x // step_x), int(reach_y // step_y)
    moves = [(i * step_x, j * step_y) for i in range(-columns, columns + 1) for j in range(-rows, rows + 1)]
    return tuple(sorted(moves, key=lambda move: (move[0] ** 2 + move[1] ** 2, move[1], move[0])))


def _drawing(boxes: dict[str, _Box], nodes: dict[str, Node], edges: Iterable[Edge], href: Href,
             centre: str | None = None) -> Drawing:
    drawn: dict[str, DrawnNode] = {}
    for key, node in nodes.items():
        box = boxes[key]
        radius, size = MARKER_RADIUS, FONT_SIZE
        if node.kind == "papers":
            x, y, size = box.x, box.y, PAPER_FONT_SIZE
            text_x, text_y = x, y + size * 0.35
        elif box.anchor == "middle":  # a neighbourhood's centre: the label below the marker
            radius, size = CENTRE_RADIUS, CENTRE_FONT_SIZE
            x, y = box.x, box.y - box.half_h + radius
            text_x, text_y = x, box.y + box.half_h - 5
        else:
            sign = 1 if box.anchor == "start" else -1
            x, y = box.x - sign * (box.half_w - MARKER_RADIUS), box.y
            text_x, text_y = x + sign * (MARKER_RADIUS + LABEL_GAP), y + size * 0.35
        drawn[key] = DrawnNode(
            node=node, href=href(node.kind, node.id), x=_round(x), y=_round(y),
            left=_round(box.x - box.half_w), top=_round(box.y - box.half_h),
            width=_round(box.half_w * 2), height=_round(box.half_h * 2),
            text=box.text, text_x=_round(text_x), text_y=_round(text_y), anchor=box.anchor, font_size=size,
            radius=radius, points=marker_points(node.category, x, y, radius), centre=key == centre,
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


# --- labels -------------------------------------------------------------------------------------


def short_label(label: str, limit: int = LABEL_MAX_CHARS) -> str:
    """``label`` cut at a word to at most ``limit`` characters, with an ellipsis if cut."""
    if len(label) <= limit:
        return label
    cut = label[:limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-–—")
    return (cut or label[:limit - 1]) + "…"


def text_width(text: str, size: float) -> float:
    """The width of ``text`` at font ``size``, from Helvetica's widths, with some slack."""
    total = 0
    for char in text:
        code = ord(char)
        if 32 <= code < 127:
            total += _WIDTHS[code - 32]
        elif code >= 0x2E80:  # CJK and other wide characters
            total += 1000
        else:
            total += 600
    return total / 1000 * size * WIDTH_SLACK
