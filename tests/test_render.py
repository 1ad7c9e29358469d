"""Rendered fragments compared with reviewed golden files (``pytest --update-goldens`` rewrites them)."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from conftest import FIXTURE_SITE
from upgrading_atlas.atlas import build_atlas
from upgrading_atlas.link.urls import UrlScheme
from upgrading_atlas.stage.backlinks import Mention, backlinks
from upgrading_atlas.stage.fragments.citation import citation_block, format_citation
from upgrading_atlas.stage.fragments.markers import MarkerError, expand_markers, marker_content
from upgrading_atlas.stage.fragments.paper import paper_context, sections_list
from upgrading_atlas.stage.fragments.table import comparison_table
from upgrading_atlas.stage.kit import PageKit
from upgrading_atlas.stage.pages.compare import compare_index, pair_page
from upgrading_atlas.stage.pages.concept import concept_page
from upgrading_atlas.stage.pages.crossrefs import crossrefs_page
from upgrading_atlas.stage.pages.entity import entity_page
from upgrading_atlas.stage.pages.indexes import concepts_index

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
    return PageKit(atlas.index)


@pytest.mark.parametrize(
    ("golden", "make"),
    [
        ("concept-lie.md", lambda r: concept_page(r, "lie").markdown),
        ("entity-lenovo.md", lambda r: entity_page(r, "lenovo").markdown),
        ("concepts-index.md", lambda r: concepts_index(r).markdown),
        ("crossrefs.md", lambda r: crossrefs_page(r).markdown),
        ("compare-alpha-and-beta.md", lambda r: pair_page(r, "alpha", "beta").markdown),
        ("compare-index.md", lambda r: compare_index(r).markdown),
        ("table-fixture-glance.html",
         lambda r: comparison_table(r, "fixture-glance", "index.md", r.link_context("index.md"))),
        ("citation-beta.html",
         lambda r: citation_block(r, "beta", "papers/beta.md", r.link_context("papers/beta.md"))),
        ("sections-alpha.html",
         lambda r: sections_list(r, "alpha", "papers/alpha.md", r.link_context("papers/alpha.md"))),
        ("paper-context-alpha.md",
         lambda r: paper_context(r, "alpha", "papers/alpha.md", r.link_context("papers/alpha.md"))),
        ("backlinks-lie.html", lambda r: backlinks(r, "concepts/lie", [
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
        marker_content(renderer, "table", "nope", "index.md", renderer.link_context("index.md"))
    with pytest.raises(MarkerError, match="there is no marker atlas:tabel"):
        marker_content(renderer, "tabel", "x", "index.md", renderer.link_context("index.md"))


def test_citation_shows_unknown_fields_as_unknown(renderer) -> None:
    beta = renderer.index.papers["beta"]
    assert format_citation(beta) == (
        "B. Beta (year unknown). [A fictional chapter on contract manufacturing]. "
        "In a book whose title is not known."
    )


def test_markers_expand_in_page_markdown(renderer) -> None:
    page = "Intro\n\n<!-- atlas:table fixture-glance -->\n\nOutro\n"
    expanded = expand_markers(renderer, page, "index.md")
    assert '<figure class="atlas-table" id="table-fixture-glance">' in expanded
    assert expanded.startswith("Intro") and expanded.rstrip().endswith("Outro")


def test_transposed_table_puts_rows_in_columns(renderer) -> None:
    table = renderer.index.tables["fixture-glance"]
    renderer.index.tables["fixture-glance"] = table.model_copy(update={"transpose": True})
    try:
        html = comparison_table(renderer, "fixture-glance", "index.md", renderer.link_context("index.md"))
    finally:
        renderer.index.tables["fixture-glance"] = table
    header = html[html.index("<thead>"):html.index("</thead>")]
    assert '<a href="papers/alpha/">Alpha (2001)</a>' in header and "Industry" not in header
    assert '<tr><th scope="row">Industry</th>' in html


THREE_PAPER_CONCEPT = """
id: cluster
term: Industrial cluster
definition: Firms of one industry located close together.
senses:
  - {paper: alpha, gist: G., term_used: cluster, role: foil, meaning: Argued against., at: {section: s1}}
  - {paper: beta, gist: G., term_used: cluster, role: context, meaning: Background., at: {section: s2}}
  - {paper: gamma, gist: G., term_used: cluster, role: mechanism, meaning: What drives learning., at: {section: s1}}
"""


def _three_papers() -> dict[str, str]:
    from conftest import MINIMAL
    paper = MINIMAL["papers/alpha.yml"]
    return {"papers/beta.yml": paper.replace("alpha", "beta").replace("Alpha", "Beta"),
            "papers/gamma.yml": paper.replace("alpha", "gamma").replace("Alpha", "Gamma"),
            "concepts/cluster.yml": THREE_PAPER_CONCEPT}


def _steps(markdown: str) -> list[str]:
    path = markdown.split("## Reading path {#reading-path}", 1)[1].split("\n## ", 1)[0]
    return re.findall(r'<li id="reading-path-\d+"><a href="([^"]+)"', path)


def test_reading_path_from_senses_reads_the_mechanism_first_and_the_foil_last(annotations) -> None:
    atlas = build_atlas(annotations(_three_papers()))
    assert atlas.problems == []
    markdown = concept_page(PageKit(atlas.index), "cluster").markdown
    assert _steps(markdown) == ["../../papers/gamma/?path=cluster&amp;step=1#s1",
                                "../../papers/beta/?path=cluster&amp;step=2#s2",
                                "../../papers/alpha/?path=cluster&amp;step=3#s1"]


def test_authored_reading_path_keeps_its_order_and_notes(annotations) -> None:
    files = _three_papers()
    files["concepts/cluster.yml"] += ("reading_path:\n  - {paper: beta, at: {section: s1}, note: Start with beta.}\n"
                                      "  - {paper: alpha, at: {section: s2}}\n")
    atlas = build_atlas(annotations(files))
    assert atlas.problems == []
    markdown = concept_page(PageKit(atlas.index), "cluster").markdown
    assert _steps(markdown) == ["../../papers/beta/?path=cluster&amp;step=1#s1",
                                "../../papers/alpha/?path=cluster&amp;step=2#s2"]
    assert "Start with beta." in markdown and "An order in which to read" in markdown


def test_concept_of_fewer_papers_has_no_reading_path(annotations) -> None:
    atlas = build_atlas(annotations())
    assert "{#reading-path}" not in concept_page(PageKit(atlas.index), "lie").markdown


def test_cite_this_page_uses_the_site_address_and_escapes_bibtex(annotations) -> None:
    atlas = build_atlas(annotations({"concepts/rd.yml": """
        id: rd
        term: R&D offshoring
        definition: Moving research abroad.
        senses:
          - {paper: alpha, gist: G., term_used: R&D, role: context, meaning: M., at: {section: s1}}
        """}))
    assert atlas.problems == []
    markdown = concept_page(PageKit(atlas.index, UrlScheme(True, "https://example.org/atlas/")), "rd").markdown
    cite = markdown.split("## Cite this page {#cite data-search-exclude}", 1)[1]
    assert '<span class="atlas-page-url">https://example.org/atlas/concepts/rd/</span>' in cite
    assert "title = {R\\&amp;D offshoring}" in cite          # BibTeX-escaped, then HTML-escaped
    assert "@misc{upgrading-atlas-concepts-rd," in cite
    assert '&#34;type&#34;: &#34;webpage&#34;' in cite or '"type": "webpage"' in cite


def test_names_in_chinese_characters_carry_their_language(annotations) -> None:
    atlas = build_atlas(annotations({"concepts/minying.yml": """
        id: minying
        term: Minying firms
        aliases: [minying, 民营]
        definition: Firms founded outside the state sector.
        senses:
          - {paper: alpha, gist: G., term_used: minying, role: context, meaning: M., at: {section: s1}}
        """}))
    assert atlas.problems == []
    renderer = PageKit(atlas.index)
    for markdown in (concept_page(renderer, "minying").markdown, concepts_index(renderer).markdown):
        assert '<span lang="zh">民营</span>' in markdown
        assert "<span>minying</span>" in markdown


def test_the_papers_list_gives_authors_title_and_only_a_confirmed_year(annotations) -> None:
    files = {"papers/beta.yml": """
        id: beta
        short_title: Beta & Gamma
        gist: Beta argues that *clusters* matter.
        citation:
          type: unknown
          title: {unknown: true, supplied: "[A supplied title]"}
          authors: {value: [B. Beta, C. Gamma, D. Delta], source: text}
          year: {unknown: true}
        sections:
          - {id: s1, label: "1"}
        """}
    atlas = build_atlas(annotations(files))
    assert atlas.problems == []
    kit = PageKit(atlas.index)
    html = marker_content(kit, "papers", None, "index.md", kit.link_context("index.md"))
    alpha, beta = html.split("<li ")[1:]
    assert '<a href="papers/alpha/"><strong>Alpha (2001)</strong></a> (2001) · ' in alpha
    assert '<span class="atlas-papers-list__authors">A. Alpha</span>' in alpha
    assert "“Alpha”" in alpha
    assert "Beta &amp; Gamma</strong></a> · B. Beta, C. Gamma and D. Delta" in beta.replace(
        '<span class="atlas-papers-list__authors">', "").replace("</span>", "")
    assert "[A supplied title] <span" in beta and "title supplied" in beta
    assert "<em>clusters</em>" in beta


def test_the_papers_marker_takes_no_argument(annotations) -> None:
    kit = PageKit(build_atlas(annotations()).index)
    with pytest.raises(MarkerError, match="takes no argument"):
        marker_content(kit, "papers", "alpha", "index.md", kit.link_context("index.md"))
