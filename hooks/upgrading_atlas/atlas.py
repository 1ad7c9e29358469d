"""The engine's first three steps in one call: load, validate and index the annotations."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .index import AtlasIndex, build_index
from .load import Loaded, load_annotations
from .problems import Problem
from .validate import validate_references


@dataclass
class Atlas:
    """The annotations of one site, checked and indexed."""

    records: list[Loaded]
    index: AtlasIndex
    problems: list[Problem] = field(default_factory=list)


def build_atlas(annotations_dir: Path) -> Atlas:
    """Load every file under ``annotations_dir``, check each and all together, and index them."""
    loaded = load_annotations(annotations_dir)
    problems = loaded.problems + validate_references(loaded.records, loaded.unfinished)
    return Atlas(loaded.records, build_index(loaded.records), sorted(problems))
