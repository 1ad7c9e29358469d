"""What a reader downloads, and what each kind of page looks like, in the system's Chromium.

For one page of each kind, at desktop and phone widths: the bytes transferred on a first visit
(HTML, CSS, scripts, images; the search index, where a page fetches it, is counted apart), the
number of requests, the page's height, the characters per line of its running text (the median
over its longer paragraphs), and optionally a full-page screenshot. Serves a built site
(``make build`` first) on 127.0.0.1.

Usage: ``python bench/pages.py [--site site] [--screenshots DIR] [--chromium /usr/bin/chromium]``
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import re
import shutil
import threading
from collections import defaultdict
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

PAGES = {
    "home": "",
    "paper": "papers/chen/",
    "concept": "concepts/informal-learning/",
    "entity": "entities/lenovo/",
    "concepts index": "concepts/",
    "comparison": "comparisons/",
    "cross-references": "crossrefs/",
    "map": "map/",
    "reading paths": "reading-paths/",
}
CHARACTERS_PER_LINE = """() => {
  const paragraphs = [...document.querySelectorAll("article p")]
    .filter(p => p.offsetParent && p.textContent.length > 300).slice(0, 12);
  const perLine = paragraphs.map(p => {
    const range = document.createRange();
    range.selectNodeContents(p);
    const lines = new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size;
    return p.textContent.length / Math.max(lines, 1);
  }).sort((a, b) => a - b);
  return perLine.length ? Math.round(perLine[Math.floor(perLine.length / 2)]) : null;
}"""
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--screenshots", type=Path, help="write full-page screenshots here")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(args.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
    print("KiB as served uncompressed (gzip in brackets); the search index only where the page fetched it")
    print(f"{'page':<18} {'width':<8} {'HTML KiB':>14} {'all KiB':>14} {'requests':>8} {'search index KiB':>17} "
          f"{'height px':>9} {'chars/line':>10}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        for width_name, (width, height) in WIDTHS.items():
            for name, path in PAGES.items():
                context = browser.new_context(viewport={"width": width, "height": height},
                                              is_mobile=width < 600, has_touch=width < 600)
                page = context.new_page()
                sizes: dict[str, int] = defaultdict(int)
                zipped: dict[str, int] = defaultdict(int)
                count = [0]

                def record(response: Any, sizes: dict[str, int] = sizes, zipped: dict[str, int] = zipped,
                           count: list[int] = count) -> None:
                    body = response.body() if response.ok else b""
                    kind = ("search" if re.search(r"/search(/search_index)?\.json$", response.url)
                            else response.request.resource_type)
                    sizes[kind] += len(body)
                    zipped[kind] += len(gzip.compress(body, mtime=0))
                    count[0] += 1

                page.on("response", record)
                page.goto(base + path, wait_until="networkidle")
                total = sum(size for kind, size in sizes.items() if kind != "search")
                total_zipped = sum(size for kind, size in zipped.items() if kind != "search")
                html = f"{sizes['document'] / 1024:.1f} ({zipped['document'] / 1024:.1f})"
                everything = f"{total / 1024:.1f} ({total_zipped / 1024:.1f})"
                search = f"{sizes['search'] / 1024:.1f} ({zipped['search'] / 1024:.1f})"
                page_height = page.evaluate("document.documentElement.scrollHeight")
                line = page.evaluate(CHARACTERS_PER_LINE)
                print(f"{name:<18} {width_name:<8} {html:>14} {everything:>14} {count[0]:>8} {search:>17} "
                      f"{page_height:>9} {line if line is not None else '-':>10}")
                if args.screenshots:
                    shot = args.screenshots / f"{name.replace(' ', '-')}-{width_name}.png"
                    page.screenshot(path=str(shot), full_page=True)
                context.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
