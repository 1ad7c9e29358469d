"""MkDocs hook: hands the engine's pages, links and checks to MkDocs, and nothing more.

Everything of substance lives in the ``upgrading_atlas`` package, which imports no MkDocs. MkDocs
loads a hook module once and keeps it across ``mkdocs serve`` rebuilds, so all state is rebuilt in
``on_config``.
"""

from __future__ import annotations

import logging
import re
import sys
from collections import defaultdict
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).parent))

from upgrading_atlas import Atlas, AtlasExtension, Mention, Renderer, UrlScheme, build_atlas
from upgrading_atlas.export import export_json, json_schemas
from upgrading_atlas.markdown_extension import PageState

log = logging.getLogger("mkdocs.plugins.upgrading_atlas")

BACKLINKS = re.compile(r"<!-- atlas:backlinks (?P<target>[a-z]+/[a-z0-9-]+) -->")
EXPORT_PATH = "data/atlas.json"
"""The stable URL of the JSON export of all annotations."""


class _Build:
    """The state of one build."""

    def __init__(self, atlas: Atlas, renderer: Renderer, extension: AtlasExtension):
        self.atlas = atlas
        self.renderer = renderer
        self.extension = extension
        self.pages: dict[str, PageState] = {}
        self.mentions: dict[str, list[Mention]] = defaultdict(list)


_build: _Build | None = None


def _annotations_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / "annotations"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and check the annotations; fail a strict build on any problem."""
    global _build
    atlas = build_atlas(_annotations_dir(config))
    for problem in atlas.problems:
        log.error(str(problem))
    if atlas.problems and config.strict:
        raise Abort(f"Aborted: {len(atlas.problems)} problem(s) in annotations/ (listed above)")
    renderer = atlas.renderer(UrlScheme(config.use_directory_urls))
    extension = AtlasExtension(renderer)
    config.markdown_extensions.append(extension)  # type: ignore[arg-type]
    _build = _Build(atlas, renderer, extension)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages, the JSON export and the schemas."""
    assert _build is not None
    for page in _build.renderer.pages():
        if files.get_file_from_path(page.source) is None:
            files.append(File.generated(config, page.source, content=page.markdown))
    files.append(File.generated(config, EXPORT_PATH, content=export_json(_build.atlas.index)))
    for name, text in json_schemas().items():
        files.append(File.generated(config, f"schema/{name}", content=text))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Tell the extension which page it converts next."""
    assert _build is not None
    autolink = page.meta.get("atlas_autolink", True) is not False
    _build.pages[page.file.src_uri] = _build.extension.start_page(page.file.src_uri, autolink)
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Report marker problems; remember the links made, for backlinks."""
    assert _build is not None
    state = _build.pages.get(page.file.src_uri)
    if state is None:
        return html
    for problem in state.problems:
        log.error(problem)
    headings = {item.id: item.title for item in _walk_toc(page.toc)}
    for target, heading in state.context.found:
        _build.mentions[f"{target.kind}/{target.id}"].append(
            Mention(page.file.src_uri, page.title or page.file.src_uri, heading, headings.get(heading or ""))
        )
    return html


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Fill in backlinks, now that every page has been linked."""
    assert _build is not None
    if "atlas:backlinks" not in output:
        return output
    return BACKLINKS.sub(
        lambda match: _build.renderer.backlinks(
            match["target"], _build.mentions.get(match["target"], []), page.file.src_uri
        ),
        output,
    )


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: object) -> LiveReloadServer:
    """Rebuild when an annotation changes."""
    server.watch(str(_annotations_dir(config)))
    return server


def _walk_toc(items):  # type: ignore[no-untyped-def]
    for item in items:
        yield item
        yield from _walk_toc(item.children)
