"""The benchmark's report, in Markdown, from its raw figures (the JSON file ``bench/run.py`` writes).

Usage: ``python bench/report.py FIGURES.json`` prints the report again from a saved run.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

ENGINE_OVERHEAD_TARGET = 0.10
"""A full build with the hook: at most 10 % over building the staged folder with no hook."""
LATENCY_TARGET_SECONDS = 1.0
"""From saving an annotation to the new text served by ``make serve``, at 1× (the real site)."""
FLAT_MEMORY_MIB_PER_REBUILD = 0.1
"""Memory is flat when the serve process grows by at most this per rebuild, from the 10th to the last."""
KIND_TITLES = {"hook": "(a) MkDocs + hook", "staged": "(b) staged, no hook", "zensical": "(c) Zensical"}


def machine_description() -> str:
    """Cores, processor, memory, and the versions that the figures depend on."""
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    total = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.MULTILINE)
    memory = f", {int(total.group(1)) / 2**20:.0f} GiB of memory" if total else ""
    versions = ", ".join(f"{name} {_version(name)}" for name in ("mkdocs", "mkdocs-material", "zensical", "markdown"))
    return (f"{os.cpu_count()} cores ({model.group(1) if model else 'unknown processor'}){memory}; "
            f"Python {sys.version.split()[0]}, {versions}")


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def seconds(builds: list[dict[str, Any]], measure: str = "seconds") -> list[float]:
    """Each build's wall-clock time, or with ``measure="cpu_seconds"`` its CPU time."""
    return [float(build[measure]) for build in builds]


def spread(values: list[float]) -> str:
    """Median, and the range when there is more than one value."""
    if len(values) == 1:
        return f"{values[0]:.2f}"
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def ratio(site: dict[str, Any], kind: str, measure: str = "seconds") -> float:
    """The median build of ``kind`` over the median build of the staged folder with no hook."""
    builds = site["builds"]
    return statistics.median(seconds(builds[kind], measure)) / statistics.median(seconds(builds["staged"], measure))


def cpu_table(sites: list[dict[str, Any]]) -> str:
    rows = []
    for site in sites:
        if site["skipped"]:
            continue
        rows.append([site["name"], *(spread(seconds(site["builds"][kind], "cpu_seconds")) for kind in KIND_TITLES),
                     f"{ratio(site, 'hook', 'cpu_seconds'):.2f}", f"{ratio(site, 'zensical', 'cpu_seconds'):.2f}"])
    return table(["site", *(f"{title}, CPU s" for title in KIND_TITLES.values()), "(a)/(b)", "(c)/(b)"], rows)


def builds_table(sites: list[dict[str, Any]]) -> str:
    rows = []
    for site in sites:
        if site["skipped"]:
            rows.append([site["name"], "skipped: " + site["skipped"].replace("|", "/")[:200]] + [""] * 8)
            continue
        builds = site["builds"]
        same = site["same_output"]
        rows.append([
            site["name"], f"{site['html_pages']:,}", str(len(builds["hook"])),
            *(spread(seconds(builds[kind])) for kind in KIND_TITLES),
            f"{ratio(site, 'hook'):.2f}", f"{ratio(site, 'zensical'):.2f}",
            " / ".join(f"{max(build['max_rss_mib'] for build in builds[kind]):.0f}" for kind in KIND_TITLES),
            "yes" if same == [] else f"no: {len(same)} file(s)" if same else "—",
            f"{statistics.median(site['loads']):.1f}",
        ])
    return table(["site", "HTML pages", "runs", *(f"{title}, s" for title in KIND_TITLES.values()), "(a)/(b)",
                  "(c)/(b)", "peak memory a / b / c, MiB", "(a) = (b), byte for byte", "load average"], rows)


def staging_figure(staging: dict[str, Any], name: str) -> str:
    """Seconds of one staging, with its CPU seconds where measured."""
    cpu = staging.get(f"{name}_cpu_seconds")
    return f"{staging[f'{name}_seconds']:.2f}" + (f" ({cpu:.2f})" if cpu is not None else "")


def staging_table(sites: list[dict[str, Any]]) -> str:
    rows = []
    for site in sites:
        staging = site["staging"]
        if site["skipped"] or not staging:
            continue
        builds = site["builds"]
        added = (statistics.median(seconds(builds["hook"], "cpu_seconds"))
                 - statistics.median(seconds(builds["staged"], "cpu_seconds")))
        rows.append([site["name"], staging_figure(staging, "cold"), staging_figure(staging, "warm_unchanged"),
                     f"{staging_figure(staging, 'warm_edited')}, {staging['warm_edited_written']} files",
                     f"{added:+.2f}"])
    return table(["site", "cold, s (CPU s)", "warm, nothing changed", "warm, one definition edited (files rewritten)",
                  "(a) − (b), CPU s"], rows)


def serve_lines(serve: dict[str, Any] | None) -> list[str]:
    if not serve:
        return ["(not measured)"]
    lines = []
    if serve["error"]:
        lines.append(f"The preview failed: {serve['error']}")
    latencies = serve["latencies"]
    if latencies:
        values = [float(item["seconds"]) for item in latencies]
        by_field = {name: [float(item["seconds"]) for item in latencies if item["field"] == name]
                    for name in ("definition", "meaning")}
        lines.append(f"- save-to-page latency, {len(values)} edits: median {statistics.median(values):.2f} s, "
                     f"max {max(values):.2f} s (definitions: {', '.join(f'{v:.2f}' for v in by_field['definition'])};"
                     f" meanings: {', '.join(f'{v:.2f}' for v in by_field['meaning'])})")
    rebuilds = serve["rebuild_seconds"]
    if rebuilds:
        lines.append(f"- MkDocs' own figure for each rebuild (hook's staging included): median "
                     f"{statistics.median(rebuilds):.2f} s, max {max(rebuilds):.2f} s, over {len(rebuilds)} rebuilds")
    staging = serve.get("staging_seconds") or []
    if staging:
        lines.append(f"- of which the hook's staging: median {statistics.median(staging):.2f} s, "
                     f"max {max(staging):.2f} s")
    rss = {int(key): value for key, value in serve["rss_mib"].items()}
    if rss:
        shown = [n for n in (0, 1, 10, 50, max(rss)) if n in rss]
        after = [f"{rss[n]:.0f} MiB after {'the first build' if n == 0 else f'{n} rebuild(s)'}"
                 for n in dict.fromkeys(shown)]
        lines.append("- resident memory of the serve process: " + ", ".join(after))
    lines.append(f"- first build {serve['first_build_seconds']:.1f} s; load average "
                 f"{serve['load_at_start']:.1f} at the start, {serve['load_at_end']:.1f} at the end")
    return lines


def target_lines(figures: dict[str, Any]) -> list[str]:
    lines = []
    for site in figures["sites"]:
        if site["skipped"]:
            lines.append(f"- {site['name']}: not measured — {site['skipped']}")
            continue
        over = ratio(site, "hook") - 1
        over_cpu = ratio(site, "hook", "cpu_seconds") - 1
        verdict = "met" if over <= ENGINE_OVERHEAD_TARGET else "missed"
        lines.append(f"- {site['name']}: the hook's build {over * 100:+.0f} % over the staged folder's in wall-clock "
                     f"time, {over_cpu * 100:+.0f} % in CPU time "
                     f"(goal ≤ {ENGINE_OVERHEAD_TARGET * 100:.0f} %) — {verdict}")
    serve = figures.get("serve")
    if serve and serve["latencies"]:
        median = statistics.median(float(item["seconds"]) for item in serve["latencies"])
        lines.append(f"- save-to-page in the preview: median {median:.2f} s (goal < {LATENCY_TARGET_SECONDS:.0f} s) — "
                     f"{'met' if median < LATENCY_TARGET_SECONDS else 'missed'}")
    if serve and serve["rss_mib"]:
        rss = {int(key): value for key, value in serve["rss_mib"].items()}
        last = max(rss)
        if last > 10 and 10 in rss:
            slope = (rss[last] - rss[10]) / (last - 10)
            lines.append(f"- memory of the serve process: {slope:+.2f} MiB per rebuild from the 10th to the {last}th "
                         f"(flat: ≤ {FLAT_MEMORY_MIB_PER_REBUILD} MiB) — "
                         f"{'met' if slope <= FLAT_MEMORY_MIB_PER_REBUILD else 'missed'}")
    return lines


def report(figures: dict[str, Any]) -> str:
    """The whole report."""
    sites = figures["sites"]
    notes = [f"- {site['name']}: {note}" for site in sites for note in site["notes"]]
    start, end = figures["load_at_start"], figures["load_at_end"]
    return "\n\n".join([
        f"Machine: {figures['machine']}",
        f"Load average (1, 5, 15 min): {start[0]:.1f} {start[1]:.1f} {start[2]:.1f} at the start, "
        f"{end[0]:.1f} {end[1]:.1f} {end[2]:.1f} at the end",
        "## Preview (`mkdocs serve --dirty` on a copy of the real project)",
        "\n".join(serve_lines(figures.get("serve"))),
        "## Full builds (seconds: median (min–max) of the counted runs; memory: the highest peak)",
        builds_table(sites),
        "CPU time of the same builds (user + system; less disturbed by other work on the machine):",
        cpu_table(sites),
        "## Staging on its own (the engine's work; in one process: cold, then warm)",
        staging_table(sites),
        "## Against the goals",
        "\n".join(target_lines(figures)),
        *(["## Notes", "\n".join(notes)] if notes else []),
        f"Benchmark time: {figures['seconds'] / 60:.1f} min",
    ])


if __name__ == "__main__":
    print(report(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))))
