"""The real site: a strict build, and what it must hold for readers and teachers."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import ROOT, served
from upgrading_atlas.atlas import build_atlas

pytestmark = pytest.mark.build

PAPER_ANCHORS = ["summary", "question", "argument", "method", "findings", "cases", "limits", "policy",
                 "conversation", "sections", "concepts-in-this-paper", "related-papers"]
"""The parts every paper page has, in the house structure (their anchors are published URLs)."""


@pytest.fixture(scope="module")
def atlas():
    return build_atlas(ROOT / "annotations")


@pytest.fixture(scope="module")
def site(real_site: Path) -> Path:
    return real_site


def test_annotations_are_valid(atlas) -> None:
    assert [str(problem) for problem in atlas.problems] == []


def test_every_paper_file_has_its_page(atlas) -> None:
    """A paper is an annotation file and a hand-written page: neither without the other."""
    pages = {path.stem for path in (ROOT / "docs" / "papers").glob("*.md")} - {"index"}
    assert atlas.index.papers and set(atlas.index.papers) == pages


def test_every_entity_page_links_each_paper_that_mentions_it(site: Path, atlas) -> None:
    """What the entity pages are for: following a firm or an institution across the papers."""
    unlinked = []
    for entity in atlas.index.entities.values():
        page = (site / "entities" / entity.id / "index.html").read_text(encoding="utf-8")
        unlinked += [f"entities/{entity.id}/ does not link papers/{mention.paper}/" for mention in entity.mentions
                     if f'href="../../papers/{mention.paper}/' not in page]
    assert unlinked == []


def test_paper_pages_have_stable_anchors(site: Path, atlas) -> None:
    for paper in atlas.index.papers:
        html = (site / "papers" / paper / "index.html").read_text(encoding="utf-8")
        missing = [anchor for anchor in PAPER_ANCHORS if f'id="{anchor}"' not in html]
        assert missing == [], paper
        assert 'class="atlas-citation"' in html, paper
        assert "atlas-error" not in html, paper


def test_every_concept_links_to_its_papers_and_back(site: Path, atlas) -> None:
    """A concept page links each paper of its senses, each of those paper pages links the concept,
    and a paper page whose text mentions the concept is among the concept's backlinks."""
    unlinked = []
    papers = {paper: (site / "papers" / paper / "index.html").read_text(encoding="utf-8")
              for paper in atlas.index.papers}
    for concept in atlas.index.concepts:
        page = (site / "concepts" / concept / "index.html").read_text(encoding="utf-8")
        backlinks = page[page.index('id="backlinks"'):]
        for paper in {sense.paper for sense in atlas.index.concepts[concept].senses}:
            if f'href="../../papers/{paper}/' not in page:
                unlinked.append(f"concepts/{concept}/ does not link papers/{paper}/")
            if f'href="../../concepts/{concept}/"' not in papers[paper]:
                unlinked.append(f"papers/{paper}/ does not link concepts/{concept}/")
        for paper, html in papers.items():
            mentioned = re.search(rf'<a class="atlas-mention"[^>]*href="\.\./\.\./concepts/{concept}/"', html)
            if mentioned and f'href="../../papers/{paper}/' not in backlinks:
                unlinked.append(f"papers/{paper}/ mentions {concept} but is not among its backlinks")
    assert unlinked == []


def test_every_table_is_placed_on_one_page_only(site: Path, atlas) -> None:
    """One table, not two copies: other pages link to it."""
    html = "".join(path.read_text(encoding="utf-8") for path in site.rglob("index.html"))
    for table in atlas.index.tables:
        assert html.count(f'id="table-{table}"') == 1, table


def test_no_request_to_another_host(site: Path) -> None:
    pattern = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)="(?:https?:)?//', re.IGNORECASE)
    offenders = [str(path.relative_to(site)) for path in site.rglob("*.html") if pattern.search(path.read_text())]
    assert offenders == []
    css = "".join(path.read_text(errors="ignore") for path in site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_no_published_url_disappears(site: Path) -> None:
    from upgrading_atlas.registry import read_registry, site_urls

    registry = read_registry(ROOT / "published-urls.txt")
    assert registry, "published-urls.txt is empty — run `make urls`"
    served, _ = site_urls(site)
    missing = [url for url in registry if url not in served]
    assert not missing, (
        "published URLs no longer served (restore them, or keep the old id in former_ids for a redirect):\n"
        + "\n".join(missing)
    )
    unregistered = sorted(served - set(registry))
    assert not unregistered, (
        "new URLs, not yet in published-urls.txt: run `make urls` (it builds the site and adds them), then "
        "commit published-urls.txt with your change:\n" + "\n".join(unregistered)
    )


def test_build_is_reproducible(mkdocs_site: Path, tmp_path: Path) -> None:
    site = mkdocs_site
    again = tmp_path / "again"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(again)],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=900,
    )
    assert result.returncode == 0, result.stderr
    # sitemap.xml.gz: gzip stores the time of compression in its header
    excluded = {"sitemap.xml.gz"}
    first = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again).as_posix(): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    differ = [name for name in first if name not in excluded and first[name] != second[name]]
    assert differ == []


class _LinksAndIds(HTMLParser):
    """The ids of one page, and the targets of its links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.ids.add(str(values[name]))
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))


def test_every_link_to_an_anchor_lands_on_an_id(site: Path) -> None:
    """Links written as raw HTML by the templates escape MkDocs' own anchor validation."""
    pages: dict[str, _LinksAndIds] = {}
    for path in site.rglob("*.html"):
        parser = _LinksAndIds()
        parser.feed(path.read_text(encoding="utf-8"))
        pages["/" + path.relative_to(site).as_posix()] = parser
    broken = []
    checked = 0
    for page_path, parser in pages.items():
        for href in parser.links:
            url = urlsplit(urljoin("http://atlas" + page_path, href))
            if url.netloc != "atlas" or not url.fragment:
                continue
            target = unquote(url.path) + ("index.html" if url.path.endswith("/") else "")
            checked += 1
            if target not in pages:
                broken.append(f"{page_path}: {href} (no page {target})")
            elif unquote(url.fragment) not in pages[target].ids:
                broken.append(f"{page_path}: {href} (no id {url.fragment!r})")
    assert checked > 1000
    assert broken == []


def test_linkchecker_finds_no_broken_internal_link(site: Path, tmp_path: Path) -> None:
    import shutil

    checker = shutil.which("linkchecker", path=str(Path(sys.executable).parent))
    assert checker, "linkchecker is not installed in the virtual environment"
    config = tmp_path / "linkcheckerrc"
    # the theme's own assets and the search index hold no links of ours; anchors are checked by the
    # test above, in seconds (linkchecker's AnchorCheck parses a page again for each anchor: minutes)
    config.write_text("[checking]\nthreads=10\n[filtering]\ncheckextern=0\nignore=\n  /assets/\n  /search/\n")
    with served(site) as base_url:
        result = subprocess.run(
            [checker, "--config", str(config), "--no-status", "-o", "text", base_url],
            capture_output=True, text=True, check=False, timeout=900,
        )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert "0 warnings found" in result.stdout and "0 errors found" in result.stdout


class _VisibleText(HTMLParser):
    """The text a reader sees (text nodes outside scripts and styles, and the tooltips of title
    attributes), with character references decoded once, as a browser does."""

    HIDDEN = frozenset({"script", "style", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        for name, value in attrs:
            if name in {"title", "alt", "aria-label", "placeholder"} and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


CHARACTER_REFERENCE = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]{1,31});", re.IGNORECASE)


def test_no_page_shows_a_character_reference(site: Path) -> None:
    """Text escaped twice shows "&amp;" to readers: nowhere, on any page."""
    shown: dict[str, list[str]] = {}
    for path in sorted(site.rglob("*.html")):
        parser = _VisibleText()
        parser.feed(path.read_text(encoding="utf-8"))
        found = [match.group() for part in parser.parts for match in CHARACTER_REFERENCE.finditer(part)]
        if found:
            shown[path.relative_to(site).as_posix()] = sorted(set(found))
    assert shown == {}


def test_each_pair_of_papers_has_a_compare_page_linking_both(site: Path, atlas) -> None:
    papers = sorted(atlas.index.papers)
    index = (site / "compare" / "index.html").read_text(encoding="utf-8")
    for first, second in itertools.combinations(papers, 2):
        page = site / "compare" / f"{first}-and-{second}" / "index.html"
        assert page.is_file(), f"no compare page for {first} and {second}"
        html = page.read_text(encoding="utf-8")
        for paper in (first, second):
            assert re.search(rf'href="[./]*papers/{paper}/"', html), f"{page} does not link {paper}"
        assert f"{first}-and-{second}/" in index
    for paper in papers:
        html = (site / "papers" / paper / "index.html").read_text(encoding="utf-8")
        others = [other for other in papers if other != paper]
        assert all(f"compare/{'-and-'.join(sorted((paper, other)))}/" in html for other in others)


ROOTED = re.compile(r"""(?:href|src|action)=["'](/(?!/)[^"']*)["']""")


def test_no_page_links_from_the_site_root(site: Path) -> None:
    """Links written from the root (``/concepts/...``) break when the site lives under a sub-path,
    as a project site does: every internal link is relative (the error page aside, which hosts serve
    at any address and builders write from the root)."""
    rooted = {}
    for path in site.rglob("*.html"):
        relative = path.relative_to(site).as_posix()
        if relative == "404.html":
            continue
        found = ROOTED.findall(path.read_text(encoding="utf-8"))
        if found:
            rooted[relative] = sorted(set(found))[:3]
    assert rooted == {}


# --- finding one's way --------------------------------------------------------------------------


def test_the_home_pages_tab_does_not_repeat_the_sites_name(site: Path) -> None:
    title = re.search(r"<title>(.*?)</title>", (site / "index.html").read_text(encoding="utf-8"), re.S)
    assert title
    parts = [part.strip() for part in title.group(1).split(" - ")]
    assert len(parts) == len(set(parts)), title.group(1)


def _searchable_locations(site: Path) -> list[str]:
    """Every location in the builder's search index (MkDocs: search/search_index.json, Zensical:
    search.json)."""
    import json

    mkdocs_index = site / "search" / "search_index.json"
    if mkdocs_index.is_file():
        return [doc["location"] for doc in json.loads(mkdocs_index.read_text(encoding="utf-8"))["docs"]]
    return [item["location"] for item in json.loads((site / "search.json").read_text(encoding="utf-8"))["items"]]


def test_contributor_pages_stay_out_of_the_readers_search(site: Path) -> None:
    locations = _searchable_locations(site)
    assert any(location.startswith("concepts/") for location in locations)
    assert [location for location in locations if location.startswith("contribute/")] == []


@pytest.mark.parametrize(
    ("asset", "used_by"),
    [
        ("assets/atlas-map.css", 'class="atlas-map'),
        ("assets/atlas-map.js", 'class="atlas-map'),
        ("assets/atlas-path.js", 'class="atlas-citation"'),
        ("assets/atlas-section.js", 'class="atlas-breadcrumb"'),
        ("assets/_mkdocstrings.css", 'class="doc doc-'),
    ],
)
def test_scripts_and_stylesheets_load_only_on_the_pages_that_use_them(site: Path, asset: str, used_by: str) -> None:
    loads, uses = set(), set()
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        page = path.relative_to(site).as_posix()
        if re.search(r'(?:href|src)="[./]*' + re.escape(asset) + '"', html):
            loads.add(page)
        if re.search(r"<[a-z][a-z0-9]*\s[^<>]*" + re.escape(used_by), html):  # in a tag, not in a code sample
            uses.add(page)
    assert loads <= uses, f"{asset} loads where nothing uses it: {sorted(loads - uses)[:5]}"
    if asset != "assets/_mkdocstrings.css" or (site / asset).is_file():  # Zensical styles the reference itself
        assert uses <= loads, f"{asset} is missing where it is used: {sorted(uses - loads)[:5]}"


def test_the_menu_names_each_paper_by_its_short_title_in_the_atlas_order(atlas) -> None:
    from upgrading_atlas.stage.config import read_site_config

    nav = read_site_config(ROOT / "mkdocs.yml")["nav"]
    papers = next(entry["Papers"] for entry in nav if isinstance(entry, dict) and "Papers" in entry)
    listed = [(label, target) for entry in papers if isinstance(entry, dict) for label, target in entry.items()]
    expected = [(atlas.index.papers[paper].short_title, f"papers/{paper}.md") for paper in sorted(atlas.index.papers)]
    assert listed == expected


def test_tables_of_one_row_per_paper_follow_the_atlas_order_under_the_short_titles(atlas) -> None:
    from upgrading_atlas.stage.fragments.table import comparison_table
    from upgrading_atlas.stage.kit import PageKit

    kit = PageKit(atlas.index)
    checked = 0
    for table in atlas.index.tables.values():
        papers = [row.paper for row in table.rows]
        if None in papers or len(set(papers)) != len(papers):
            continue
        assert all(row.label == atlas.index.papers[row.paper].short_title for row in table.rows), table.id
        html = comparison_table(kit, table.id, "index.md", kit.link_context("index.md"))
        titles = [escape(atlas.index.papers[paper].short_title) for paper in kit.paper_order()]
        first_shown = sorted(titles, key=lambda title: html.index(f">{title}<"))
        assert first_shown == titles, table.id
        checked += 1
    assert checked


def test_no_section_title_is_set_in_capitals(atlas) -> None:
    """Titles printed in capitals read as shouting in a reading path or a list of sections."""
    shouting = [f"{paper.id}: {section.title}" for paper in atlas.index.papers.values()
                for section in paper.sections if section.title and section.title.isupper()]
    assert shouting == []


def test_what_links_here_lists_no_contributor_page(site: Path) -> None:
    """Readers asking what discusses a concept want the atlas's pages, not the contributor guide's
    examples."""
    listing = {}
    for path in [*site.glob("concepts/*/index.html"), *site.glob("entities/*/index.html")]:
        html = path.read_text(encoding="utf-8")
        start = html.find('id="backlinks"')
        if start == -1:
            continue
        end = html.find("<h2", start)
        found = re.findall(r'href="[^"]*contribute/[^"]*"', html[start:end if end != -1 else None])
        if found:
            listing[path.parent.name] = found[:2]
    assert listing == {}
