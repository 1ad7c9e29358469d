"""Marker lines: how a hand-written page asks for generated content, such as
``<!-- atlas:table papers-at-a-glance -->``. The renderer expands them; validation reads them to
know which tables a page places."""

from __future__ import annotations

import re

MARKER = re.compile(r"^<!--\s*atlas:(?P<name>[a-z-]+)(?:\s+(?P<argument>[a-z0-9/-]+))?\s*-->\s*$", re.MULTILINE)
"""A line that asks for generated content: ``<!-- atlas:table papers-at-a-glance -->``."""
