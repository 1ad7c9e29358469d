"""Where each node starts, for the three drawings: the overview, one paper's view, one concept's
neighbourhood. Each lays out only what it draws, so a view of one paper fills its frame.

The overview is meant to be read, not only looked at. Each paper sits at a fixed point on an
ellipse, in the index's order, clockwise from the top. Each concept starts at the centre of the
papers that use it: one shared by two papers between them, one shared by all of them in the middle.
Concepts that start at the same point are stacked in columns sorted by label. Then each, the most
shared first, takes the free place nearest to its start.

A paper's view puts the paper in the middle and what it uses in two arcs either side, like
parentheses: its concepts from the top right down, then its entities, each side's labels running
outwards, one row each, so that lines from the paper fan out and never cross a label.
"""

from __future__ import annotations

import math
from collections import defaultdict

from .boxes import BOX_GAP, MARKER_RADIUS, Box, box_for, place, stack
from .graph import ConceptGraph, Neighbourhood, Node

ELLIPSE = (320.0, 300.0)
"""The horizontal and vertical radii of the ellipse the papers sit on in the overview."""
STACK_ROWS = 6
"""Concepts starting at one point are stacked in columns of at most this many."""
ARC = (30.0, 70.0)
"""A paper's view: the least gap between the paper's box and the nearest marker, and how much further
out the middle of each arc bows."""
ROW_GAP = 4.0
"""A paper's view: the space between two rows of an arc."""


def overview(graph: ConceptGraph) -> dict[str, Box]:
    """The papers on an ellipse, and the concepts they share where those papers meet."""
    papers = graph.papers
    anchors = _paper_anchors(papers)
    boxes = {node.key: box_for(node, *anchors[node.id], "middle", fixed=True) for node in papers}
    shared = graph.shared()
    groups: dict[tuple[float, float], list[Node]] = defaultdict(list)
    for node in shared:
        groups[_centre_of(node, anchors)].append(node)
    # the most shared first: they take the middle, and pairs find room near their two papers
    for (x, y), members in sorted(groups.items(), key=lambda group: (-len(group[1][0].papers), group[0][1],
                                                                      group[0][0])):
        side = "end" if x < -1.0 else "start"
        stacked = [box_for(node, x, y, side) for node in members]
        stack(stacked, x, y, STACK_ROWS)
        boxes.update((box.node.key, box) for box in stacked)
    place(list(boxes.values()))
    # drawn in this order, which is the order of the keyboard: the papers, then the concepts by label
    return {key: boxes[key] for key in [*(node.key for node in papers), *(node.key for node in shared)]}


def paper_view(paper: Node, uses: list[Node]) -> dict[str, Box]:
    """A paper in the middle and what it uses in two arcs around it, in the order given: the first
    half down the right, the rest down the left."""
    centre = box_for(paper, 0.0, 0.0, "middle", fixed=True)
    boxes = {paper.key: centre}
    half = (len(uses) + 1) // 2
    for sign, side in ((1, uses[:half]), (-1, uses[half:])):
        placed = [box_for(node, 0.0, 0.0, "start" if sign > 0 else "end") for node in side]
        heights = [2 * box.half_h + ROW_GAP for box in placed]
        # the arc is half an ellipse a little taller than the rows, so its ends stay clear of the paper
        reach = max(sum(heights) / 2 + centre.half_h, 1.0) * 1.12
        top = -sum(heights) / 2
        for box, height in zip(placed, heights, strict=True):
            y = top + height / 2
            bow = ARC[1] * math.sqrt(max(0.0, 1 - (y / reach) ** 2))
            marker = sign * (centre.half_w + ARC[0] + bow)
            box.move_to(marker + sign * (box.half_w - MARKER_RADIUS), y)
            top += height
        boxes.update((box.node.key, box) for box in placed)
    place(list(boxes.values()))  # one row each, they should not overlap; if they did, this would part them
    return boxes


def neighbourhood(hood: Neighbourhood) -> dict[str, Box]:
    """One concept in the middle, its neighbours on an ellipse around it: papers first, then related
    concepts, then entities, clockwise from just right of the top."""
    boxes = {hood.centre.key: box_for(hood.centre, 0.0, 0.0, "middle", fixed=True)}
    around = hood.around
    count = len(around)
    radius_x, radius_y = (150.0, 95.0) if count <= 4 else (190.0, 140.0)
    for step, node in enumerate(around):
        # just right of the top, so that no label sits on the vertical axis
        angle = -math.pi / 2 + 2 * math.pi * (step + 0.5) / max(count, 1)
        x, y = radius_x * math.cos(angle), radius_y * math.sin(angle)
        boxes[node.key] = box_for(node, x, y, "end" if x < 0 else "start")
    place(list(boxes.values()))
    return boxes


def _paper_anchors(papers: tuple[Node, ...]) -> dict[str, tuple[float, float]]:
    """Where each paper's box is centred: on an ellipse, clockwise from the top."""
    count = len(papers)
    if count == 1:
        return {papers[0].id: (0.0, 0.0)}
    # the ellipse grows with the number of papers, so that their boxes never touch
    widest = max(box_for(node, 0.0, 0.0, "middle").half_w * 2 for node in papers)
    scale = max(1.0, count * (widest + 2 * BOX_GAP) / (2 * math.pi * ELLIPSE[1]))
    start = math.pi if count == 2 else -math.pi / 2
    anchors = {}
    for step, node in enumerate(papers):
        angle = start + 2 * math.pi * step / count
        anchors[node.id] = (ELLIPSE[0] * scale * math.cos(angle), ELLIPSE[1] * scale * math.sin(angle))
    return anchors


def _centre_of(node: Node, anchors: dict[str, tuple[float, float]]) -> tuple[float, float]:
    """The centre of the points of the papers that use ``node``."""
    points = [anchors[paper] for paper in node.papers if paper in anchors]
    if not points:
        return (0.0, 0.0)
    return (round(sum(x for x, _ in points) / len(points), 1), round(sum(y for _, y in points) / len(points), 1))

