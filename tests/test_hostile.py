"""Hostile annotation text cannot add an element, attribute or script anywhere it lands: page
bodies, headings, the <title>, tooltips and other attributes, the search index, JSON embedded in
pages, and the JSON export."""

from __future__ import annotations

import json
import re
from html import unescape as html_unescape
from pathlib import Path

import pytest
import yaml

from conftest import TagCollector, copy_fixture_site, run_mkdocs_build

pytestmark = pytest.mark.build

PAYLOADS = [
    "<script>alert('x1')</script>",
    '"><img src=x onerror=alert(2)>',
    "[click](javascript:alert(3))",
    "{: onclick=alert(4) }",
    "<a href='javascript:alert(5)'>y</a>",
    "&lt;script&gt;alert(6)&lt;/script&gt;",
    "</title><script>alert(7)</script>",
    "<!-- atlas:table fixture-glance -->",
]
HOSTILE = " ".join(PAYLOADS)
ALLOWED_TAGS_FROM_TEXT = {"p", "em", "strong", "code", "a", "span", "ul", "ol", "li", "blockquote", "br"}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("hostile")
    site = copy_fixture_site(work)
    concepts = site / "annotations" / "concepts"
    lie = yaml.safe_load((concepts / "lie.yml").read_text())
    lie["definition"] = "A firm. " + HOSTILE
    lie["explanation"] = HOSTILE
    lie["senses_compared"] = HOSTILE
    lie["senses"][0]["meaning"] = HOSTILE
    lie["senses"][1]["differs"] = HOSTILE
    entity_path = site / "annotations" / "entities" / "lenovo.yml"
    lenovo = yaml.safe_load(entity_path.read_text())
    lenovo["description"] = HOSTILE
    lenovo["mentions"][0]["note"] = HOSTILE
    crossref_path = site / "annotations" / "crossrefs" / "organizer-or-buyer.yml"
    crossref = yaml.safe_load(crossref_path.read_text())
    crossref["note"] = HOSTILE
    crossref["a"]["claim"] = HOSTILE
    table_path = site / "annotations" / "tables" / "fixture-glance.yml"
    table = yaml.safe_load(table_path.read_text())
    table["description"] = HOSTILE
    table["rows"][0]["cells"]["industry"]["text"] = HOSTILE
    paper_path = site / "annotations" / "papers" / "alpha.yml"
    paper = yaml.safe_load(paper_path.read_text())
    paper["sections"][0]["summary"] = HOSTILE
    for path, record, kind in ((concepts / "lie.yml", lie, "concepts"), (entity_path, lenovo, "entities"),
                               (crossref_path, crossref, "crossrefs"), (table_path, table, "tables"),
                               (paper_path, paper, "papers")):
        path.write_text(f"# yaml-language-server: $schema=../../schema/{kind}.schema.json\n"
                        + yaml.safe_dump(record, allow_unicode=True))
    result = run_mkdocs_build(site, work / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "out"


def test_no_element_or_attribute_is_injected_into_any_page(hostile_site: Path) -> None:
    for path in hostile_site.rglob("*.html"):
        collector = TagCollector()
        collector.feed(path.read_text())
        for tag, attrs in collector.tags:
            assert not any(name.startswith("on") for name in attrs), (path, tag, attrs)
            href = (attrs.get("href") or "").strip().lower()
            assert not href.startswith("javascript:"), (path, tag, attrs)
            assert tag != "img" or ("src" in attrs and attrs["src"] != "x"), (path, tag, attrs)
        text = path.read_text()
        assert "alert('x1')</script>" not in text and "alert(7)</script>" not in text, path


def test_hostile_text_is_shown_as_text(hostile_site: Path) -> None:
    html = (hostile_site / "concepts" / "lie" / "index.html").read_text()
    assert "&lt;script&gt;alert(&#39;x1&#39;)&lt;/script&gt;" in html or "&lt;script&gt;alert('x1')" in html
    assert 'title="A firm. &lt;script&gt;' in (hostile_site / "papers" / "alpha" / "index.html").read_text()


def test_marker_in_annotation_text_is_not_expanded(hostile_site: Path) -> None:
    html = (hostile_site / "concepts" / "lie" / "index.html").read_text()
    assert 'id="table-fixture-glance"' not in html


def test_search_index_holds_no_markup_from_annotations(hostile_site: Path) -> None:
    index = json.loads((hostile_site / "search" / "search_index.json").read_text())
    for document in index["docs"]:
        for field in ("title", "text"):
            value = document.get(field, "")
            assert not re.search(r"<(script|img)\b", value, re.IGNORECASE), (document["location"], value[:200])


def test_json_export_keeps_text_as_data(hostile_site: Path) -> None:
    document = json.loads((hostile_site / "data" / "atlas.json").read_text())
    [lie] = [c for c in document["concepts"] if c["id"] == "lie"]
    assert lie["explanation"] == HOSTILE  # data stays data; consumers must escape it, as the schema says


# --- round two: names written into Markdown lines, Markdown's placeholders, what check accepts ---

NAMED_TERM = "*Lead* __firm__ #1 (c) 1/2 ~~x~~ !important"


@pytest.fixture(scope="module")
def tricky_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site whose names are full of Markdown syntax, with an alias spelt like Python-Markdown's
    placeholder word, and prose that checks accept."""
    work = tmp_path_factory.mktemp("tricky")
    site = copy_fixture_site(work)
    annotations = site / "annotations"
    lie = yaml.safe_load((annotations / "concepts" / "lie.yml").read_text())
    lie["term"] = NAMED_TERM
    lie["aliases"] = ["LIE", "wzxhzdk", "klzzwxh", "amp"]
    lie["explanation"] = "Code shows `a < b && c` once.\n\n> A quotation renders.\n\nwzxhzdk and amp in prose."
    crossref = yaml.safe_load((annotations / "crossrefs" / "organizer-or-buyer.yml").read_text())
    crossref["title"] = "# Not a heading, *not* emphasis"
    paper = yaml.safe_load((annotations / "papers" / "alpha.yml").read_text())
    paper["citation"]["year"] = {"value": "²", "source": "text"}
    for kind, name, record in (("concepts", "lie", lie), ("crossrefs", "organizer-or-buyer", crossref),
                               ("papers", "alpha", paper)):
        (annotations / kind / f"{name}.yml").write_text(
            f"# yaml-language-server: $schema=../../schema/{kind}.schema.json\n"
            + yaml.safe_dump(record, allow_unicode=True)
        )
    result = run_mkdocs_build(site, work / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "out"


def test_a_name_reads_as_written_in_its_heading(tricky_site: Path) -> None:
    html = (tricky_site / "concepts" / "lie" / "index.html").read_text()
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.DOTALL)
    assert heading is not None
    text = re.sub(r"<a class=\"headerlink\".*?</a>", "", heading.group(1))
    assert "<em>" not in text and "<strong>" not in text and "<del>" not in text
    assert html_unescape(text).strip() == NAMED_TERM + " (LIE)"  # the title adds the acronym readers know
    crossrefs = (tricky_site / "crossrefs" / "index.html").read_text()
    assert '<h2 id="organizer-or-buyer"># Not a heading, *not* emphasis<a class="headerlink"' in crossrefs


def test_no_page_loses_generated_content_to_an_alias_spelt_like_a_placeholder(tricky_site: Path) -> None:
    for page in ("concepts/lie", "concepts/oem", "entities/lenovo", "papers/alpha", "papers/beta"):
        html = (tricky_site / page / "index.html").read_text()
        assert "\x02" not in html and "wzxhzdk:" not in html, page
        assert 'id="backlinks"' in html or "atlas-sections" in html, page
        assert "atlas:backlinks" not in html, page
    alpha = (tricky_site / "papers" / "alpha" / "index.html").read_text()
    assert 'class="atlas-citation"' in alpha and '<dt id="s1">' in alpha


def test_prose_is_escaped_once_and_quotes_render(tricky_site: Path) -> None:
    html = (tricky_site / "concepts" / "lie" / "index.html").read_text()
    assert "<code>a &lt; b &amp;&amp; c</code>" in html
    assert "<blockquote>\n<p>A quotation renders.</p>\n</blockquote>" in html


def test_a_year_of_superscript_two_is_written_as_given(tricky_site: Path) -> None:
    assert json.loads((tricky_site / "papers" / "alpha.csl.json").read_text())[0]["issued"] == {"literal": "²"}


def test_a_strict_build_stops_at_located_problems_and_prints_them_escaped(tmp_path: Path) -> None:
    site = copy_fixture_site(tmp_path)
    concept = site / "annotations" / "concepts" / "oem.yml"
    concept.write_text(concept.read_text().replace(
        "definition: Making goods to another firm's design and brand.",
        'definition: "Making goods \\x02wzxhzdk:0\\x03 \\e]0;owned\\a"\nexplanation: "' + "- " * 3000 + 'x"',
    ))
    (site / "annotations" / "concepts" / "lie.yaml").write_text("id: lie\n")
    result = run_mkdocs_build(site, tmp_path / "out")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "\x1b]0;" not in result.stderr
    assert ("annotations/concepts/oem.yml:5:13: definition: the value holds the character '\\x02' (U+0002), which no"
            " annotation may contain" in result.stderr)
    assert ("annotations/concepts/lie.yaml:1:1: the file name ends in '.yaml', and only '.yml' files are read"
            in result.stderr)
