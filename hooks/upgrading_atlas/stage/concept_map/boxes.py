"""Each node's box (marker and label together), and moving boxes until no two overlap.

A layout says where each box should start; ``place`` then moves each, in order, to the free place
nearest to its start. There is no randomness and every loop runs in a fixed order, so the same
annotations give the same drawing, to the byte.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections import defaultdict

from .graph import Node
from .labels import text_width, wrap_label

FONT_SIZE = 13.0
PAPER_FONT_SIZE = 14.0
CENTRE_FONT_SIZE = 14.0
"""Font sizes in SVG user units; the SVG states them, so that layout and drawing agree."""
LABEL_WIDTH = 205.0
"""A label wider than this is broken into lines; a paper's is allowed a little more."""
PAPER_LABEL_WIDTH = 260.0
LINE_HEIGHT = 17.0
MARKER_RADIUS = 5.5
CENTRE_RADIUS = 9.0
LABEL_GAP = 4.0
"""Between a marker and its label."""
BOX_GAP = 3.0
"""The least space between two nodes' boxes."""
PAPER_PADDING = (10.0, 6.0)
"""Horizontal and vertical padding of a paper's label inside its box."""
SEARCH = (6.0, 5.0, 360.0, 240.0)
"""Where a node looks for a free place: horizontal and vertical steps, and how far each way."""


class Box:
    """A node's box while it is being placed: its centre moves, its size does not."""

    __slots__ = ("anchor", "fixed", "half_h", "half_w", "lines", "node", "start_x", "start_y", "x", "y")

    def __init__(self, node: Node, x: float, y: float, anchor: str, lines: tuple[str, ...], width: float,
                 height: float, fixed: bool):
        self.node, self.anchor, self.lines, self.fixed = node, anchor, lines, fixed
        self.x = self.start_x = x
        self.y = self.start_y = y
        self.half_w, self.half_h = width / 2, height / 2

    def move_to(self, x: float, y: float) -> None:
        """Start from (``x``, ``y``) instead."""
        self.x = self.start_x = x
        self.y = self.start_y = y


def box_for(node: Node, x: float, y: float, anchor: str, fixed: bool = False) -> Box:
    """The box of a node whose marker (for a paper, whose box) is centred at ``x``, ``y``, with its
    label on the ``anchor`` side: ``start`` to the right, ``end`` to the left, ``middle`` below."""
    if node.kind == "papers":  # the label inside a rounded box
        lines = wrap_label(node.label, PAPER_FONT_SIZE, PAPER_LABEL_WIDTH, bold=True)
        width = max(text_width(line, PAPER_FONT_SIZE, bold=True) for line in lines) + 2 * PAPER_PADDING[0]
        height = len(lines) * LINE_HEIGHT + 2 * PAPER_PADDING[1] - (LINE_HEIGHT - PAPER_FONT_SIZE)
        return Box(node, x, y, "middle", lines, width, height, fixed)
    if anchor == "middle":  # a neighbourhood's centre: a larger marker above a bold label
        lines = wrap_label(node.label, CENTRE_FONT_SIZE, LABEL_WIDTH, bold=True)
        width = max(text_width(line, CENTRE_FONT_SIZE, bold=True) for line in lines) + 4
        return Box(node, x, y, anchor, lines, width, 2 * CENTRE_RADIUS + len(lines) * LINE_HEIGHT + 2, fixed)
    lines = wrap_label(node.label, FONT_SIZE, LABEL_WIDTH)
    width = 2 * MARKER_RADIUS + LABEL_GAP + max(text_width(line, FONT_SIZE) for line in lines) + 2
    # the label runs away from the marker, so the box's centre is off the marker's
    shift = (width / 2 - MARKER_RADIUS) * (1 if anchor == "start" else -1)
    return Box(node, x + shift, y, anchor, lines, width, len(lines) * LINE_HEIGHT, fixed)


def marker_x(box: Box) -> float:
    """Where the marker of a box whose label runs to one side sits."""
    sign = 1 if box.anchor == "start" else -1
    return box.x - sign * (box.half_w - MARKER_RADIUS)


def stack(boxes: list[Box], x: float, y: float, rows: int) -> None:
    """Start boxes that would start at one point in columns of at most ``rows`` centred there, their
    markers in a line."""
    columns = [boxes[i:i + rows] for i in range(0, len(boxes), rows)]
    widths = [max(box.half_w * 2 for box in column) for column in columns]
    total = sum(widths) + BOX_GAP * 4 * (len(columns) - 1)
    left = x - total / 2
    for column, width in zip(columns, widths, strict=True):
        top = y - sum(2 * box.half_h + BOX_GAP for box in column) / 2
        for box in column:
            # markers in a line: on the left of a column of labels that run right, and vice versa
            box.move_to(left + box.half_w if box.anchor == "start" else left + width - box.half_w,
                        top + box.half_h + BOX_GAP / 2)
            top += 2 * box.half_h + BOX_GAP
        left += width + BOX_GAP * 4


def place(boxes: list[Box]) -> None:
    """Move each box, in the order given, to the free place nearest to where it starts; fixed
    boxes stay. No two boxes end up overlapping.

    Placed boxes are kept in a grid of cells as large as the largest box, so whether a place is
    free is a look at the few boxes of nine cells, not at every box. Unlike pushing overlapping
    boxes apart round after round, this cannot jam between two fixed boxes, and it ends."""
    cell_w = 2 * max(box.half_w for box in boxes) + BOX_GAP
    cell_h = 2 * max(box.half_h for box in boxes) + BOX_GAP
    grid: dict[tuple[int, int], list[Box]] = defaultdict(list)

    def free(box: Box, x: float, y: float) -> bool:
        column, row = math.floor(x / cell_w), math.floor(y / cell_h)
        for dx, dy in _NEIGHBOUR_CELLS:
            for other in grid.get((column + dx, row + dy), ()):
                if (abs(other.x - x) < other.half_w + box.half_w + BOX_GAP
                        and abs(other.y - y) < other.half_h + box.half_h + BOX_GAP):
                    return False
        return True

    def put(box: Box) -> None:
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
