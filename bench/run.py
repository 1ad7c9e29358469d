"""Benchmark of the atlas's build: the real site and synthetic corpora of 1×, 10× and 100× its size.

For each site: a strict ``mkdocs build`` with our hooks, and the same docs built without them (the
floor: the same config less its ``hooks:`` entry, so the marker comments stay HTML comments and no
concept, entity or index page is generated), interleaved, several runs each; the peak memory of
each build (the child's ``ru_maxrss``); the weight of the biggest HTML page; then the time of each
engine stage (``bench/stages.py``), twice in one process where affordable, the second pass being
what a ``mkdocs serve`` rebuild costs the hook. Below 100×, the same pages are also built as static
files, with and without mkdocs-autorefs (``bench/peers.py``). Last, how build time grows with the
corpus, and the figures beside the project's targets (printed, not asserted).

Usage: ``python bench/run.py [--sizes real,1,10,100] [--runs 5] [--large-runs 3] [--seed 7]``
(``--help`` for the rest). Progress goes to standard error, the report to standard output.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from generate_corpus import DEFAULT_SEED, CorpusSize, generate
from peers import count_references, without_hooks, write_variants

ROOT = Path(__file__).resolve().parent.parent
STAGES_SCRIPT = Path(__file__).resolve().parent / "stages.py"
KIND_LABELS = {"hooked": "with hooks", "floor": "without hooks", "static": "static pages, no hooks",
               "autorefs": "static pages + autorefs"}
STAGE_NAMES = ("load", "validate", "index", "render", "export", "markers", "link", "backlinks")
LARGE_SCALE = 100
"""From this scale on, a build takes minutes: fewer runs, no warm-up build, one stage pass."""

TARGET_REAL_OVERHEAD = 0.10
TARGET_LARGE_OVERHEAD = 0.20
TARGET_REBUILD_SECONDS = 1.0
TARGET_MEMORY_RATIO = 1.5
LINEAR_EXPONENT = 1.1
"""Growth of build time with pages built, as an exponent: up to this we call it linear."""


@dataclass
class Build:
    """One ``mkdocs build`` in a child process."""

    seconds: float
    cpu_seconds: float
    max_rss_mib: float
    ok: bool
    error: str = ""


@dataclass
class SiteResult:
    """Everything measured on one site."""

    name: str
    scale: float | None
    papers: int = 0
    records: int = 0
    """Concepts plus entities."""
    html_pages: int = 0
    runs: int = 0
    builds: dict[str, list[Build]] = field(default_factory=dict)
    """Timed builds by kind: ``hooked``, ``floor``, and for the comparison ``static`` and ``autorefs``."""
    references: int = 0
    """Explicit references in the autorefs variant."""
    largest_page: tuple[int, str] = (0, "")
    site_bytes: int = 0
    passes: list[dict[str, Any]] = field(default_factory=list)
    skipped: str = ""
    notes: list[str] = field(default_factory=list)

    def median(self, kind: str) -> float:
        return statistics.median(build.seconds for build in self.builds[kind])

    def peak(self, kind: str) -> float:
        return max(build.max_rss_mib for build in self.builds[kind])

    @property
    def ratio(self) -> float:
        return self.median("hooked") / self.median("floor")

    @property
    def memory_ratio(self) -> float:
        return self.peak("hooked") / self.peak("floor")


# --- running builds -------------------------------------------------------------------------------


def run_build(config: Path, site_dir: Path, strict: bool) -> Build:
    """Time one build of ``config`` into ``site_dir``, with the child's peak memory."""
    shutil.rmtree(site_dir, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config),
               "--site-dir", str(site_dir)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=config.parent, stdout=subprocess.DEVNULL, stderr=stderr, env=env)
        # wait4 gives this child's own resource usage, where getrusage would give the maximum over all
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        lines = [line for line in stderr.read().decode(errors="replace").splitlines() if line.strip()]
    errors = [line for line in lines if "ERROR" in line or "Error" in line or "Aborted" in line]
    return Build(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, child.returncode == 0,
                 "" if child.returncode == 0 else (errors or lines or ["(no output)"])[-1][:300])


def floor_config(site: Path, work: Path) -> Path:
    """A folder that mirrors ``site`` through symbolic links, with a config that has no hooks.

    Relative paths in the config (docs, theme overrides, handler paths) resolve from the config's
    folder, so the mirror makes them resolve to the same files.
    """
    mirror = work / f"floor-{site.name}"
    shutil.rmtree(mirror, ignore_errors=True)
    mirror.mkdir(parents=True)
    for entry in site.iterdir():
        if entry.name not in {"mkdocs.yml", "site"} and not entry.name.startswith("."):
            (mirror / entry.name).symlink_to(entry)
    (mirror / "mkdocs.yml").write_text(without_hooks((site / "mkdocs.yml").read_text(encoding="utf-8")),
                                       encoding="utf-8")
    return mirror / "mkdocs.yml"


def page_weights(site_dir: Path) -> tuple[int, tuple[int, str], int]:
    """The number of HTML pages, the biggest (bytes, path), and the bytes of the whole site."""
    pages = [path for path in site_dir.rglob("*.html") if path.name != "404.html"]
    biggest = max(((path.stat().st_size, path.relative_to(site_dir).as_posix()) for path in pages), default=(0, ""))
    total = sum(path.stat().st_size for path in site_dir.rglob("*") if path.is_file())
    return len(pages), biggest, total


def count_records(annotations: Path) -> tuple[int, int]:
    """Papers, and concepts plus entities, by their files."""

    def files(kind: str) -> int:
        return sum(1 for _ in (annotations / kind).glob("*.yml"))

    return files("papers"), files("concepts") + files("entities")


def stage_passes(site: Path, passes: int) -> list[dict[str, Any]]:
    """The engine's stages on ``site``, from ``bench/stages.py`` in a child process."""
    result = subprocess.run([sys.executable, str(STAGES_SCRIPT), str(site), "--passes", str(passes)],
                            capture_output=True, text=True, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if result.returncode != 0:
        raise RuntimeError(f"stages.py failed on {site}: {result.stderr.strip().splitlines()[-1:]}")
    return json.loads(result.stdout)["passes"]


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def measure(result: SiteResult, site: Path, work: Path, runs: int, warm_up: bool, passes: int,
            peers: bool = False) -> SiteResult:
    """Build ``site`` with and without hooks ``runs`` times each, interleaved, then time the stages."""
    out = work / f"out-{site.name}"
    configs = {"hooked": site / "mkdocs.yml"}
    try:
        configs["floor"] = floor_config(site, work)
        if peers:
            configs.update(write_variants(site, work))
            result.references = count_references(configs["autorefs"])
    except ValueError as error:
        result.skipped = str(error)
        return result
    first = run_build(configs["hooked"], out, strict=True)
    if not first.ok:
        result.skipped = f"the strict build fails: {first.error}"
        return result
    result.html_pages, result.largest_page, result.site_bytes = page_weights(out)
    result.builds = {kind: [] for kind in configs}
    if warm_up:
        progress(f"  {result.name}: warm-up build {first.seconds:.1f} s (not counted)")
    else:
        result.builds["hooked"].append(first)
        result.notes.append("no warm-up build: the first build with hooks is counted")
        progress(f"  {result.name}: with hooks {first.seconds:.1f} s")
    kinds = list(configs)
    for run in range(runs):
        # rotate the order, so that a drift of the machine falls on every kind alike
        for kind in kinds[run % len(kinds):] + kinds[: run % len(kinds)]:
            if len(result.builds[kind]) >= runs:
                continue
            build = run_build(configs[kind], out, strict=kind != "floor")
            if not build.ok:
                result.skipped = f"a build ({kind}) failed on run {run + 1}: {build.error}"
                return result
            result.builds[kind].append(build)
            progress(f"  {result.name}: run {run + 1}/{runs} {KIND_LABELS[kind]} {build.seconds:.1f} s, "
                     f"{build.max_rss_mib:.0f} MiB")
    result.runs = runs
    shutil.rmtree(out, ignore_errors=True)
    progress(f"  {result.name}: engine stages, {passes} pass(es)")
    result.passes = stage_passes(site, passes)
    if passes < 2:
        result.notes.append("one stage pass only (no warm second pass)")
    return result


# --- reporting ------------------------------------------------------------------------------------


def spread(builds: list[Build]) -> str:
    """Median (min–max) seconds."""
    times = [build.seconds for build in builds]
    return f"{statistics.median(times):.2f} ({min(times):.2f}–{max(times):.2f})"


def percent(ratio: float) -> str:
    return f"{(ratio - 1) * 100:+.0f} %"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def builds_table(results: list[SiteResult]) -> str:
    rows = []
    for r in results:
        if r.skipped:
            rows.append([r.name, "skipped: " + r.skipped.replace("|", "/")] + [""] * 9)
            continue
        rows.append([
            r.name, str(r.papers), str(r.records), str(r.html_pages), str(len(r.builds["hooked"])),
            spread(r.builds["hooked"]), spread(r.builds["floor"]), f"{r.ratio:.2f} ({percent(r.ratio)})",
            f"{r.peak('hooked'):.0f} / {r.peak('floor'):.0f} ({r.memory_ratio:.2f}×)",
            f"{r.largest_page[0] / 1024:,.0f} KiB `{r.largest_page[1]}`",
            f"{r.site_bytes / 2**20:,.0f} MiB",
        ])
    return table(["site", "papers", "concepts + entities", "HTML pages", "runs",
                  "with hooks, s: median (min–max)", "without hooks, s", "ratio", "peak RSS with / without, MiB",
                  "largest page", "site size"], rows)


def stages_table(results: list[SiteResult]) -> str:
    rows = []
    for r in results:
        if r.skipped or not r.passes:
            continue
        last = r.passes[-1]
        rows.append([r.name, *(f"{last['stages'][s] * 1000:,.0f}" for s in STAGE_NAMES),
                     f"{r.passes[0]['hook_total']:.2f}",
                     f"{last['hook_total']:.2f}" if len(r.passes) > 1 else "—",
                     f"{last['python_markdown']:.2f}", f"{last['links']:,}"])
    return table(["site", *(f"{s}, ms" for s in STAGE_NAMES), "hook work, 1st pass, s",
                  "warm rebuild (2nd pass), s", "Python-Markdown, s", "links made"], rows)


def exponent(y1: float, y2: float, x1: float, x2: float) -> float:
    return math.log(y2 / y1) / math.log(x2 / x1) if y1 > 0 and y2 > 0 and x1 != x2 else float("nan")


def growth(results: list[SiteResult]) -> tuple[str, list[str], float | None]:
    """Time per paper, per record and per page from the smallest to the largest synthetic corpus, and
    the growth exponent between consecutive sizes (1.0 is linear), for the build and for each stage."""
    sized = sorted((r for r in results if r.scale is not None and not r.skipped), key=lambda r: r.papers)
    if len(sized) < 2:
        return "(growth needs at least two synthetic sizes)", [], None
    small, large = sized[0], sized[-1]
    lines = []
    for label, pick in (("with hooks", lambda r: r.median("hooked")), ("without hooks", lambda r: r.median("floor")),
                        ("hooks' share (difference)", lambda r: r.median("hooked") - r.median("floor"))):
        delta = pick(large) - pick(small)
        lines.append(
            f"- {label}: {delta / (large.papers - small.papers) * 1000:,.0f} ms per paper page, "
            f"{delta / (large.records - small.records) * 1000:,.1f} ms per concept or entity, "
            f"{delta / (large.html_pages - small.html_pages) * 1000:,.1f} ms per HTML page built "
            f"({small.name} → {large.name})"
        )
    rows = []
    last_exponent = None
    for a, b in itertools.pairwise(sized):
        build_exp = exponent(a.median("hooked"), b.median("hooked"), a.html_pages, b.html_pages)
        floor_exp = exponent(a.median("floor"), b.median("floor"), a.html_pages, b.html_pages)
        stage_exps = []
        for stage in STAGE_NAMES:
            before, after = a.passes[-1]["stages"][stage], b.passes[-1]["stages"][stage]
            stage_exps.append(f"{exponent(before, after, a.html_pages, b.html_pages):.2f}")
        rows.append([f"{a.name} → {b.name}", f"×{b.html_pages / a.html_pages:.1f}",
                     f"×{b.median('hooked') / a.median('hooked'):.1f}", f"{build_exp:.2f}", f"{floor_exp:.2f}",
                     *stage_exps])
        last_exponent = build_exp
    text = table(["sizes", "HTML pages", "build time with hooks", "exponent with hooks", "exponent without",
                  *(f"{s} exp." for s in STAGE_NAMES)], rows)
    return text, lines, last_exponent


def decomposition(results: list[SiteResult]) -> list[str]:
    """Where the time the hooks add goes: the engine's own work, and MkDocs on the pages it adds."""
    lines = []
    for r in results:
        if r.skipped or not r.passes:
            continue
        added = r.median("hooked") - r.median("floor")
        engine = r.passes[0]["hook_total"]
        generated = r.passes[0]["generated_pages"]
        lines.append(
            f"- {r.name}: hooks add {added:.2f} s; the engine's own work (stages, first pass) is {engine:.2f} s; "
            f"the rest, about {max(added - engine, 0):.2f} s, is MkDocs and Material building the {generated:,} "
            "pages the atlas generates (Markdown, theme, search index, writing)"
        )
    return lines


def peers_table(results: list[SiteResult]) -> str:
    rows = []
    for r in results:
        if r.skipped or "static" not in r.builds:
            continue
        static = r.median("static")
        rows.append([
            r.name, spread(r.builds["hooked"]), spread(r.builds["static"]), spread(r.builds["autorefs"]),
            percent(r.median("hooked") / static), percent(r.median("autorefs") / static),
            f"{r.passes[-1]['links']:,} / {r.references:,}",
        ])
    if not rows:
        return "(not run)"
    return table(["site", "with hooks, s", "static pages, no hooks, s", "static + autorefs, s",
                  "hooks over static", "autorefs over static", "links: ours / autorefs references"], rows)


def verdict(ok: bool) -> str:
    return "meets" if ok else "misses"


def targets(results: list[SiteResult], last_exponent: float | None) -> list[str]:
    by_name = {r.name: r for r in results}
    lines = []
    real = by_name.get("real")
    if real and not real.skipped:
        lines.append(f"- hooks add ≤ {TARGET_REAL_OVERHEAD * 100:.0f} % to the real site's build: "
                     f"{percent(real.ratio)} — {verdict(real.ratio - 1 <= TARGET_REAL_OVERHEAD)}")
    else:
        lines.append(f"- hooks add ≤ {TARGET_REAL_OVERHEAD * 100:.0f} % to the real site's build: not measured "
                     "(real site skipped)")
    large = max((r for r in results if r.scale and not r.skipped), key=lambda r: r.papers, default=None)
    if large is not None:
        lines.append(f"- hooks add ≤ {TARGET_LARGE_OVERHEAD * 100:.0f} % at the largest size ({large.name}): "
                     f"{percent(large.ratio)} — {verdict(large.ratio - 1 <= TARGET_LARGE_OVERHEAD)}")
        lines.append(f"- peak memory with hooks within {TARGET_MEMORY_RATIO}× of without ({large.name}): "
                     f"{large.memory_ratio:.2f}× — {verdict(large.memory_ratio <= TARGET_MEMORY_RATIO)}")
    if last_exponent is not None:
        lines.append(f"- linear growth (exponent of build time in HTML pages built ≤ {LINEAR_EXPONENT}, between "
                     f"the two largest sizes): {last_exponent:.2f} — {verdict(last_exponent <= LINEAR_EXPONENT)}")
    rebuild_site = real if real and not real.skipped and len(real.passes) > 1 else None
    stand_in = by_name.get("1×")
    if rebuild_site is None and stand_in and not stand_in.skipped and len(stand_in.passes) > 1:
        rebuild_site = stand_in
    if rebuild_site is not None:
        seconds = rebuild_site.passes[-1]["hook_total"]
        who = "the real site" if rebuild_site is real else "1× (the real site's size; the real site was skipped)"
        lines.append(f"- serve-style rebuild, hook-side work ≤ {TARGET_REBUILD_SECONDS:.0f} s on {who}: "
                     f"{seconds:.2f} s (warm second pass) — {verdict(seconds <= TARGET_REBUILD_SECONDS)}")
    return lines


def report(results: list[SiteResult], machine: str, seconds: float) -> str:
    growth_table, slopes, last_exponent = growth(results)
    notes = [f"- {r.name}: {note}" for r in results for note in r.notes]
    return "\n\n".join([
        f"Machine: {machine}",
        "Builds (`mkdocs build`; with hooks strict; without hooks not strict, since without the hook the"
        " generated pages that nav and links name are missing; strictness changes no work):",
        builds_table(results),
        "Where the added time goes:",
        "\n".join(decomposition(results)),
        "Engine stages, warm pass, from bench/stages.py:",
        stages_table(results),
        "Growth (exponent: log of the time ratio over log of the page ratio; 1.0 is linear):",
        growth_table,
        "\n".join(slopes),
        "Peer comparison on the same pages (static: the generated pages written out as files, no engine):",
        peers_table(results),
        "Targets (not asserted):",
        "\n".join(targets(results, last_exponent)),
        *(["Notes:", "\n".join(notes)] if notes else []),
        f"Benchmark time: {seconds / 60:.1f} min",
    ])


def machine_description() -> str:
    cores = os.cpu_count()
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        model = found.group(1) if found else ""
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        found = re.search(r"^MemTotal:\s*(\d+) kB", meminfo.read_text(), re.MULTILINE)
        memory = f", {int(found.group(1)) / 2**20:.0f} GiB memory" if found else ""
    return f"{cores} cores ({model}){memory}, Python {sys.version.split()[0]}"


# --- main -------------------------------------------------------------------------------------------


def parse_sizes(text: str) -> list[str]:
    sizes = [part.strip().removesuffix("x") for part in text.split(",") if part.strip()]
    for size in sizes:
        if size != "real":
            float(size)
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=parse_sizes, default=parse_sizes("real,1,10,100"),
                        help="comma-separated: real and scales (default real,1,10,100)")
    parser.add_argument("--runs", type=int, default=5, help="timed builds of each kind per site (default 5)")
    parser.add_argument("--large-runs", type=int, default=3,
                        help=f"timed builds per kind from {LARGE_SCALE}× on (default 3)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--json", type=Path, help="also write every measurement to this file")
    parser.add_argument("--peers-below", type=float, default=LARGE_SCALE,
                        help="compare with mkdocs-autorefs on synthetic sizes below this scale (default 100; 0: never)")
    parser.add_argument("--keep", type=Path, help="generate the corpora here and keep them (default: a temp folder)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    machine = machine_description()
    progress(f"benchmark on {machine}")
    with tempfile.TemporaryDirectory(prefix="atlas-bench-") as temp:
        work = args.keep.resolve() if args.keep else Path(temp)
        work.mkdir(parents=True, exist_ok=True)
        results = []
        for size in args.sizes:
            if size == "real":
                progress("real site")
                result = SiteResult("real", None, *count_records(ROOT / "annotations"))
                results.append(measure(result, ROOT, work, args.runs, True, 2))
                continue
            scale = float(size)
            name = f"{scale:g}×"
            large = scale >= LARGE_SCALE
            progress(f"{name}: generating the corpus")
            corpus = CorpusSize.of(scale)
            summary = generate(work / f"corpus-{scale:g}x", scale, args.seed)
            result = SiteResult(name, scale, corpus.papers, corpus.concepts + corpus.entities)
            if large:
                result.notes.append(f"{args.large_runs} runs instead of {args.runs}: one build takes minutes")
            words = summary.paper_words
            result.notes.append(f"corpus: {sum(words):,} words on paper pages ({min(words):,}–{max(words):,} each), "
                                f"{summary.crossrefs} cross-references, {summary.tables} tables")
            runs = min(args.runs, args.large_runs) if large else args.runs
            results.append(measure(result, work / f"corpus-{scale:g}x", work, runs, not large, 1 if large else 2,
                                   peers=scale < args.peers_below))
        elapsed = time.perf_counter() - started
        print(report(results, machine, elapsed))
        if args.json:
            args.json.write_text(json.dumps({"machine": machine, "seconds": elapsed,
                                             "results": [asdict(r) for r in results]}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
