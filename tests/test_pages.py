"""The annotations checked against the hand-written pages: every table placed, every paper with its
page, no section id that its page already uses, no page standing where a generated one goes."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_fixture_site
from upgrading_atlas.__main__ import main
from upgrading_atlas.atlas import build_atlas
from upgrading_atlas.validate.pages import page_ids


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_fixture_site(tmp_path)


def problems_of(site: Path) -> list[str]:
    return [str(problem) for problem in build_atlas(site / "annotations", site / "docs").problems]


def test_the_fixture_site_has_no_problem(site: Path) -> None:
    assert problems_of(site) == []


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_table_no_page_places(site: Path) -> None:
    _replace(site / "docs" / "index.md", "<!-- atlas:table fixture-glance -->", "")
    assert problems_of(site) == [
        "annotations/tables/fixture-glance.yml:2:5: id: no page places the table 'fixture-glance', so the site never"
        " shows it — add the line <!-- atlas:table fixture-glance --> to a page in docs/, or delete the table"
    ]


def test_a_paper_with_no_page(site: Path) -> None:
    (site / "docs" / "papers" / "beta.md").unlink()
    assert problems_of(site) == [
        "annotations/papers/beta.yml:2:5: id: the paper has no page: docs/papers/beta.md does not exist, so every link"
        " to the paper leads nowhere — write docs/papers/beta.md, with `atlas_paper: beta` in its front matter"
    ]


def test_a_paper_page_under_another_name(site: Path) -> None:
    page = site / "docs" / "papers" / "beta.md"
    page.rename(site / "docs" / "papers" / "beta-2003.md")
    _replace(site / "docs" / "papers" / "beta-2003.md", "---\n", "---\natlas_paper: beta\n")
    assert problems_of(site) == [
        "annotations/papers/beta.yml:2:5: id: the paper has no page: docs/papers/beta.md does not exist, so every link"
        " to the paper leads nowhere — move docs/papers/beta-2003.md, which names the paper, to docs/papers/beta.md"
    ]


def test_a_paper_page_naming_another_paper(site: Path) -> None:
    _replace(site / "docs" / "papers" / "beta.md", "---\n", "---\natlas_paper: alpha\n")
    assert problems_of(site) == [
        "annotations/papers/beta.yml:2:5: id: the paper's page docs/papers/beta.md names another paper in its front"
        " matter ('alpha') — set `atlas_paper: beta` in the front matter of docs/papers/beta.md"
    ]


@pytest.mark.parametrize(
    ("section_id", "taken_by"),
    [("summary", "a hand-written heading"), ("concepts-in-this-paper", "a generated heading"),
     ("alpha", "the heading's own id, made from its text")],
)
def test_a_section_id_that_the_page_already_uses(site: Path, section_id: str, taken_by: str) -> None:
    _replace(site / "annotations" / "papers" / "alpha.yml", "{id: table-1,", f"{{id: {section_id},")
    for path in (site / "annotations").rglob("*.yml"):
        path.write_text(path.read_text(encoding="utf-8").replace("section: table-1", f"section: {section_id}"))
    assert problems_of(site) == [
        f"annotations/papers/alpha.yml:18:10: sections[2].id: the section id {section_id!r} is also the id of a"
        " heading or element on docs/papers/alpha.md, and an id may stand once on a page — choose another section"
        " id (before the paper is published), or give the heading another id"
    ], taken_by


def test_a_hand_written_page_where_a_generated_page_goes(site: Path) -> None:
    (site / "docs" / "concepts").mkdir()
    (site / "docs" / "concepts" / "lie.md").write_text("# Mine\n")
    assert problems_of(site) == [
        "annotations/concepts/lie.yml:2:5: id: the hand-written page docs/concepts/lie.md stands where this record's"
        " generated page goes — move that page elsewhere, or choose another id"
    ]


def test_ids_of_a_page() -> None:
    markdown = "---\ntitle: T\n---\n# A *title*: here\n\n## Two {#two}\n\n<dt id=\"s1\">x</dt>\n\n```\n# not\n```\n"
    assert page_ids(markdown) == {"a-title-here", "two", "s1"}


def test_check_reads_the_docs_beside_the_annotations(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "docs" / "papers" / "beta.md").unlink()
    assert main(["--annotations", str(site / "annotations"), "check"]) == 1
    assert "docs/papers/beta.md does not exist" in capsys.readouterr().err
    assert main(["--annotations", str(site / "annotations"), "--docs", str(site / "nowhere"), "check"]) == 2
    assert "no such folder" in capsys.readouterr().err
