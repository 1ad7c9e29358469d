"""The sites the benchmark builds, and the builds it times.

A site is a folder with ``mkdocs.yml``, ``docs/`` and ``annotations/``: a copy of the real project
(so that nothing the benchmark does writes into the working tree) or a synthetic corpus. Each is
built three ways, each in a fresh child process:

- ``hook``: ``mkdocs build --strict`` with the hook, from a cold start: no staged folder, as after a
  fresh checkout. The hook stages the site, then MkDocs builds the staged folder.
- ``staged``: the folder staged for MkDocs, built by MkDocs with no hook, the Markdown extension
  loaded by name with the staged export (``stage --builder-config``): the same pages with no engine
  work left but linking. The difference to ``hook`` is the engine's share of a build.
- ``zensical``: the folder staged for Zensical, built by Zensical with ``--clean``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_SOURCES = ("mkdocs.yml", "docs", "annotations", "overrides", "hooks")
"""What the real site's build reads: config, pages, annotations, theme overrides, the hook and engine."""
STAGE_DIR = Path(".cache") / "atlas" / "mkdocs"
"""Where the hook stages a site, under the site's folder (``hooks/mkdocs_hook.py``)."""
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
BUILD_KINDS = ("hook", "staged", "zensical")


def copy_project(destination: Path) -> Path:
    """A copy of the real project's sources in ``destination``, built and edited instead of the original."""
    shutil.rmtree(destination, ignore_errors=True)
    destination.mkdir(parents=True)
    for name in PROJECT_SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__", ".*"))
        else:
            shutil.copy2(source, destination / name)
    return destination


@dataclass
class Build:
    """One build in a child process."""

    seconds: float
    """Wall-clock time, from the start of the process to its exit."""
    cpu_seconds: float
    max_rss_mib: float
    """The child's peak resident memory (``ru_maxrss`` from ``wait4``)."""
    ok: bool
    error: str = ""


def run_timed(command: list[str], cwd: Path) -> Build:
    """Run ``command`` in a child process; its wall-clock time, CPU time and peak memory."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT, env=ENV)
        # wait4 gives this child's own resource usage, where getrusage would give the maximum over all
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        output.seek(0)
        lines = [line for line in output.read().decode(errors="replace").splitlines() if line.strip()]
    errors = [line for line in lines if "ERROR" in line or "Error" in line or "Aborted" in line]
    return Build(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code == 0,
                 "" if code == 0 else (errors or lines or ["(no output)"])[-1][:300])


@dataclass(frozen=True)
class SiteBuilds:
    """The commands that build one site the three ways, and where each writes its output."""

    site: Path
    work: Path
    """A folder of the benchmark's own for this site: staged folders, configs and built sites."""

    def stage(self, builder: str) -> Path:
        """Stage the site for ``builder`` into ``work/<builder>/docs`` and write the configuration
        that builds it with no hook; returns that configuration."""
        folder = self.work / builder
        config = folder / f"{builder}.yml"
        command = [sys.executable, "-m", "upgrading_atlas", "--annotations", str(self.site / "annotations"),
                   "stage", str(folder / "docs"), "--builder", builder, "--docs", str(self.site / "docs"),
                   "--config", str(self.site / "mkdocs.yml"), "--builder-config", str(config),
                   "--site-dir", str(folder / "site")]
        result = subprocess.run(command, cwd=self.site, capture_output=True, text=True, env=ENV, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"staging {self.site} for {builder} failed:\n{result.stderr[-2000:]}")
        return config

    def output(self, kind: str) -> Path:
        """The built site of ``kind``."""
        return self.work / ("hook" if kind == "hook" else "mkdocs" if kind == "staged" else "zensical") / "site"

    def build(self, kind: str) -> Build:
        """One build of ``kind``, from a clean output folder (and, with the hook, no staged folder)."""
        shutil.rmtree(self.output(kind), ignore_errors=True)
        if kind == "hook":
            shutil.rmtree(self.site / STAGE_DIR, ignore_errors=True)
            return run_timed([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                              "--site-dir", str(self.output(kind))], self.site)
        if kind == "staged":
            config = self.work / "mkdocs" / "mkdocs.yml"
            return run_timed([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config)],
                             config.parent)
        config = self.work / "zensical" / "zensical.yml"
        return run_timed([str(BIN / "zensical"), "build", "--clean", "--strict", "-f", str(config)], config.parent)


def differing_files(first: Path, second: Path) -> list[str]:
    """The files of two built sites that differ or exist in one only (paths relative to the sites)."""
    def files(folder: Path) -> dict[str, Path]:
        return {path.relative_to(folder).as_posix(): path for path in folder.rglob("*") if path.is_file()}

    one, other = files(first), files(second)
    return sorted(path for path in one.keys() | other.keys()
                  if path not in one or path not in other or one[path].read_bytes() != other[path].read_bytes())


def html_pages(site_dir: Path) -> int:
    """The number of HTML pages of a built site, redirect pages included, 404 page left out."""
    return sum(1 for path in site_dir.rglob("*.html") if path.name != "404.html")
