"""Finding one's way, as a reader does it in Chromium, with each builder's site: the home page, search
without contributor pages, a concept page's contents on a phone, walking a reading path, the first
screen of a paper on a phone, folded back matter, copying a citation, and a paper printed."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser import PHONE, axe_violations, material_search, require_chromium, zensical_search
from playwright.sync_api import Browser, Page

from conftest import ROOT
from upgrading_atlas.atlas import build_atlas
from upgrading_atlas.model import KnownField

pytestmark = pytest.mark.build
require_chromium()


@pytest.fixture(scope="module")
def atlas():
    return build_atlas(ROOT / "annotations")


def test_the_home_page_names_every_paper_and_its_authors(desktop: Page, base_url: str, atlas) -> None:
    desktop.goto(base_url)
    papers = desktop.locator(".atlas-papers-list")
    text = papers.inner_text()
    for paper in atlas.index.papers.values():
        assert papers.get_by_role("link", name=paper.short_title, exact=True).count() == 1, paper.id
        authors = paper.citation.authors
        assert isinstance(authors, KnownField) and isinstance(authors.value, list)
        for author in authors.value:
            assert author in text, (paper.id, author)
    for path in ("concepts/", "compare/", "reading-paths/"):
        assert desktop.locator(f'.atlas-first-steps a[href$="{path}"]').count() == 1, path


@pytest.mark.parametrize("query", ["LIE", "OEM"])
def test_a_search_for_a_concept_shows_no_contributor_page_among_the_first_five(
    browser: Browser, base_url: str, builder: str, query: str
) -> None:
    search = material_search if builder == "mkdocs" else zensical_search
    first_five = search(browser, base_url, [query])[query][:5]
    assert first_five, "no result"
    assert [path for path in first_five if "/contribute/" in path] == []


def test_the_search_index_loads_only_once_the_reader_reaches_for_search(
    desktop: Page, base_url: str, builder: str
) -> None:
    requested: list[str] = []
    desktop.on("request", lambda request: requested.append(urlsplit(request.url).path))
    desktop.goto(base_url + "papers/chen/", wait_until="networkidle")
    is_index = re.compile(r"/search(/search_index)?\.json$")
    assert not any(is_index.search(path) for path in requested)
    desktop.locator(".md-search__input" if builder == "mkdocs" else ".md-search__button").first.click()
    desktop.wait_for_load_state("networkidle")
    assert any(is_index.search(path) for path in requested)


def test_a_concept_pages_contents_are_reachable_on_a_phone(phone: Page, base_url: str) -> None:
    phone.goto(base_url + "concepts/informal-learning/")
    assert phone.locator(".atlas-breadcrumb").get_by_role("link", name="Concepts").is_visible()
    contents = phone.locator("details.atlas-page-toc")
    contents.locator("summary").click()
    serious = [v for v in axe_violations(phone) if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    link = contents.get_by_role("link", name="How each paper uses it")
    link.click()
    assert urlsplit(phone.url).fragment == "senses"
    heading = phone.locator("#senses")
    heading.wait_for(state="visible")
    box = heading.bounding_box()
    assert box and 0 <= box["y"] < PHONE["viewport"]["height"] / 2  # type: ignore[index]


def test_a_reading_path_can_be_walked_from_its_first_step_to_its_last_by_next_alone(
    phone: Page, base_url: str, real_site: Path
) -> None:
    paths = json.loads((real_site / "data" / "reading-paths.json").read_text(encoding="utf-8"))["paths"]
    concept, path = next(iter(paths.items()))
    phone.goto(base_url + "reading-paths/")
    phone.locator(f'[id="{concept}"] + .atlas-reading-path').get_by_role("link", name="Start at step 1").click()
    visited = []
    for number in range(1, len(path["steps"]) + 1):
        bar = phone.get_by_role("navigation", name="Reading path")
        bar.wait_for(state="visible")
        assert f"step {number} of {len(path['steps'])}" in bar.inner_text()
        url = urlsplit(phone.url)
        visited.append(url.path.removeprefix(urlsplit(base_url).path) + "?" + url.query + "#" + url.fragment)
        target = phone.locator(f'[id="{url.fragment}"]')
        assert target.count() == 1 and target.is_visible(), f"step {number} lands on no visible #{url.fragment}"
        if number == len(path["steps"]):
            break
        bar.get_by_role("link", name=re.compile("^Next")).click()
    assert visited == [step["href"] for step in path["steps"]]
    end = phone.get_by_role("navigation", name="Reading path").get_by_role("link", name=re.compile("End of the path"))
    serious = [v for v in axe_violations(phone) if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    end.click()
    assert urlsplit(phone.url).path.endswith(f"concepts/{concept}/") and urlsplit(phone.url).fragment == "reading-path"


def test_the_first_screen_of_a_phone_shows_what_each_paper_argues(phone: Page, base_url: str, atlas) -> None:
    """In brief, under the title and the reference, with at least five of its lines on the first screen."""
    height = PHONE["viewport"]["height"]  # type: ignore[index]
    for paper in atlas.index.papers:
        phone.goto(base_url + f"papers/{paper}/")
        in_brief = phone.locator("#in-brief + p")
        box = in_brief.bounding_box()
        line = float(in_brief.evaluate("p => parseFloat(getComputedStyle(p).lineHeight)"))
        assert box and box["y"] + 5 * line <= height, f"{paper}: In brief starts at {box and box['y']:.0f} px"


def test_a_link_into_folded_back_matter_opens_the_fold(phone: Page, base_url: str) -> None:
    phone.goto(base_url + "papers/zhou/")
    anchor = phone.locator("details.atlas-fold h3[id]").first.get_attribute("id")
    assert anchor
    assert phone.locator("details.atlas-fold[open]").count() == 0
    phone.goto(base_url + f"papers/zhou/#{anchor}")
    phone.locator(f'[id="{anchor}"]').wait_for(state="visible")


@pytest.mark.parametrize(("path", "label"), [("papers/chen/", "BibTeX"), ("concepts/informal-learning/", "CSL-JSON")])
def test_a_citation_block_is_copied_by_its_button(browser: Browser, base_url: str, path: str, label: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        page.goto(base_url + path)
        block = page.locator(f'pre[data-atlas-copy="{label}"]').first
        block.locator("xpath=ancestor::details[1]/summary").click()
        page.get_by_role("button", name=f"Copy {label}").first.click()
        page.get_by_role("status").filter(has_text=f"{label} copied").first.wait_for()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == block.inner_text() and copied.strip()
    finally:
        context.close()


def _pdftotext() -> str:
    found = shutil.which("pdftotext")
    if found is None:
        message = "pdftotext is missing (Debian: `apt-get install poppler-utils`; `.ci/run` installs it)"
        if os.environ.get("ATLAS_BROWSER_TESTS") == "required":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return found


def test_a_paper_page_prints_what_it_argues_on_page_one_and_no_citation_table(
    browser: Browser, base_url: str, tmp_path: Path
) -> None:
    pdftotext = _pdftotext()
    page = browser.new_page()
    try:
        page.goto(base_url + "papers/chen/", wait_until="networkidle")
        opening = " ".join(page.locator("#in-brief + p").inner_text().split()[:8])
        page.emulate_media(media="print")
        decorations = page.eval_on_selector_all(
            "article a.atlas-mention", "links => links.map(a => getComputedStyle(a).textDecorationLine)")
        pdf = tmp_path / "chen.pdf"
        page.pdf(path=str(pdf), format="A4")
    finally:
        page.close()
    assert decorations and set(decorations) == {"none"}, "mention underlines print"

    def text(*pages: str) -> str:
        result = subprocess.run([pdftotext, *pages, str(pdf), "-"], capture_output=True, text=True, check=True)
        return " ".join(result.stdout.split())

    first = text("-f", "1", "-l", "1")
    assert "In brief" in first and opening in first
    assert "Citation fields" not in text() and "@article" not in text()


def _one_page_of_each_kind(site: Path) -> list[str]:
    """Every index, paper and contributor page, and the first page of each generated kind (concept,
    entity, pair)."""
    pages = ["", "papers/", "concepts/", "entities/", "comparisons/", "compare/", "crossrefs/", "reading-paths/",
             "map/"]
    pages += [f"papers/{path.parent.name}/" for path in sorted((site / "papers").glob("*/index.html"))]
    pages += [f"contribute/{path.parent.name}/" for path in sorted((site / "contribute").glob("*/index.html"))]
    for folder in ("concepts", "entities", "compare"):
        pages.append(f"{folder}/{sorted((site / folder).glob('*/index.html'))[0].parent.name}/")
    return [page for page in pages if (site / page / "index.html").is_file()]


def test_no_page_scrolls_sideways_on_a_phone(phone: Page, base_url: str, real_site: Path) -> None:
    """A wide table scrolls inside its own frame; the page itself never does (a few pixels' drift
    sideways under a reader's thumb reads as a broken page)."""
    wide = {}
    for page in _one_page_of_each_kind(real_site):
        phone.goto(base_url + page)
        width = phone.evaluate("document.scrollingElement.scrollWidth")
        if width > PHONE["viewport"]["width"]:
            wide[page] = width
    assert wide == {}


@pytest.mark.parametrize(("kind", "section"), [("concepts", "Concepts"), ("entities", "Concepts"),
                                               ("compare", "Comparisons")])
def test_a_page_outside_the_menu_lights_its_sections_tab_and_shows_it_in_the_sidebar(
    desktop: Page, base_url: str, real_site: Path, kind: str, section: str
) -> None:
    page = sorted((real_site / kind).glob("*/index.html"))[0].parent.name
    desktop.goto(base_url + f"{kind}/{page}/")
    active = desktop.locator(".md-tabs__item--active")
    assert active.count() == 1
    assert active.inner_text().strip() == section
    crumb = desktop.locator(".atlas-breadcrumb a").first.inner_text().strip()
    sidebar = desktop.locator(".md-sidebar--primary")
    assert sidebar.get_by_role("link", name=crumb, exact=True).first.is_visible()
