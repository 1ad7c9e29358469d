"""The real site as a reader meets it: Chromium, driven by Playwright, on the built site served locally
(see ``browser.py`` for the browser and when these tests are skipped)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from browser import AXE, require_chromium
from playwright.sync_api import Browser, Page, Route

from conftest import ROOT
from upgrading_atlas.atlas import build_atlas

pytestmark = pytest.mark.build
require_chromium()

PAGE_KINDS = {
    "home": "",
    "paper": "papers/chen/",
    "concept": "concepts/informal-learning/",
    "entity": "entities/lenovo/",
    "concepts index": "concepts/",
    "entities index": "entities/",
    "comparison": "comparisons/",
    "cross-references": "crossrefs/",
    "map": "map/",
    "contributor guide": "contribute/errors/",
    "engine reference": "contribute/reference/",
}


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def _first_concept_link(page: Page):
    return page.locator('.md-content a.atlas-mention[href*="concepts/"]').first


# --- previews ------------------------------------------------------------------------------------


def test_preview_appears_on_hover_with_the_definition(page: Page, base_url: str) -> None:
    page.goto(base_url + "papers/chen/")
    link = _first_concept_link(page)
    definition = link.get_attribute("title")
    assert definition
    link.hover()
    preview = page.locator("#atlas-preview")
    preview.wait_for(state="visible")
    assert definition in preview.inner_text()
    assert link.get_attribute("aria-describedby") == "atlas-preview"
    # the browser's own tooltip would show the same text a second time
    assert link.get_attribute("title") is None


def test_preview_is_hoverable_persistent_and_dismissible(page: Page, base_url: str) -> None:
    """WCAG 1.4.13: the pointer can move onto it, it stays, and Escape closes it."""
    page.goto(base_url + "papers/chen/")
    link = _first_concept_link(page)
    link.hover()
    preview = page.locator("#atlas-preview")
    preview.wait_for(state="visible")
    link_box, preview_box = link.bounding_box(), preview.bounding_box()
    assert link_box and preview_box
    # move down from the link onto the preview, in small steps, crossing any gap between them
    x = link_box["x"] + link_box["width"] / 2
    page.mouse.move(x, preview_box["y"] + preview_box["height"] / 2, steps=8)
    page.wait_for_timeout(1500)
    assert preview.is_visible(), "the preview closed when the pointer moved onto it"
    page.keyboard.press("Escape")
    assert preview.is_hidden(), "Escape did not close the preview"
    assert link.get_attribute("aria-describedby") is None


def test_preview_appears_on_keyboard_focus_and_closes_on_escape(page: Page, base_url: str) -> None:
    page.goto(base_url + "papers/chen/")
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.md-content a.atlas-mention')"):
            break
    else:
        pytest.fail("no concept link was reached with the Tab key")
    preview = page.locator("#atlas-preview")
    preview.wait_for(state="visible")
    focused_definition = page.evaluate("document.activeElement.getAttribute('data-atlas-definition')")
    assert focused_definition and focused_definition in preview.inner_text()
    page.keyboard.press("Escape")
    assert preview.is_hidden()
    assert page.evaluate("document.activeElement.matches('.md-content a.atlas-mention')"), "focus moved"


def test_first_tap_previews_and_second_tap_opens(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(base_url + "papers/chen/")
        link = _first_concept_link(page)
        href = link.get_attribute("href")
        assert href
        link.scroll_into_view_if_needed()
        link.tap()
        preview = page.locator("#atlas-preview")
        preview.wait_for(state="visible")
        assert page.url.endswith("/papers/chen/")
        box = preview.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, "the preview leaves the screen"
        link.tap()
        page.wait_for_url("**/concepts/**")
        assert urlsplit(page.url).path.endswith(href.rsplit("concepts/", 1)[1])
    finally:
        context.close()


# --- the concept map ------------------------------------------------------------------------------


def test_map_renders_and_a_click_opens_the_concept(page: Page, base_url: str) -> None:
    page.goto(base_url + "map/")
    svg = page.locator("figure.atlas-map--full svg.atlas-map__svg")
    svg.wait_for(state="visible")
    box = svg.bounding_box()
    assert box and box["width"] > 600 and box["height"] > 400
    assert page.locator("figure.atlas-map--full .atlas-map__node").count() > 100
    assert page.locator("form.atlas-map-filters").is_visible(), "the script did not show the filters"
    page.locator("#map-concept-informal-learning").click()
    page.wait_for_url("**/concepts/informal-learning/")


def test_map_filter_by_paper_hides_what_only_that_paper_uses(page: Page, base_url: str) -> None:
    page.goto(base_url + "map/")
    only_chen = page.locator('.atlas-map--full .atlas-map__node[data-papers="chen"]').first
    shared = page.locator("#map-concept-informal-learning")  # Chen, Ernst, He & Wang
    assert only_chen.is_visible() and shared.is_visible()
    page.locator('form.atlas-map-filters input[name="paper"][value="chen"]').uncheck()
    assert only_chen.is_hidden()
    assert shared.is_visible()
    page.locator('form.atlas-map-filters input[name="paper"][value="chen"]').check()
    assert only_chen.is_visible()


def test_concept_page_neighbourhood_links_to_its_neighbours(page: Page, base_url: str) -> None:
    page.goto(base_url + "concepts/informal-learning/")
    neighbourhood = page.locator("#neighbourhood ~ figure.atlas-map svg, figure.atlas-map--neighbourhood svg").first
    neighbourhood.wait_for(state="visible")
    page.locator("figure.atlas-map--neighbourhood a[href$='papers/chen/']").first.click()
    page.wait_for_url("**/papers/chen/")


# --- search ----------------------------------------------------------------------------------------


def _material_search(browser: Browser, base_url: str, queries: list[str]) -> dict[str, list[str]]:
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


def _zensical_search(browser: Browser, base_url: str, queries: list[str]) -> dict[str, list[str]]:
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


def _expected_pages() -> dict[str, str]:
    """Every term, name and alias, Chinese ones included, and the page it names."""
    atlas = build_atlas(ROOT / "annotations")
    expected: dict[str, str] = {}
    for concept in atlas.index.concepts.values():
        for name in [concept.term, *concept.aliases]:
            expected[name] = f"/concepts/{concept.id}/"
    for entity in atlas.index.entities.values():
        for name in [entity.name, *entity.aliases]:
            expected[name] = f"/entities/{entity.id}/"
    assert "民营" in expected and "联想" in expected and "GPN" in expected
    return expected


def test_search_ranks_each_page_first_for_its_term_aliases_and_chinese_names(
    browser: Browser, base_url: str, builder: str
) -> None:
    """With Material (whose ranking the tags and atlas-search.js steer), every term, name and alias
    finds its own page first. Zensical 0.0.73's search takes no boost and ranks the paper pages, which
    are in the menu, above an entity page for an acronym they use often ("CAS" finds its page sixth):
    there the page must be among the first ten results, two screens of its dialog."""
    expected = _expected_pages()
    search = _material_search if builder == "mkdocs" else _zensical_search
    results = search(browser, base_url, sorted(expected))
    shown = 1 if builder == "mkdocs" else 10
    wrong = {name: (results[name][:shown], page) for name, page in expected.items()
             if page not in results[name][:shown]}
    assert wrong == {}, "query: (first results, expected page)"


# --- offline and private ---------------------------------------------------------------------------


def _html_pages(site: Path) -> list[str]:
    pages = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        if 'http-equiv="refresh"' in text:  # redirects of former ids
            continue
        pages.append(relative.removesuffix("index.html"))
    return pages


def test_no_request_leaves_127_0_0_1_on_any_page(browser: Browser, base_url: str, real_site: Path) -> None:
    pages = _html_pages(real_site)
    assert len(pages) > 100
    context = browser.new_context()
    outside: list[tuple[str, str]] = []
    current = {"page": ""}

    def guard(route: Route) -> None:
        if urlsplit(route.request.url).hostname in ("127.0.0.1", None):
            route.continue_()
        else:
            outside.append((current["page"], route.request.url))
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    try:
        for path in pages:
            current["page"] = path
            page.goto(base_url + path, wait_until="load")
    finally:
        context.close()
    assert outside == []


# --- accessibility -------------------------------------------------------------------------------


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """What the vendored axe-core finds on the page, as (rule, impact, count, help) records."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const results = await axe.run(document, {resultTypes: ['violations']});
        return results.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,
                                             help: v.help, targets: v.nodes.slice(0, 3).map(n => n.target)}));
    }""")
    return list(result)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_axe_finds_no_serious_violation(browser: Browser, base_url: str, kind: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(base_url + PAGE_KINDS[kind])
        violations = axe_violations(page)
    finally:
        context.close()
    print(f"axe on {kind} ({scheme}):", json.dumps(violations, ensure_ascii=False))
    serious = [violation for violation in violations if violation["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, indent=1, ensure_ascii=False)
