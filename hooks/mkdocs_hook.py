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

import jinja2
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import Files

ENGINE_DIR = Path(__file__).parent / "upgrading_atlas"
STAGE_DIR = Path(".cache") / "atlas" / "mkdocs"
"""Where the staged source folder is written, under the project root."""
MKDOCSTRINGS_CSS = "assets/_mkdocstrings.css"

log = logging.getLogger("mkdocs.plugins.upgrading_atlas")

_engine_stamp: float = 0.0
_stager: Any = None
_source_dirs: tuple[str, str] | None = None
_problem_count = 0


def _engine() -> ModuleType:
    """The engine package, reloaded when one of its files changed since the last build.

    Python keeps imported modules across ``mkdocs serve`` rebuilds; without this, an edit of the
    engine would need the server restarted. (An edit of this hook file still does.)
    """
    global _engine_stamp, _stager
    # sources and templates only: Python writes bytecode under __pycache__ as it imports
    stamp = max(path.stat().st_mtime for path in ENGINE_DIR.rglob("*")
                if path.is_file() and "__pycache__" not in path.parts)
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
    global _stager, _source_dirs, _problem_count
    engine = _engine()
    root = Path(config.config_file_path).parent
    if _stager is None:
        _stager = engine.Stager(root / "annotations", builder="mkdocs")
    # the extensions the configuration names; plugins add instances of their own (mkdocstrings'
    # renders the engine reference, and is needed only by the builder)
    named = tuple(name for name in config.markdown_extensions if isinstance(name, str))
    settings = engine.MarkdownSettings(named, {name: dict(config.mdx_configs.get(name, {})) for name in named})
    urls = engine.UrlScheme(config.use_directory_urls, config.site_url or None)
    # a preview marks the pages that problems affect; a strict build stops before anything is built
    result = _stager.stage(Path(config.docs_dir), root / STAGE_DIR, urls=urls, markdown_settings=settings,
                           notices=not config.strict)
    log.info(f"staged in {result.seconds:.2f} s: {len(result.written)} file(s) changed, {len(result.removed)} removed")
    for problem in result.problems:
        log.error(str(problem))
    if result.problems and config.strict:
        raise Abort(f"Aborted: {len(result.problems)} problem(s) in annotations/ or docs/ (listed above)")
    _problem_count = len(result.problems)
    # mkdocstrings (whose on_config runs before a hook's) adds its stylesheet to every page; only the
    # engine reference needs it, and overrides/main.html links it there (atlas_mkdocstrings)
    config.extra_css[:] = [path for path in config.extra_css if str(path) != MKDOCSTRINGS_CSS]
    _source_dirs = (config.docs_dir, str(root / STAGE_DIR))
    config.docs_dir = str(root / STAGE_DIR)
    config.markdown_extensions.append(engine.AtlasExtension(matcher=result.matcher, urls=urls))
    return config


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates, compiled once per process.

    MkDocs makes a new Jinja environment for every build, so without this every ``mkdocs serve``
    rebuild compiles Material's templates again (about 0.1 s of a rebuild, more under load). A
    template is compiled again when its source changes: Jinja checks the source's checksum that
    each entry carries. Keyed also by the environment's extensions, which the compiled code depends
    on; one entry per template file, so the cache does not grow across rebuilds."""

    def __init__(self) -> None:
        self.compiled: dict[tuple[str, tuple[str, ...]], bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.compiled.get(self._key(bucket))
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[self._key(bucket)] = bucket.bytecode_to_string()

    @staticmethod
    def _key(bucket: Bucket) -> tuple[str, tuple[str, ...]]:
        return bucket.key, tuple(sorted(bucket.environment.extensions))


_theme_templates = _CompiledTemplates()


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """Reuse the theme's compiled templates from earlier builds in this process."""
    env.bytecode_cache = _theme_templates
    return env


PER_BUILD_CACHES = (
    ("mkdocstrings_handlers.python._internal.rendering", "_test_existing_template"),
    ("griffe._internal.extensions.dataclasses", "_dataclass_parameters"),
)
"""Unbounded caches, in the plugins that render the engine reference, keyed by objects made anew for
every build: mkdocstrings-python's template look-ups, keyed by its handler's Jinja environment, and
griffe's dataclass parameters, keyed by the classes of the modules it loads for each build."""


def _release_reference_caches() -> None:
    """Let the plugins that render the engine reference forget the build that rendered it.

    Each entry of the caches in ``PER_BUILD_CACHES`` keeps its build alive: the environment keeps
    the rest of that build reachable (every page's Markdown and HTML, the staged records, autorefs'
    maps), about 19 MB of this site; a class keeps its module's whole model and source (about 2 MB).
    In ``mkdocs serve`` that was one more copy for every rebuild of the reference page (every rebuild
    without ``--dirty``). The caches only save look-ups, so emptying them after a build changes no
    output. A cache that a later version renames is left alone."""
    for module_name, function_name in PER_BUILD_CACHES:
        module = sys.modules.get(module_name)  # not imported: nothing cached
        clear = getattr(getattr(module, function_name, None), "cache_clear", None)
        if callable(clear):
            clear()


def on_post_build(config: MkDocsConfig) -> None:
    """Say how many problems there are, last, so that no rebuild's problems go unseen."""
    _release_reference_caches()
    if _problem_count:
        log.warning(f"{_problem_count} problem(s) in annotations/ or docs/, listed above; the preview "
                    "marks each page they affect")
    else:
        log.info("annotations and pages: no problems")


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
