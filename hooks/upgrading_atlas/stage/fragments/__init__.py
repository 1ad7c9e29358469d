"""Fragments that hand-written pages place with marker lines: ``<!-- atlas:table papers-at-a-glance -->``."""

from .markers import MARKER, MarkerError, expand_marker_lines, expand_markers

__all__ = ["MARKER", "MarkerError", "expand_marker_lines", "expand_markers"]
