"""``make bench``: how long the atlas takes to build and to preview, and how much memory the preview keeps.

1. The preview (``bench/serve.py``), on a copy of the real project: ``mkdocs serve --dirty`` as
   ``make serve`` runs it; save-to-page latency of ``--edits`` edits (half of a concept's
   ``definition``, half of a sense's ``meaning``), and the serve process's memory after 1, 10 and
   ``--rebuilds`` rebuilds.
2. Full builds (``bench/sites.py``) of the real site and of synthetic corpora (``--sizes``), each a
   fresh process, interleaved in rotating order: (a) ``mkdocs build`` with the hook from a cold start,
   (b) the staged folder built by MkDocs with no hook, (c) Zensical on the folder staged for it. A
   first round is not counted (it also checks that (a) and (b) write the same files); at 100× it is,
   and there are fewer runs.
3. Staging on its own (``bench/stages.py``): cold, and warm in the same process.

Progress goes to standard error, the report (Markdown) to standard output, every figure to a JSON
file (``--json``). The machine is shared: the load average is recorded beside each figure.

Usage: ``python bench/run.py [--sizes real,1,10,100] [--runs 5] [--large-runs 2] [--no-serve]``
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from generate_corpus import DEFAULT_SEED, CorpusSize, generate
from report import machine_description, report
from serve import measure_serve
from sites import BUILD_KINDS, ENV, ROOT, Build, SiteBuilds, copy_project, differing_files, html_pages

STAGES_SCRIPT = Path(__file__).resolve().parent / "stages.py"
LARGE_SCALE = 100
"""From this scale on, one build takes minutes: no uncounted first round, ``--large-runs`` runs."""
MEDIUM_SCALE = 10
MAX_PAGES = 20_000
"""A site with more pages takes longer to build than the whole benchmark may (20 minutes)."""
"""From this scale on, ``--medium-runs`` runs."""


@dataclass
class SiteResult:
    """Everything measured on one site."""

    name: str
    papers: int = 0
    records: int = 0
    """Concepts plus entities."""
    html_pages: int = 0
    builds: dict[str, list[Build]] = field(default_factory=lambda: {kind: [] for kind in BUILD_KINDS})
    loads: list[float] = field(default_factory=list)
    """The one-minute load average at the start of each counted build."""
    same_output: list[str] | None = None
    """Files that differ between (a) and (b); empty when they are byte-identical."""
    staging: dict[str, float | int] = field(default_factory=dict)
    skipped: str = ""
    notes: list[str] = field(default_factory=list)


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def load_average() -> float:
    return os.getloadavg()[0]


def count_records(annotations: Path) -> tuple[int, int]:
    """Papers, and concepts plus entities, by their files."""

    def files(kind: str) -> int:
        return sum(1 for _ in (annotations / kind).glob("*.yml"))

    return files("papers"), files("concepts") + files("entities")


def expected_pages(site: Path) -> tuple[int, int]:
    """About how many pages the staged site has, and how many of them compare two papers: the
    hand-written pages, a page per concept and entity, the indexes, and a page per pair of papers."""
    papers, records = count_records(site / "annotations")
    pairs = papers * (papers - 1) // 2
    written = sum(1 for _ in (site / "docs").rglob("*.md"))
    return written + records + pairs + 5, pairs


def staging_times(site: Path) -> dict[str, float | int]:
    """``bench/stages.py`` on ``site``, in a fresh process."""
    result = subprocess.run([sys.executable, str(STAGES_SCRIPT), str(site)], capture_output=True, text=True,
                            env=ENV, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"stages.py failed on {site}: {result.stderr.strip()[-1000:]}")
    return dict(json.loads(result.stdout))


def measure_builds(result: SiteResult, site: Path, work: Path, runs: int, first_round_counts: bool,
                   max_pages: int) -> SiteResult:
    """Build ``site`` the three ways, ``runs`` times each, interleaved; then time its staging."""
    pages, pairs = expected_pages(site)
    if pages > max_pages:
        result.skipped = (f"not built: the staged site would have about {pages:,} pages, {pairs:,} of them comparing "
                          f"two papers (one page per pair of {result.papers:,} papers), over --max-pages {max_pages:,}")
        return result
    builds = SiteBuilds(site, work)
    try:
        for builder in ("mkdocs", "zensical"):
            builds.stage(builder)
    except RuntimeError as error:
        result.skipped = str(error)
        return result
    for run in range(runs + (0 if first_round_counts else 1)):
        counted = first_round_counts or run > 0
        # rotate the order, so that a drift of the machine's load falls on every kind alike
        for kind in BUILD_KINDS[run % 3:] + BUILD_KINDS[:run % 3]:
            load = load_average()
            build = builds.build(kind)
            if not build.ok:
                result.skipped = f"a build ({kind}) failed: {build.error}"
                return result
            label = f"run {run + (1 if first_round_counts else 0)}/{runs}" if counted else "first round, not counted"
            progress(f"  {result.name}: {label}: {kind} {build.seconds:.1f} s, {build.max_rss_mib:.0f} MiB "
                     f"(load {load:.1f})")
            if counted:
                result.builds[kind].append(build)
                result.loads.append(load)
        if run == 0:
            result.same_output = differing_files(builds.output("hook"), builds.output("staged"))
            result.html_pages = html_pages(builds.output("staged"))
    progress(f"  {result.name}: staging on its own")
    result.staging = staging_times(site)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="real,1,10,100",
                        help="comma-separated: real and scales of the synthetic corpus (default real,1,10,100)")
    parser.add_argument("--runs", type=int, default=5, help="counted builds of each kind per site (default 5)")
    parser.add_argument("--medium-runs", type=int, default=3, help=f"from {MEDIUM_SCALE}× on (default 3)")
    parser.add_argument("--large-runs", type=int, default=2, help=f"from {LARGE_SCALE}× on (default 2)")
    parser.add_argument("--edits", type=int, default=10, help="timed edits in the preview (default 10)")
    parser.add_argument("--rebuilds", type=int, default=50, help="preview rebuilds in all, for memory (default 50)")
    parser.add_argument("--no-serve", action="store_true", help="skip the preview's latency and memory")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--max-pages", type=int, default=MAX_PAGES,
                        help=f"skip the builds of a site with more pages than this (default {MAX_PAGES:,})")
    parser.add_argument("--json", type=Path, default=ROOT / ".cache" / "bench" / "results.json",
                        help="where to write every figure (default .cache/bench/results.json)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary folder)")
    args = parser.parse_args(argv)
    sizes = [part.strip().removesuffix("x").removesuffix("×") for part in args.sizes.split(",") if part.strip()]
    started = time.perf_counter()
    machine = machine_description()
    loads_at_start = os.getloadavg()
    progress(f"benchmark on {machine}; load average {loads_at_start[0]:.1f} {loads_at_start[1]:.1f} "
             f"{loads_at_start[2]:.1f}")
    serve: dict[str, Any] | None = None
    results: list[SiteResult] = []
    with tempfile.TemporaryDirectory(prefix="atlas-bench-") as temp:
        work = args.keep.resolve() if args.keep else Path(temp)
        work.mkdir(parents=True, exist_ok=True)
        if not args.no_serve:
            progress("preview: mkdocs serve --dirty on a copy of the project")
            load = load_average()
            measured = measure_serve(copy_project(work / "serve"), args.edits, max(args.edits, args.rebuilds),
                                     progress=progress)
            serve = {**asdict(measured), "load_at_start": load, "load_at_end": load_average()}
            if measured.error:
                progress(f"  preview failed: {measured.error}")
        for size in sizes:
            if size == "real":
                progress("real site")
                result = SiteResult("real", *count_records(ROOT / "annotations"))
                results.append(measure_builds(result, copy_project(work / "real"), work / "builds-real",
                                              args.runs, first_round_counts=False, max_pages=args.max_pages))
                continue
            scale = float(size)
            name = f"{scale:g}×"
            progress(f"{name}: generating the corpus")
            corpus = CorpusSize.of(scale)
            site = work / f"corpus-{scale:g}x"
            generate(site, scale, args.seed)
            result = SiteResult(name, corpus.papers, corpus.concepts + corpus.entities)
            runs = args.large_runs if scale >= LARGE_SCALE else args.medium_runs if scale >= MEDIUM_SCALE else args.runs
            if scale >= LARGE_SCALE:
                result.notes.append(f"{runs} run(s) of each kind, the first round counted: one build takes minutes")
            results.append(measure_builds(result, site, work / f"builds-{scale:g}x", runs,
                                          first_round_counts=scale >= LARGE_SCALE, max_pages=args.max_pages))
            if not args.keep:
                shutil.rmtree(site, ignore_errors=True)
                shutil.rmtree(work / f"builds-{scale:g}x", ignore_errors=True)
    elapsed = time.perf_counter() - started
    loads_at_end = os.getloadavg()
    figures = {"machine": machine, "seconds": elapsed, "load_at_start": loads_at_start, "load_at_end": loads_at_end,
               "serve": serve, "sites": [asdict(result) for result in results]}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print(report(figures))
    progress(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
