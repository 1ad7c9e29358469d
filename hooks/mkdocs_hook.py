"""MkDocs hook: hands the engine's pages, links and checks to MkDocs, and nothing more.

Everything of substance lives in the ``upgrading_atlas`` package, which imports no MkDocs. MkDocs
loads a hook module once and keeps it across ``mkdocs serve`` rebuilds, so all state is rebuilt in
``on_config``, and the engine itself is reloaded there when one of its files changed.
"""

from __future__ import annotations

import importlib
import logging
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

ENGINE_DIR = Path(__file__).parent / "upgrading_atlas"

log = logging.getLogger("mkdocs.plugins.upgrading_atlas")

BACKLINKS = re.compile(r"<!-- atlas:backlinks (?P<target>[a-z]+/[a-z0-9-]+) -->")
EXPORT_PATH = "data/atlas.json"
"""The stable URL of the JSON export of all annotations."""


class _Build:
    """The state of one build."""

    def __init__(self, engine: ModuleType, index: Any, renderer: Any, extension: Any):
        self.engine = engine
        self.index = index
        self.renderer = renderer
        self.extension = extension
        self.pages: dict[str, Any] = {}
        self.mentions: dict[str, list[Any]] = defaultdict(list)


_build: _Build | None = None
_engine_stamp: float = 0.0


def _engine() -> ModuleType:
    """The engine package, reloaded when one of its files changed since the last build.

    Python keeps imported modules across ``mkdocs serve`` rebuilds; without this, an edit of the
    engine would need the server restarted. (An edit of this hook file still does.)
    """
    global _engine_stamp
    stamp = max(path.stat().st_mtime for path in ENGINE_DIR.rglob("*") if path.is_file())
    if _engine_stamp and stamp != _engine_stamp:
        for name in [name for name in sys.modules if name.split(".")[0] == "upgrading_atlas"]:
            del sys.modules[name]
        log.info("engine files changed: reloaded upgrading_atlas")
    _engine_stamp = stamp
    # MkDocs puts a hook's folder on sys.path only while it loads the hook module
    if str(ENGINE_DIR.parent) not in sys.path:
        sys.path.insert(0, str(ENGINE_DIR.parent))
    return importlib.import_module("upgrading_atlas")


def _annotations_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / "annotations"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and check the annotations; fail a strict build on any problem."""
    global _build
    engine = _engine()
    atlas = engine.build_atlas(_annotations_dir(config), Path(config.docs_dir))
    for problem in atlas.problems:
        log.error(str(problem))
    if atlas.problems and config.strict:
        raise Abort(f"Aborted: {len(atlas.problems)} problem(s) in annotations/ (listed above)")
    renderer = atlas.renderer(engine.UrlScheme(config.use_directory_urls, config.site_url or None))
    extension = engine.AtlasExtension(renderer)
    config.markdown_extensions.append(extension)
    # keep the index, not the records: their parsed YAML is not needed after validation
    _build = _Build(engine, atlas.index, renderer, extension)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages, the JSON export and the schemas."""
    assert _build is not None
    for page in _build.renderer.pages():
        if files.get_file_from_path(page.source) is None:
            files.append(File.generated(config, page.source, content=page.markdown))
    for paper_id in _build.index.papers:
        for path, content in _build.renderer.citation_files(paper_id):
            files.append(File.generated(config, path, content=content))
    export = importlib.import_module("upgrading_atlas.stage.export")
    files.append(File.generated(config, EXPORT_PATH, content=export.export_json(_build.index)))
    for name, text in export.json_schemas().items():
        files.append(File.generated(config, f"schema/{name}", content=text))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Tell the extension which page it converts next."""
    assert _build is not None
    autolink = page.meta.get("atlas_autolink", True) is not False
    paper = _build.index.papers.get(page.meta.get("atlas_paper", ""))
    if paper is not None:
        # read by overrides/main.html: Highwire Press tags, so reference managers save the paper
        page.meta["atlas_head_meta"] = importlib.import_module("upgrading_atlas.stage.citations").highwire_meta(paper)
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
    title = page.title or page.file.src_uri
    for target, heading in state.context.found:
        _build.mentions[f"{target.kind}/{target.id}"].append(
            _build.engine.Mention(page.file.src_uri, title, heading, headings.get(heading or ""))
        )
    return html


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Fill in backlinks, now that every page has been linked."""
    assert _build is not None
    build = _build
    if "atlas:backlinks" not in output:
        return output
    return BACKLINKS.sub(
        lambda match: build.renderer.backlinks(
            match["target"], build.mentions.get(match["target"], []), page.file.src_uri
        ),
        output,
    )


def on_post_build(config: MkDocsConfig) -> None:
    """Write a redirect from each former id of a concept to its page, so old URLs keep working."""
    assert _build is not None
    for output, html in _build.renderer.redirects():
        path = Path(config.site_dir) / output
        if path.exists():
            log.error(f"a redirect for a former id would overwrite {output}: remove that id from former_ids")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    """Rebuild when an annotation or an engine file changes."""
    server.watch(str(_annotations_dir(config)))
    server.watch(str(ENGINE_DIR))
    return server


def _walk_toc(items: Any) -> Iterator[Any]:
    for item in items:
        yield item
        yield from _walk_toc(item.children)
