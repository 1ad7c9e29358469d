"""The engine in one call: load, validate and index the annotations, ready to render."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .index.atlas_index import AtlasIndex, build_index
from .link.urls import UrlScheme
from .load.records import Loaded, load_annotations
from .problems import Problem
from .stage.render import Renderer
from .validate.references import validate_references


@dataclass
class Atlas:
    """The annotations of one site, checked and indexed."""

    records: list[Loaded]
    index: AtlasIndex
    problems: list[Problem] = field(default_factory=list)

    def renderer(self, urls: UrlScheme | None = None, template_dirs: tuple[Path, ...] = ()) -> Renderer:
        """A renderer over this atlas's index."""
        return Renderer(self.index, urls, template_dirs)


def build_atlas(annotations_dir: Path) -> Atlas:
    """Load every file under ``annotations_dir``, check each and all together, and index them."""
    loaded = load_annotations(annotations_dir)
    problems = loaded.problems + validate_references(loaded.records)
    return Atlas(loaded.records, build_index(loaded.records), sorted(problems))
