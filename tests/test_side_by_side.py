"""The comparison across papers, visible at a glance: concept pages, comparison tables and compare
pages, as a reader sees them at 1280 × 800 and 390 × 844."""

from __future__ import annotations

import pytest
from browser import require_chromium
from playwright.sync_api import Page

from conftest import ROOT
from upgrading_atlas.atlas import build_atlas

pytestmark = pytest.mark.build
require_chromium()

SCREENS = 1.5
"""On a phone, every paper that uses a concept is named within this many screens of its page's top."""


def _shared_concepts() -> list[str]:
    """The concepts three or more papers use."""
    atlas = build_atlas(ROOT / "annotations")
    return sorted(concept.id for concept in atlas.index.concepts.values()
                  if len({sense.paper for sense in concept.senses}) >= 3)


def test_a_phone_names_every_paper_of_a_shared_concept_within_a_screen_and_a_half(
    phone: Page, base_url: str
) -> None:
    concepts = _shared_concepts()
    assert concepts
    atlas = build_atlas(ROOT / "annotations")
    late: dict[str, list[str]] = {}
    for concept_id in concepts:
        phone.goto(base_url + f"concepts/{concept_id}/")
        limit = SCREENS * phone.viewport_size["height"]
        papers = {atlas.index.papers[sense.paper].short_title for sense in atlas.index.concepts[concept_id].senses}
        shown = phone.locator(".atlas-glance__table tbody th").evaluate_all(
            "cells => cells.map(c => [c.textContent.trim(), c.getBoundingClientRect().bottom + scrollY])")
        found = {name for name, bottom in shown if bottom <= limit and name in papers}
        if found != papers:
            late[concept_id] = sorted(papers - found)
    assert late == {}, "papers named below the first 1.5 screens of a phone"


def test_the_comparison_follows_the_definition_and_the_differences_follow_it(desktop: Page, base_url: str) -> None:
    desktop.goto(base_url + "concepts/oem/")
    order = desktop.evaluate("[...document.querySelectorAll('.md-content h2')].map(h => h.id)")
    assert order.index("at-a-glance") == 0
    assert order.index("senses-compared") == 1
    assert order.index("senses") > order.index("senses-compared")


def _comparison_pages() -> list[str]:
    return ["comparisons/", "compare/chen-and-zhou/"]


@pytest.mark.parametrize("path", _comparison_pages())
def test_every_table_header_lies_inside_the_content_column_at_1280(desktop: Page, base_url: str, path: str) -> None:
    desktop.goto(base_url + path)
    column = desktop.locator(".md-content__inner").bounding_box()
    assert column
    right = column["x"] + column["width"]
    headers = desktop.locator(".md-content table th").evaluate_all(
        "cells => cells.filter(c => c.offsetParent).map(c => [c.textContent.trim(), c.getBoundingClientRect().right])")
    assert headers
    outside = [(text, round(edge)) for text, edge in headers if edge > right + 1]
    assert outside == [], f"header cells beyond the content column's right edge at {round(right)} px"


def test_paper_names_stay_in_view_while_a_long_table_scrolls(desktop: Page, base_url: str) -> None:
    desktop.goto(base_url + "comparisons/")
    table = desktop.locator("#table-papers-at-a-glance table")
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    assert box and box["height"] > 800, "the test needs a table taller than the screen"
    desktop.mouse.wheel(0, box["y"] + box["height"] / 2)
    desktop.wait_for_timeout(200)
    header = desktop.locator("#table-papers-at-a-glance thead th").first.bounding_box()
    assert header and 0 <= header["y"] <= 200, "the row of paper names scrolled away"


def test_a_table_scrolled_sideways_on_a_phone_keeps_each_rows_label_and_names_each_cells_paper(
    phone: Page, base_url: str
) -> None:
    phone.goto(base_url + "comparisons/")
    frame = phone.locator("#table-papers-at-a-glance .atlas-table__scroll")
    frame.scroll_into_view_if_needed()
    assert frame.evaluate("f => f.scrollWidth > f.clientWidth"), "the table fits: nothing to test"
    frame.evaluate("f => { f.scrollLeft = f.scrollWidth; }")
    phone.wait_for_timeout(100)
    frame_box = frame.bounding_box()
    assert frame_box
    label = phone.locator("#table-papers-at-a-glance tbody th").first.bounding_box()
    assert label and label["x"] >= frame_box["x"] - 1 and label["x"] + label["width"] <= frame_box["x"] + 200
    visible = phone.locator("#table-papers-at-a-glance tbody td").evaluate_all("""(cells) => cells
        .filter(c => { const r = c.getBoundingClientRect(); return r.right > 130 && r.left < innerWidth; })
        .map(c => !!c.querySelector('.atlas-table__cell-paper') &&
                  getComputedStyle(c.querySelector('.atlas-table__cell-paper')).display !== 'none')""")
    assert visible and all(visible), "a visible cell does not name its paper"


def test_the_reader_can_choose_which_papers_a_table_shows(desktop: Page, base_url: str) -> None:
    desktop.goto(base_url + "comparisons/")
    chooser = desktop.locator("#table-papers-at-a-glance .atlas-table__choose")
    assert chooser.is_visible()
    zhou = desktop.locator('#table-papers-at-a-glance td[data-paper="zhou"]').first
    assert zhou.is_visible()
    chooser.locator('input[value="zhou"]').uncheck()
    assert zhou.is_hidden()
    chooser.locator('input[value="zhou"]').check()
    assert zhou.is_visible()


def test_roles_are_explained_in_words_a_touch_screen_shows(phone: Page, base_url: str) -> None:
    phone.goto(base_url + "concepts/oem/")
    legend = phone.locator(".atlas-role-legend")
    assert legend.is_visible()
    assert "a view the paper sets out to refute" in legend.inner_text()
