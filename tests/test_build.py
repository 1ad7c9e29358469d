"""End to end: a strict MkDocs build of the fixture site, asserting on the HTML it writes."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_fixture_site, run_mkdocs_build

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("fixture")
    site = copy_fixture_site(work)
    result = run_mkdocs_build(site, work / "out")
    assert result.returncode == 0, result.stderr
    return work / "out"


def read(built: Path, page: str) -> str:
    return (built / page).read_text(encoding="utf-8")


def test_concept_page_exists_at_its_stable_url(built: Path) -> None:
    html = read(built, "concepts/lie/index.html")
    assert "<title>Leading innovative enterprise" in html
    assert 'id="senses"' in html and 'id="sense-alpha"' in html and 'id="sense-beta"' in html


def test_mention_links_to_concept_with_tooltip(built: Path) -> None:
    html = read(built, "papers/alpha/index.html")
    assert re.search(
        r'<a class="atlas-mention" data-atlas-kind="concepts" href="../../concepts/lie/" '
        r'title="A fictional firm that organizes innovation among its suppliers, in the fixture\'s words.">LIE</a>',
        html,
    )
    assert '<span class="atlas-nolink">LIE</span>' in html
    assert "<code>LIE</code>" in html


def test_backlink_exists(built: Path) -> None:
    html = read(built, "concepts/lie/index.html")
    backlinks = html[html.index('id="backlinks"'):]
    assert '<a href="../../papers/alpha/#firms">Firms</a>' in backlinks
    assert '<a href="../../">Fixture atlas</a>' in backlinks or '<a href="../../">Home</a>' in backlinks
    assert "atlas:backlinks" not in html


def test_table_renders_where_placed(built: Path) -> None:
    html = read(built, "index.html")
    assert '<figure class="atlas-table" id="table-fixture-glance">' in html
    assert '<a class="atlas-cite" href="papers/alpha/#s1">[§1]</a>' in html


def test_page_opt_out_links_nothing(built: Path) -> None:
    html = read(built, "papers/beta/index.html")
    body = html[html.index("This page opts out"):]
    assert "atlas-mention" not in body.split("</p>")[0]


def test_generated_indexes_and_export(built: Path) -> None:
    assert "Leading innovative enterprise" in read(built, "concepts/index.html")
    assert "Lenovo" in read(built, "entities/index.html")
    assert 'id="organizer-or-buyer"' in read(built, "crossrefs/index.html")
    assert '"version": "1.2"' in read(built, "data/atlas.json")
    assert (built / "schema" / "concepts.schema.json").exists()


def test_paper_section_anchors(built: Path) -> None:
    html = read(built, "papers/alpha/index.html")
    for anchor in ("summary", "firms", "s1", "s2-1", "table-1", "concepts-in-this-paper", "related-papers"):
        assert f'id="{anchor}"' in html


def test_broken_reference_fails_strict_build_with_located_message(tmp_path: Path) -> None:
    site = copy_fixture_site(tmp_path)
    concept = site / "annotations" / "concepts" / "oem.yml"
    concept.write_text(concept.read_text().replace("at: {section: s3}", "at: {section: s99}"))
    result = run_mkdocs_build(site, tmp_path / "out")
    assert result.returncode != 0
    assert (
        "annotations/concepts/oem.yml:12:19: senses[0].at.section: paper 'beta' has no section 's99'"
        " — use one of the ids listed in annotations/papers/beta.yml: intro, s3" in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert "Aborted: 1 problem(s) in annotations/" in result.stdout + result.stderr


def test_unknown_marker_fails_strict_build(tmp_path: Path) -> None:
    site = copy_fixture_site(tmp_path)
    page = site / "docs" / "index.md"
    marker = "<!-- atlas:table fixture-glance -->"
    page.write_text(page.read_text().replace(marker, "<!-- atlas:table no-such-table -->\n\n" + marker))
    result = run_mkdocs_build(site, tmp_path / "out")
    assert result.returncode != 0
    assert ("docs/index.md:5:1: atlas:table: there is no table 'no-such-table' — name one of the tables: "
            "fixture-glance") in result.stderr
    assert "Traceback" not in result.stderr


def test_former_id_redirects_to_the_concept(built: Path) -> None:
    html = read(built, "concepts/original-equipment/index.html")
    assert '<meta http-equiv="refresh" content="0; url=../oem/">' in html
    assert '<link rel="canonical" href="../oem/">' in html


def test_site_urls_list_pages_anchors_and_redirects(built: Path) -> None:
    from upgrading_atlas.registry import site_urls

    urls, redirects = site_urls(built)
    assert {"/", "concepts/lie/", "papers/alpha/", "papers/alpha/#s2-1", "papers/alpha/#summary"} <= urls
    assert redirects == {"concepts/original-equipment/"}


def test_a_concepts_reading_path_is_a_published_anchor(tmp_path: Path) -> None:
    from upgrading_atlas.registry import site_urls

    page = tmp_path / "concepts" / "cluster" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<h2 id="senses">Senses</h2><h2 id="reading-path">Reading path</h2>', encoding="utf-8")
    urls, _ = site_urls(tmp_path)
    assert urls == {"concepts/cluster/", "concepts/cluster/#reading-path"}


def test_a_preview_marks_the_page_a_problem_affects_and_counts_the_problems(tmp_path: Path) -> None:
    """Not strict (as ``mkdocs serve``): the build goes on, the affected page opens with a notice of
    the problem, and the log's last word is the count. Strict: it stops (see the tests above)."""
    site = copy_fixture_site(tmp_path)
    concept = site / "annotations" / "concepts" / "lie.yml"
    concept.write_text(concept.read_text().replace("at: {section: s2-1}", "at: {section: s9-9}", 1))
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace("strict: true\n", ""))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "out")],
                            cwd=site, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "concepts" / "lie" / "index.html").read_text(encoding="utf-8")
    assert 'class="admonition danger atlas-problems"' in page
    assert "has no section &#x27;s9-9&#x27;" in page
    assert "1 problem(s) in annotations/ or docs/, listed above" in result.stderr
    other = (tmp_path / "out" / "papers" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert "atlas-problems" not in other
