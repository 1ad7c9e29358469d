"""Citations for reference managers carry confirmed fields only."""

from __future__ import annotations

import json

import pytest

from conftest import FIXTURE_SITE
from upgrading_atlas.atlas import build_atlas
from upgrading_atlas.stage.citations import bibtex, csl_json, highwire_meta, split_name


@pytest.fixture(scope="module")
def papers():
    return build_atlas(FIXTURE_SITE / "annotations").index.papers


def test_bibtex_of_a_journal_article(papers) -> None:
    assert bibtex(papers["alpha"]) == (
        "@article{alpha,\n  author = {Alpha, A.},\n  title = {Leading firms in a fictional industry},\n"
        "  journal = {Journal of Fixtures},\n  year = {2001},\n  volume = {1},\n  pages = {1--10}\n}\n"
    )


def test_unknown_fields_are_left_out_and_supplied_title_is_marked(papers) -> None:
    item = csl_json(papers["beta"])
    assert item["title"] == "[A fictional chapter on contract manufacturing]"
    assert "issued" not in item and "container-title" not in item
    assert "supplied" in item["note"]
    json.dumps(item)


def test_a_work_of_unknown_type_is_cited_as_misc_and_document(papers) -> None:
    paper = papers["alpha"]
    unknown = paper.model_copy(update={"citation": paper.citation.model_copy(update={"type": "unknown"})})
    assert bibtex(unknown).startswith("@misc{alpha,\n")
    assert csl_json(unknown)["type"] == "document"
    # the fixture's container is known, but naming it a journal or a book would claim the type
    tags = dict(highwire_meta(unknown))
    assert "citation_journal_title" not in tags and "citation_inbook_title" not in tags
    assert tags["citation_title"] == "Leading firms in a fictional industry"


def test_highwire_meta_tags(papers) -> None:
    assert highwire_meta(papers["alpha"]) == [
        ("citation_title", "Leading firms in a fictional industry"),
        ("citation_author", "A. Alpha"),
        ("citation_publication_date", "2001"),
        ("citation_journal_title", "Journal of Fixtures"),
        ("citation_volume", "1"),
        ("citation_firstpage", "1"),
        ("citation_lastpage", "10"),
    ]


@pytest.mark.parametrize(("name", "split"), [("L.-C. Chen", ("Chen", "L.-C.")), ("Dieter Ernst", ("Ernst", "Dieter")),
                                             ("Plato", ("Plato", ""))])
def test_split_name(name: str, split: tuple[str, str]) -> None:
    assert split_name(name) == split


@pytest.mark.parametrize(("year", "issued"), [(2001, {"date-parts": [[2001]]}), ("2001", {"date-parts": [[2001]]}),
                                              ("²", {"literal": "²"}), ("١٩٩٩", {"literal": "١٩٩٩"}),
                                              ("forthcoming", {"literal": "forthcoming"})])
def test_a_year_that_is_not_ascii_digits_is_kept_as_written(papers, year: object, issued: dict) -> None:
    paper = papers["alpha"]
    citation = paper.citation.model_copy(update={"year": paper.citation.year.model_copy(update={"value": year})})
    assert csl_json(paper.model_copy(update={"citation": citation}))["issued"] == issued


def test_bibtex_escapes_what_latex_reads() -> None:
    from upgrading_atlas.stage.citations import page_bibtex

    entry = page_bibtex("k", "A ~ B ^ C {D} 50% $1 #2 a_b & c", "https://a.org/")
    assert r"title = {A \textasciitilde{} B \textasciicircum{} C \{D\} 50\% \$1 \#2 a\_b \& c}" in entry


def test_quotation_marks_inside_a_quoted_title_turn_single(papers) -> None:
    from upgrading_atlas.stage.fragments.citation import format_citation

    paper = papers["alpha"]
    title = paper.citation.title.model_copy(update={"value": "Beyond the “Global Factory” Model"})
    quoted = paper.model_copy(update={"citation": paper.citation.model_copy(update={"title": title})})
    assert "“Beyond the ‘Global Factory’ Model”." in format_citation(quoted)
