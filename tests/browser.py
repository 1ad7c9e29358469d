"""What the browser tests share: the system's Chromium, its flags, the two screen sizes, and how to
read the results of each builder's search.

Playwright's own browser download does not work everywhere, so the tests drive the system's
Chromium (Debian's ``chromium`` package). Without it they are skipped with a message, unless
``ATLAS_BROWSER_TESTS=required`` (as in CI), where a missing browser is a failure. The fixtures
(``browser``, ``base_url``, ``phone``, ``desktop``) are in ``conftest.py``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from conftest import ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = os.environ.get("ATLAS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
HOW_TO_RUN = ("install Chromium (Debian: `apt-get install chromium`) or set ATLAS_CHROMIUM to a Chromium "
              "binary, then run `make test`")
# Chromium, as root and on a closed network, needs these to start quietly
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}


def require_chromium() -> None:
    """Skip the calling test module (or fail, where browser tests are required) without Chromium."""
    if not Path(CHROMIUM).is_file():
        if os.environ.get("ATLAS_BROWSER_TESTS") == "required":
            pytest.fail(f"no Chromium at {CHROMIUM}: {HOW_TO_RUN}", pytrace=False)
        pytest.skip(f"browser tests skipped, no Chromium at {CHROMIUM}: {HOW_TO_RUN}", allow_module_level=True)


def material_search(browser: Browser, base_url: str, queries: list[str]) -> dict[str, list[str]]:
    """The paths of the results of each query in Material's search, typed one after another on one page."""
    found: dict[str, list[str]] = {}
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(base_url)
        search = page.locator(".md-search__input")
        search.click()
        # the search worker builds its index first; a query typed before that may be dropped
        page.wait_for_function(
            "!/Initializing/i.test(document.querySelector('.md-search-result__meta').textContent)", timeout=30_000)
        results = page.locator(".md-search-result__item > a")
        for query in queries:
            search.fill("")
            search.press("End")  # Material searches on keyup, which fill() does not send
            results.first.wait_for(state="detached", timeout=30_000)
            search.fill(query)
            search.press("End")
            results.first.wait_for(state="attached", timeout=30_000)
            found[query] = [urlsplit(href).path for href in results.evaluate_all("els => els.map(a => a.href)")]
    finally:
        context.close()
    return found


def zensical_search(browser: Browser, base_url: str, queries: list[str]) -> dict[str, list[str]]:
    """The paths of the results of each query in Zensical's search dialog (in a shadow root, which
    Playwright's locators pierce)."""
    found: dict[str, list[str]] = {}
    links = ("() => [...([...document.querySelectorAll('*')].find(e => e.shadowRoot)?.shadowRoot"
             "?.querySelectorAll('ol[role=listbox] a') ?? [])]")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(base_url, wait_until="networkidle")
        page.locator(".md-search__button").click()
        search = page.locator("dialog input[role=combobox]")
        for query in queries:
            search.fill("")
            page.wait_for_function(f"({links})().length === 0", timeout=30_000)
            search.fill(query)
            # each result's link carries the query it answers (?h=..., where Zensical 0.0.73 writes "&"
            # as "&amp;"); the list settles once two reads a moment apart agree
            page.wait_for_function(
                f"([q]) => {{ const a = ({links})(); return a.length > 0 && a.every(l =>"
                " new URL(l.href).searchParams.get('h').replaceAll('&amp;', '&') === q); }",
                arg=[query], timeout=30_000)
            previous: list[str] = []
            while True:
                current = page.evaluate(f"({links})().map(a => a.href)")
                if current == previous:
                    break
                previous = current
                page.wait_for_timeout(150)
            found[query] = [urlsplit(href).path for href in current]
    finally:
        context.close()
    return found


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """What the vendored axe-core finds on the page, as (rule, impact, count, help) records."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const results = await axe.run(document, {resultTypes: ['violations']});
        return results.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,
                                             help: v.help, targets: v.nodes.slice(0, 3).map(n => n.target)}));
    }""")
    return list(result)
