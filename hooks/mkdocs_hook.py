"""MkDocs hook: stages the site with the engine, then lets MkDocs build the staged folder.

Everything of substance lives in the ``upgrading_atlas`` package, which imports no MkDocs; the same
staging serves every builder (``python -m upgrading_atlas stage``). MkDocs loads a hook module once
and keeps it across ``mkdocs serve`` rebuilds: the engine is reloaded in ``on_config`` when one of
its files changed, and the stager it keeps there caches what did not change between rebuilds.
"""

from __future__ import annotations

import importlib
import logging
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer

ENGINE_DIR = Path(__file__).parent / "upgrading_atlas"
STAGE_DIR = Path(".cache") / "atlas" / "mkdocs"
"""Where the staged source folder is written, under the project root."""
MKDOCSTRINGS_CSS = "assets/_mkdocstrings.css"

log = logging.getLogger("mkdocs.plugins.upgrading_atlas")

_engine_stamp: float = 0.0
_stager: Any = None
_source_dirs: tuple[str, str] | None = None


def _engine() -> ModuleType:
    """The engine package, reloaded when one of its files changed since the last build.

    Python keeps imported modules across ``mkdocs serve`` rebuilds; without this, an edit of the
    engine would need the server restarted. (An edit of this hook file still does.)
    """
    global _engine_stamp, _stager
    stamp = max(path.stat().st_mtime for path in ENGINE_DIR.rglob("*") if path.is_file())
    if _engine_stamp and stamp != _engine_stamp:
        for name in [name for name in sys.modules if name.split(".")[0] == "upgrading_atlas"]:
            del sys.modules[name]
        _stager = None
        log.info("engine files changed: reloaded upgrading_atlas")
    _engine_stamp = stamp
    # MkDocs puts a hook's folder on sys.path only while it loads the hook module
    if str(ENGINE_DIR.parent) not in sys.path:
        sys.path.insert(0, str(ENGINE_DIR.parent))
    return importlib.import_module("upgrading_atlas")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Stage the site; build the staged folder instead of ``docs/``; fail a strict build on any problem."""
    global _stager, _source_dirs
    engine = _engine()
    root = Path(config.config_file_path).parent
    if _stager is None:
        _stager = engine.Stager(root / "annotations", builder="mkdocs")
    settings = engine.MarkdownSettings(tuple(config.markdown_extensions), dict(config.mdx_configs))
    urls = engine.UrlScheme(config.use_directory_urls, config.site_url or None)
    result = _stager.stage(Path(config.docs_dir), root / STAGE_DIR, urls=urls, markdown_settings=settings)
    for problem in result.problems:
        log.error(str(problem))
    if result.problems and config.strict:
        raise Abort(f"Aborted: {len(result.problems)} problem(s) in annotations/ or docs/ (listed above)")
    if result.problems:
        log.warning(f"{len(result.problems)} problem(s) in annotations/ or docs/ (listed above)")
    # mkdocstrings (whose on_config runs before a hook's) adds its stylesheet to every page; only the
    # engine reference needs it, and overrides/main.html links it there (atlas_mkdocstrings)
    config.extra_css[:] = [path for path in config.extra_css if str(path) != MKDOCSTRINGS_CSS]
    _source_dirs = (config.docs_dir, str(root / STAGE_DIR))
    config.docs_dir = str(root / STAGE_DIR)
    config.markdown_extensions.append(engine.AtlasExtension(matcher=result.matcher, urls=urls))
    return config


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    """Watch the hand-written pages, the annotations and the engine, not the staged folder, which
    every rebuild writes."""
    if _source_dirs is not None:
        docs_dir, staged_dir = _source_dirs
        server.unwatch(staged_dir)
        server.watch(docs_dir)
    server.watch(str(Path(config.config_file_path).parent / "annotations"))
    server.watch(str(ENGINE_DIR))
    return server
