"""Hostile annotation text cannot add an element, attribute or script anywhere it lands: page
bodies, headings, the <title>, tooltips and other attributes, the search index, JSON embedded in
pages, and the JSON export."""

from __future__ import annotations

import json
import re
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
