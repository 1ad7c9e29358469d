"""Lighthouse's scores for the pages a reader opens first, on a phone, as a reader's host serves them.

Serves a built site on 127.0.0.1 with gzip (as GitHub Pages and every common host do), runs
Lighthouse (mobile, its default throttling) against the system's Chromium for each page, and prints
the four category scores, the metrics behind the performance score, and the bytes transferred.
Lighthouse is a benchmark tool, not a test dependency: ``make lighthouse`` installs it on demand into
``.cache/lighthouse/`` (ignored by git), or pass ``--lighthouse`` the path of another binary.

Usage: ``python bench/lighthouse.py [--site site] [--runs 3] [--json figures.json]``
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / ".cache" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
PAGES = {
    "home": "",
    "paper": "papers/chen/",
    "concept": "concepts/informal-learning/",
    "map": "map/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".bib")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking " \
               "--disable-component-update --disable-sync"


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the client accepts it, as a production host serves them."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address with a slash
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file() \
                or path.suffix not in COMPRESSIBLE:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    """A response body already in memory, read as the base class reads a file."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """``site`` served with gzip on 127.0.0.1; the server and its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def run_lighthouse(lighthouse: str, url: str, chromium: str) -> dict[str, Any]:
    """One Lighthouse run (mobile, simulated throttling): its JSON report."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        command = [lighthouse, url, "--quiet", "--output=json", f"--output-path={report}",
                   f"--chrome-flags={CHROME_FLAGS}", "--only-categories=" + ",".join(CATEGORIES)]
        env = {**os.environ, "CHROME_PATH": chromium}
        subprocess.run(command, check=True, env=env, timeout=300, capture_output=True)
        return dict(json.loads(report.read_text(encoding="utf-8")))


def figures(report: dict[str, Any]) -> dict[str, Any]:
    """Scores (0–100), metrics (ms, CLS unitless), transferred bytes and DOM size of one report."""
    audits = report["audits"]
    result: dict[str, Any] = {category: round(report["categories"][category]["score"] * 100)
                              for category in CATEGORIES}
    for audit, name in METRICS.items():
        result[name] = audits[audit]["numericValue"]
    result["bytes"] = audits["total-byte-weight"]["numericValue"]
    result["dom"] = audits["dom-size"]["numericValue"] if "dom-size" in audits else None
    result["failed"] = sorted(audit for audit, item in audits.items()
                              if item.get("score") is not None and item["score"] < 0.9
                              and item.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings"))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median is printed")
    parser.add_argument("--lighthouse", default=str(LIGHTHOUSE))
    parser.add_argument("--chromium", default=os.environ.get("CHROME_PATH") or shutil.which("chromium")
                        or "/usr/bin/chromium")
    parser.add_argument("--json", type=Path, help="write every run's figures here")
    args = parser.parse_args()
    if not Path(args.lighthouse).exists():
        sys.exit(f"Lighthouse not found at {args.lighthouse}: run `make lighthouse`, which installs it")
    server, base = serve(args.site)
    every: dict[str, list[dict[str, Any]]] = {}
    try:
        for name, path in PAGES.items():
            every[name] = [figures(run_lighthouse(args.lighthouse, base + path, args.chromium))
                           for _ in range(args.runs)]
    finally:
        server.shutdown()
    print(f"Lighthouse, mobile, gzip; median of {args.runs} run(s)")
    print(f"{'page':<10} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5} {'FCP ms':>7} {'LCP ms':>7} "
          f"{'TBT ms':>7} {'CLS':>6} {'SI ms':>7} {'KiB':>7} {'DOM':>6}  audits below 0.9")
    for name, runs in every.items():
        median = {key: statistics.median(run[key] for run in runs)
                  for key in [*CATEGORIES, *METRICS.values(), "bytes"]}
        dom = runs[0]["dom"]
        failed = sorted({audit for run in runs for audit in run["failed"]})
        print(f"{name:<10} {median['performance']:>5.0f} {median['accessibility']:>5.0f} "
              f"{median['best-practices']:>5.0f} {median['seo']:>5.0f} {median['FCP']:>7.0f} {median['LCP']:>7.0f} "
              f"{median['TBT']:>7.0f} {median['CLS']:>6.3f} {median['SI']:>7.0f} {median['bytes'] / 1024:>7.1f} "
              f"{dom if dom is not None else '-':>6}  {', '.join(failed)}")
    if args.json:
        args.json.write_text(json.dumps(every, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
