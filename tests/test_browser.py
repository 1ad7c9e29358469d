"""The real site as a reader meets it: Chromium, driven by Playwright, on the built site served locally
(see ``browser.py`` for the browser and when these tests are skipped)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from browser import axe_violations, material_search, require_chromium, zensical_search
from playwright.sync_api import Browser, Page, Route

from conftest import ROOT, served
from upgrading_atlas.atlas import build_atlas
from upgrading_atlas.stage.kit import PageKit

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
    "map, one paper": "map/#focus-he-wang",
    "reading paths": "reading-paths/",
    "two papers compared": "compare/chen-and-ernst/",
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


SCREENS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
VISIBLE_VIEW = ".atlas-map-view:not([hidden])"


@pytest.fixture(params=list(SCREENS))
def screen(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    """A page at 1280×800 and at 390×844, the phone with touch."""
    phone = request.param == "phone"
    context = browser.new_context(viewport=SCREENS[request.param], is_mobile=phone, has_touch=phone)
    yield context.new_page()
    context.close()


def _map_geometry(page: Page) -> dict[str, Any]:
    """The frame, the drawing and each drawn node of the map's visible view, as the screen shows them."""
    return page.evaluate("""selector => {
        const view = document.querySelector(selector);
        const rect = element => { const r = element.getBoundingClientRect();
                                  return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
        const frame = view.querySelector('.atlas-map__frame');
        return {
            id: view.id, frame: rect(frame), svg: rect(view.querySelector('svg')),
            scrollWidth: frame.scrollWidth, clientWidth: frame.clientWidth,
            pageWidth: document.documentElement.scrollWidth,
            nodes: [...view.querySelectorAll('.atlas-map__node')].map(node => ({
                key: node.dataset.key, papers: node.dataset.papers.split(' '), box: rect(node),
                label: rect(node.querySelector('text')),
                text: ([...node.querySelectorAll('tspan')].map(line => line.textContent).join(' ')
                       || node.querySelector('text').textContent),
                title: node.querySelector('title').textContent})),
        };
    }""", VISIBLE_VIEW)


def _overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    slack = 0.5  # a rounding pixel where two labels meet is not an overlap a reader sees
    return (a["left"] < b["right"] - slack and b["left"] < a["right"] - slack
            and a["top"] < b["bottom"] - slack and b["top"] < a["bottom"] - slack)


def _inside(inner: dict[str, float], outer: dict[str, float]) -> bool:
    return (inner["left"] >= outer["left"] - 1 and inner["right"] <= outer["right"] + 1
            and inner["top"] >= outer["top"] - 1 and inner["bottom"] <= outer["bottom"] + 1)


def _choose_view(page: Page, label: str) -> None:
    link = page.locator(".atlas-map-picker > ul a", has_text=label)
    if page.viewport_size and page.viewport_size["width"] < 600:
        link.tap()
    else:
        link.click()


def test_map_labels_are_whole_and_apart_in_every_view(screen: Page, base_url: str) -> None:
    """As drawn by the browser's own font: no label cut, none over another, none outside the drawing."""
    index = build_atlas(ROOT / "annotations").index
    names = {f"paper-{p.id}": p.short_title for p in index.papers.values()}
    names |= {f"concept-{c.id}": c.term for c in index.concepts.values()}
    names |= {f"entity-{e.id}": e.name for e in index.entities.values()}
    screen.goto(base_url + "map/")
    labels = [link.inner_text() for link in screen.locator(".atlas-map-picker > ul a").all()]
    assert len(labels) == 1 + len(index.papers)
    for label in labels:
        _choose_view(screen, label)
        geometry = _map_geometry(screen)
        nodes = geometry["nodes"]
        assert nodes, label
        for node in nodes:
            assert "…" not in node["text"], node["text"]
            assert node["text"] == " ".join(names[node["key"]].split()), node["key"]
            assert _inside(node["label"], geometry["svg"]), (label, node["key"])
        labelled = [node["label"] for node in nodes]
        clashes = [(nodes[i]["key"], nodes[j]["key"]) for i in range(len(nodes)) for j in range(i + 1, len(nodes))
                   if _overlaps(labelled[i], labelled[j])]
        assert clashes == [], label


def test_map_fits_the_screen_width_at_load_and_zooms(screen: Page, base_url: str) -> None:
    screen.goto(base_url + "map/")
    geometry = _map_geometry(screen)
    width = screen.viewport_size["width"] if screen.viewport_size else 0
    assert geometry["id"] == "overview"
    assert geometry["pageWidth"] <= width, "the page scrolls sideways"
    assert geometry["scrollWidth"] <= geometry["clientWidth"] + 1, "the drawing is wider than its frame"
    assert _inside(geometry["svg"], geometry["frame"])
    assert all(_inside(node["box"], geometry["frame"]) for node in geometry["nodes"])
    if width > 600:
        return
    controls = screen.locator(f"{VISIBLE_VIEW} .atlas-map__controls")
    assert controls.is_visible()
    hint = controls.locator(".atlas-map__hint")
    assert "zoom in" in hint.inner_text().lower() and "move around" in hint.inner_text().lower()
    zoom_in = controls.locator("[data-zoom='in']")
    zoom_in.tap()
    zoom_in.tap()
    zoomed = _map_geometry(screen)
    assert zoomed["scrollWidth"] > zoomed["clientWidth"] * 1.5
    assert "drag" in hint.inner_text().lower(), "a zoomed map must say that it pans"
    assert zoomed["pageWidth"] <= width, "zooming made the page, not the frame, scroll"
    controls.locator("[data-zoom='fit']").tap()
    assert _map_geometry(screen)["scrollWidth"] <= geometry["clientWidth"] + 1


def test_focus_on_a_paper_shows_its_nodes_laid_out_within_the_frame(screen: Page, base_url: str) -> None:
    atlas = build_atlas(ROOT / "annotations")
    graph = PageKit(atlas.index).concept_graph
    paper = "zhou"
    screen.goto(base_url + "map/")
    overview = _map_geometry(screen)
    _choose_view(screen, atlas.index.papers[paper].short_title)
    assert urlsplit(screen.url).fragment == f"focus-{paper}"
    assert screen.evaluate("scrollY") < 200, "choosing a view jumped down the page"
    focus = _map_geometry(screen)
    assert focus["id"] == f"focus-{paper}"
    expected = {f"paper-{paper}"} | {node.key for node in graph.of_paper(paper)}
    assert {node["key"] for node in focus["nodes"]} == expected
    assert all(paper in node["papers"] for node in focus["nodes"])
    assert all(_inside(node["box"], focus["frame"]) for node in focus["nodes"])
    # laid out afresh: the nodes fill the drawing's width, not a corner of the overview's
    left = min(node["box"]["left"] for node in focus["nodes"])
    right = max(node["box"]["right"] for node in focus["nodes"])
    assert right - left > 0.9 * (focus["svg"]["right"] - focus["svg"]["left"])
    assert not {node["key"] for node in overview["nodes"]} >= expected
    screen.go_back()
    assert _map_geometry(screen)["id"] == "overview"


def test_a_paper_on_the_overview_opens_its_view_and_its_centre_opens_its_page(page: Page, base_url: str) -> None:
    page.goto(base_url + "map/")
    page.locator("#map-paper-he-wang").click()
    assert _map_geometry(page)["id"] == "focus-he-wang"
    assert page.evaluate("document.activeElement.id") == "focus-he-wang-title", "the focus was lost"
    page.locator(f"{VISIBLE_VIEW} .atlas-map__node--centre").click()
    page.wait_for_url("**/papers/he-wang/")


def test_map_views_are_keyboard_operable(page: Page, base_url: str) -> None:
    page.goto(base_url + "map/")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.atlas-map-picker a[href=\"#focus-chen\"]')"):
            break
    else:
        pytest.fail("the view of a paper was not reached with the Tab key")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none"), "the focused view link shows no focus"
    page.keyboard.press("Enter")
    assert _map_geometry(page)["id"] == "focus-chen"
    assert page.evaluate("document.activeElement.getAttribute('aria-current')") == "true"


def test_map_papers_come_in_the_index_order(page: Page, base_url: str) -> None:
    order = list(build_atlas(ROOT / "annotations").index.papers)
    page.goto(base_url + "map/")
    picked = page.eval_on_selector_all(".atlas-map-picker a[href^='#focus-']",
                                       "links => links.map(link => link.hash.slice('#focus-'.length))")
    drawn = page.eval_on_selector_all("#overview .atlas-map__nodes .atlas-map__node--paper",
                                      "nodes => nodes.map(node => node.dataset.papers)")
    assert picked == drawn == order


def test_map_views_work_without_javascript(browser: Browser, base_url: str) -> None:
    """The views are anchors the style sheet shows with :target; a node's anchor shows its view."""
    context = browser.new_context(java_script_enabled=False, viewport=SCREENS["desktop"])
    page = context.new_page()
    try:
        page.goto(base_url + "map/")
        assert page.locator("#overview").is_visible() and page.locator("#focus-chen").is_hidden()
        page.locator(".atlas-map-picker a[href='#focus-chen']").click()
        assert page.locator("#focus-chen").is_visible() and page.locator("#overview").is_hidden()
        page.goto(base_url + "map/#map-concept-recomposition")  # Herrigel, Wittke & Voskamp's own
        page.wait_for_load_state()
        assert page.locator("#map-concept-recomposition").is_visible()
        assert page.locator("#focus-herrigel-wittke-voskamp").is_visible()
    finally:
        context.close()


def test_concept_page_neighbourhood_links_to_its_neighbours(page: Page, base_url: str) -> None:
    page.goto(base_url + "concepts/informal-learning/")
    neighbourhood = page.locator("#neighbourhood ~ figure.atlas-map svg, figure.atlas-map--neighbourhood svg").first
    neighbourhood.wait_for(state="visible")
    page.locator("figure.atlas-map--neighbourhood a[href$='papers/chen/']").first.click()
    page.wait_for_url("**/papers/chen/")


# --- search ----------------------------------------------------------------------------------------


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
    search = material_search if builder == "mkdocs" else zensical_search
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
        # redirects of former ids; the error page, which hosts serve at any address and which the
        # builders therefore write with site-rooted links
        if 'http-equiv="refresh"' in text or relative == "404.html":
            continue
        pages.append(relative.removesuffix("index.html"))
    return pages


@pytest.mark.parametrize("prefix", ["", "atlas"])
def test_every_page_loads_everything_it_asks_for_from_127_0_0_1_at_the_root_and_under_a_sub_path(
    browser: Browser, real_site: Path, prefix: str
) -> None:
    """No request leaves 127.0.0.1, and none fails, with the site at ``/`` and under ``/atlas/``
    (a project site's address): every page's styles, scripts, images and data resolve either way."""
    pages = _html_pages(real_site)
    assert len(pages) > 100
    context = browser.new_context()
    outside: list[tuple[str, str]] = []
    failed: list[tuple[str, str, int]] = []
    current = {"page": ""}

    def guard(route: Route) -> None:
        if urlsplit(route.request.url).hostname in ("127.0.0.1", None):
            route.continue_()
        else:
            outside.append((current["page"], route.request.url))
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("response", lambda response: failed.append((current["page"], response.url, response.status))
            if response.status >= 400 else None)
    try:
        with served(real_site, prefix) as base_url:
            for path in pages:
                current["page"] = path
                page.goto(base_url + path, wait_until="load")
    finally:
        context.close()
    assert outside == []
    assert failed == []


# --- accessibility -------------------------------------------------------------------------------


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
