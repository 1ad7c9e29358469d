"""The engine in one call: load, validate and index the annotations, ready to render."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .index.atlas_index import AtlasIndex, build_index
from .link.urls import UrlScheme
from .load.records import Loaded, load_annotations
from .problems import Problem
from .stage.render import Renderer
from .validate.names import validate_names
from .validate.pages import ExpandMarkers, validate_pages
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


def build_atlas(annotations_dir: Path, docs_dir: Path | None = None) -> Atlas:
    """Load every file under ``annotations_dir``, check each and all together, and index them.
    With ``docs_dir``, also check them against the hand-written pages there (tables placed, paper
    pages, section ids)."""
    loaded = load_annotations(annotations_dir)
    problems = loaded.problems + validate_references(loaded.records) + validate_names(loaded.records)
    index = build_index(loaded.records)
    if docs_dir is not None:
        # a page's generated ids are known only by rendering its markers, which needs valid records
        renderer = Renderer(index) if not problems else None
        problems += validate_pages(loaded.records, docs_dir, _marker_expander(renderer) if renderer else None)
    return Atlas(loaded.records, index, sorted(problems))


def _marker_expander(renderer: Renderer) -> ExpandMarkers:
    def expand(markdown: str, source: str) -> str:
        context = renderer.link_context(source)
        return "\n".join(renderer.expand_marker_lines(markdown.splitlines(), source, context, lambda *_: ""))

    return expand
