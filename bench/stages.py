"""Time each stage of the engine on one site by calling its functions directly, as the hook does.

The stages: load (``load_annotations``), validate (``validate_references``), index
(``build_index``), render (``Renderer(...)``, ``.pages()``, citation files), export (the JSON export
and schemas the hook adds), markers (fragments placed by ``<!-- atlas:... -->`` lines) and link
(mentions linked), both timed inside the Markdown extension while every page's Markdown (hand-written
and generated) is converted with the site's own extensions, and backlinks (filled into every
concept and entity page). Python-Markdown's own share of the conversion is reported beside them.

The whole pass runs twice in one process: the second is what a ``mkdocs serve`` rebuild costs the
hook after an edit of one annotation, since the engine caches nothing between builds.

Usage: ``python bench/stages.py SITE_FOLDER [--passes 2]``; prints JSON.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import markdown
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

import upgrading_atlas as engine  # noqa: E402 - the engine's folder is put on the path just above
from upgrading_atlas.stage.citations import highwire_meta  # noqa: E402
from upgrading_atlas.stage.export import export_json, json_schemas  # noqa: E402

STAGES = ("load", "validate", "index", "render", "export", "markers", "link", "backlinks")
"""Every stage is work the hook adds to a build."""


class Clock:
    """Adds up the time spent in named stages."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    def timed(self, stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[stage] += time.perf_counter() - start

        return run

    def call(self, stage: str, function: Callable[..., Any], *args: Any) -> Any:
        return self.timed(stage, function)(*args)


def one_pass(site: Path) -> dict[str, Any]:
    """Every stage of one build of ``site``, timed; with counts of what was done."""
    clock = Clock()
    config = load_config(str(site / "mkdocs.yml"))
    annotations = site / "annotations"
    loaded = clock.call("load", engine.load_annotations, annotations)
    problems = loaded.problems + clock.call("validate", engine.validate_references, loaded.records)
    index = clock.call("index", engine.build_index, loaded.records)
    renderer = clock.call("render", engine.Renderer, index, engine.UrlScheme(config.use_directory_urls))
    generated = clock.call("render", renderer.pages)
    for paper_id in index.papers:
        clock.call("render", renderer.citation_files, paper_id)
    clock.call("export", export_json, index)
    clock.call("export", json_schemas)

    pages: list[tuple[str, str, dict[str, Any]]] = []
    for path in sorted(Path(config.docs_dir).rglob("*.md")):
        body, meta = get_data(path.read_text(encoding="utf-8"))
        pages.append((path.relative_to(config.docs_dir).as_posix(), body, meta))
    for page in generated:
        body, meta = get_data(page.markdown)
        pages.append((page.source, body, meta))

    extension = engine.AtlasExtension(renderer)
    mentions: dict[str, list[Any]] = defaultdict(list)
    converting = 0.0
    for source, body, meta in pages:
        if meta.get("atlas_paper") in index.papers:
            clock.call("render", highwire_meta, index.papers[meta["atlas_paper"]])
        state = extension.start_page(source, meta.get("atlas_autolink", True) is not False)
        md = markdown.Markdown(extensions=[*config.markdown_extensions, extension],
                               extension_configs=config.mdx_configs)
        for registry, name, stage in ((md.preprocessors, "atlas_markers", "markers"),
                                      (md.treeprocessors, "atlas_mentions", "link")):
            processor = registry[name]
            processor.run = clock.timed(stage, processor.run)  # type: ignore[method-assign]
        start = time.perf_counter()
        md.convert(body)
        converting += time.perf_counter() - start
        problems += state.problems

        def collect(state: Any = state, source: str = source, md: Any = md, meta: dict = meta) -> None:
            headings = {token["id"]: token["name"] for token in _walk(getattr(md, "toc_tokens", []))}
            title = meta.get("title") or source
            for target, heading in state.context.found:
                mentions[f"{target.kind}/{target.id}"].append(
                    engine.Mention(source, title, heading, headings.get(heading or ""))
                )

        clock.call("backlinks", collect)
    for page in generated:
        kind, _, name = page.source.partition("/")
        if kind in {"concepts", "entities"} and name != "index.md":
            target = f"{kind}/{name.removesuffix('.md')}"
            clock.call("backlinks", renderer.backlinks, target, mentions.get(target, []), page.source)
    links = sum(len(found) for found in mentions.values())
    python_markdown = converting - clock.seconds["markers"] - clock.seconds["link"]
    return {
        "stages": {stage: clock.seconds[stage] for stage in STAGES},
        "hook_total": sum(clock.seconds[stage] for stage in STAGES),
        "python_markdown": python_markdown,
        "pages": len(pages),
        "generated_pages": len(generated),
        "records": len(loaded.records),
        "links": links,
        "problems": [str(problem) for problem in problems[:5]],
        "problem_count": len(problems),
    }


def _walk(tokens: list[dict[str, Any]]) -> Any:
    for token in tokens:
        yield token
        yield from _walk(token.get("children", []))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a site folder with mkdocs.yml, docs/ and annotations/")
    parser.add_argument("--passes", type=int, default=2, help="passes in one process; the last is warm")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # MkDocs' config loading chatters; the numbers are what matter
    passes = [one_pass(args.site.resolve()) for _ in range(args.passes)]
    json.dump({"passes": passes}, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
