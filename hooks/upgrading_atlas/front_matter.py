"""A page's front matter: the YAML block between ``---`` lines at its top, as MkDocs reads it.

Validation reads it to learn which paper a page presents; staging reads it, adds to it and writes
it back. One reading serves both, so that they never disagree on where a page's body begins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


@dataclass(frozen=True)
class FrontMatter:
    """A page split into its front matter and its body."""

    body: str
    meta: dict[str, Any] = field(default_factory=dict)
    """The front matter's mapping: empty where there is none, or where it is not a YAML mapping (the
    builder reports broken front matter itself)."""
    yaml: str = ""
    """The front matter's text between its fences, ending in a newline where not empty."""
    body_line: int = 1
    """The line number, in the page, of the body's first line."""


def split_front_matter(markdown: str) -> FrontMatter:
    """``markdown`` split into its front matter and its body."""
    found = FRONT_MATTER.match(markdown)
    if not found:
        return FrontMatter(markdown)
    text = found["yaml"] or ""
    try:
        meta = yaml.safe_load(text) or {}
    except yaml.YAMLError:
        meta = {}
    return FrontMatter(markdown[found.end():], meta if isinstance(meta, dict) else {}, text,
                       found[0].count("\n") + 1)
