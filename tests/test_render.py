"""Rendered fragments compared with reviewed golden files (``pytest --update-goldens`` rewrites them)."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from conftest import FIXTURE_SITE
from upgrading_atlas.atlas import build_atlas
from upgrading_atlas.render import MarkerError, Mention, format_citation

GOLDEN = Path(__file__).parent / "golden"


def normalize(text: str) -> str:
    """Blank lines and trailing spaces carry no meaning in these fragments."""
    lines = [line.rstrip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def assert_golden(name: str, actual: str, update: bool) -> None:
    path = GOLDEN / name
    actual = normalize(actual)
    if update or not path.exists():
        path.write_text(actual, encoding="utf-8")
        if not update:
            pytest.fail(f"{name} did not exist; wrote it — review it and run again")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "golden", "actual"))
        pytest.fail(f"{name} differs from its golden file:\n{diff}")


@pytest.fixture(scope="module")
def renderer():
    atlas = build_atlas(FIXTURE_SITE / "annotations")
    assert atlas.problems == []
    return atlas.renderer()


@pytest.mark.parametrize(
    ("golden", "make"),
    [
        ("concept-lie.md", lambda r: r.concept_page("lie").markdown),
        ("entity-lenovo.md", lambda r: r.entity_page("lenovo").markdown),
        ("concepts-index.md", lambda r: r.concepts_index().markdown),
        ("crossrefs.md", lambda r: r.crossrefs_page().markdown),
        ("table-fixture-glance.html",
         lambda r: r.table("fixture-glance", "index.md", r.link_context("index.md"))),
        ("citation-beta.html", lambda r: r.citation("beta", "papers/beta.md", r.link_context("papers/beta.md"))),
        ("sections-alpha.html", lambda r: r.sections("alpha", "papers/alpha.md", r.link_context("papers/alpha.md"))),
        ("paper-context-alpha.md",
         lambda r: r.paper_context("alpha", "papers/alpha.md", r.link_context("papers/alpha.md"))),
        ("backlinks-lie.html", lambda r: r.backlinks("concepts/lie", [
            Mention("papers/alpha.md", "Alpha", "summary", "Summary"),
            Mention("papers/alpha.md", "Alpha", "firms", "Firms"),
            Mention("index.md", "Home", None),
            Mention("concepts/lie.md", "Leading innovative enterprise", None),
        ], "concepts/lie.md")),
    ],
)
def test_fragment_matches_golden(renderer, golden: str, make, update_goldens: bool) -> None:
    assert_golden(golden, make(renderer), update_goldens)


def test_unknown_marker_argument_is_an_error(renderer) -> None:
    with pytest.raises(MarkerError, match="there is no table 'nope'"):
        renderer.marker("table", "nope", "index.md", renderer.link_context("index.md"))
    with pytest.raises(MarkerError, match="unknown marker atlas:tabel"):
        renderer.marker("tabel", "x", "index.md", renderer.link_context("index.md"))


def test_citation_shows_unknown_fields_as_unknown(renderer) -> None:
    beta = renderer.index.papers["beta"]
    assert format_citation(beta) == (
        "B. Beta (year unknown). [A fictional chapter on contract manufacturing]. "
        "In a book whose title is not known."
    )


def test_markers_expand_in_page_markdown(renderer) -> None:
    page = "Intro\n\n<!-- atlas:table fixture-glance -->\n\nOutro\n"
    expanded = renderer.expand_markers(page, "index.md")
    assert '<figure class="atlas-table" id="table-fixture-glance">' in expanded
    assert expanded.startswith("Intro") and expanded.rstrip().endswith("Outro")


def test_transposed_table_puts_rows_in_columns(renderer) -> None:
    table = renderer.index.tables["fixture-glance"]
    renderer.index.tables["fixture-glance"] = table.model_copy(update={"transpose": True})
    try:
        html = renderer.table("fixture-glance", "index.md", renderer.link_context("index.md"))
    finally:
        renderer.index.tables["fixture-glance"] = table
    header = html[html.index("<thead>"):html.index("</thead>")]
    assert '<a href="papers/alpha/">Alpha (2001)</a>' in header and "Industry" not in header
    assert '<tr><th scope="row">Industry</th>' in html
