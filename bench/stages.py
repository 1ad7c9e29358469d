"""The engine's staging on its own, as the hook runs it: cold, then warm in the same process.

- cold: the first ``Stager.stage`` of a fresh process, into an empty folder (what ``mkdocs build``
  and the first build of ``mkdocs serve`` pay);
- warm, nothing changed: a second staging in the same process, with every cache filled;
- warm, one definition edited: what a ``mkdocs serve`` rebuild costs the hook after a contributor
  saves an annotation. The edit is undone afterwards.

Imports are done before the clock starts. Usage: ``python bench/stages.py SITE``; prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from serve import places

from upgrading_atlas import MarkdownSettings, Stager, UrlScheme
from upgrading_atlas.stage.config import read_site_config


def time_staging(site: Path) -> dict[str, float | int]:
    """Seconds (wall-clock and CPU) of a cold staging of ``site``, a warm one with nothing changed and a
    warm one after one definition was edited; and how many files each wrote."""
    config = read_site_config(site / "mkdocs.yml")
    settings = MarkdownSettings.from_config(config.get("markdown_extensions") or [])
    urls = UrlScheme(config.get("use_directory_urls", True) is not False, config.get("site_url") or None)
    figures: dict[str, float | int] = {}
    with tempfile.TemporaryDirectory(prefix="atlas-stage-") as out:
        stager = Stager(site / "annotations", "mkdocs")

        def stage(name: str) -> None:
            start, cpu_start = time.perf_counter(), time.process_time()
            result = stager.stage(site / "docs", Path(out), urls=urls, markdown_settings=settings)
            figures[f"{name}_seconds"] = time.perf_counter() - start
            figures[f"{name}_cpu_seconds"] = time.process_time() - cpu_start
            figures[f"{name}_written"] = len(result.written)
            if result.problems:
                raise SystemExit(f"{site}: {len(result.problems)} problem(s), first: {result.problems[0]}")

        stage("cold")
        stage("warm_unchanged")
        [place] = places(site / "annotations", 1, 0)
        original = place.path.read_bytes()
        try:
            place.edit("Benchedit000")
            stage("warm_edited")
        finally:
            place.path.write_bytes(original)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a folder with mkdocs.yml, docs/ and annotations/")
    args = parser.parse_args(argv)
    site = args.site.resolve()
    os.chdir(site)  # relative paths in the configuration (snippets' base_path) are read from the site's folder
    print(json.dumps(time_staging(site)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
