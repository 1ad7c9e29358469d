"""Staging as a command and as a hook use it: validate, stage, write only what changed."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..atlas import build_atlas
from ..link.linker import TermMatcher
from ..link.urls import UrlScheme
from ..load.records import FileCache
from .builders import BUILDERS
from .notices import add_notices
from .site import MarkdownSettings, StageMemory, stage_site, write_staged


@dataclass
class StageResult:
    """What one staging run did."""

    problems: list[str] = field(default_factory=list)
    """Every problem, located: in the annotations, then in the hand-written pages' markers."""
    matcher: TermMatcher | None = None
    """The linker's matcher, for a builder that runs the Markdown extension in the same process."""
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    seconds: float = 0.0


class Stager:
    """Stages one site for one builder."""

    def __init__(self, annotations_dir: Path, builder: str = "mkdocs", template_dirs: Iterable[Path] = ()):
        self.annotations_dir = annotations_dir
        self.builder = BUILDERS[builder]
        self.template_dirs = tuple(template_dirs)
        self.memory = StageMemory()
        self.files: FileCache = {}

    def stage(self, docs_dir: Path, out_dir: Path, *, urls: UrlScheme | None = None,
              markdown_settings: MarkdownSettings | None = None, notices: bool = False) -> StageResult:
        """Validate the annotations, stage the site, and write into ``out_dir`` what changed. With
        ``notices`` (a preview), each page a problem affects opens with a notice of it."""
        start = time.perf_counter()
        atlas = build_atlas(self.annotations_dir, docs_dir, self.files)
        urls = dataclasses.replace(urls or UrlScheme(), links_from_source=self.builder.links_from_source)
        staged = stage_site(atlas.index, docs_dir, builder=self.builder, urls=urls,
                            markdown_settings=markdown_settings, template_dirs=self.template_dirs,
                            memory=self.memory)
        problems = sorted(atlas.problems + staged.problems)
        if notices and problems:
            add_notices(staged.files, problems, staged.table_pages)
        written, removed = write_staged(staged, out_dir)
        return StageResult([str(problem) for problem in problems],
                           staged.matcher, written, removed, time.perf_counter() - start)
