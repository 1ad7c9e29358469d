"""The engine's first three steps in one call: load, validate and index the annotations."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .index import AtlasIndex, build_index
from .load import Loaded, load_annotations
from .load.records import FileCache
from .problems import Problem
from .stage.fragments import expand_marker_lines
from .stage.kit import PageKit
from .validate.names import validate_names
from .validate.pages import ExpandMarkers, validate_pages
from .validate.references import validate_references


@dataclass
class Atlas:
    """The annotations of one site, checked and indexed."""

    records: list[Loaded]
    index: AtlasIndex
    problems: list[Problem] = field(default_factory=list)


def build_atlas(annotations_dir: Path, docs_dir: Path | None = None, cache: FileCache | None = None) -> Atlas:
    """Load every file under ``annotations_dir``, check each and all together, and index them.
    With ``docs_dir``, also check them against the hand-written pages there (tables placed, paper
    pages, section ids). ``cache`` keeps each file's reading for the next call (``load_annotations``)."""
    loaded = load_annotations(annotations_dir, cache)
    problems = (loaded.problems + validate_references(loaded.records)
                + validate_names(loaded.records, loaded.unfinished))
    index = build_index(loaded.records)
    if docs_dir is not None:
        # a page's generated ids are known only by expanding its markers, which needs valid records
        expand = None if problems else _marker_expander(PageKit(index))
        problems += validate_pages(loaded.records, docs_dir, expand)
    return Atlas(loaded.records, index, sorted(problems))


def _marker_expander(kit: PageKit) -> ExpandMarkers:
    def expand(markdown: str, source: str) -> str:
        lines = expand_marker_lines(kit, markdown.splitlines(), source, kit.link_context(source), lambda *_: "")
        return "\n".join(lines)

    return expand
