"""The concept map and each concept's neighbourhood: graph, labels, layout, SVG and its text equivalent."""

from __future__ import annotations

import hashlib
import json
import math
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from test_render import assert_golden

from conftest import FIXTURE_SITE, MINIMAL, ROOT, TagCollector, write_annotations
from upgrading_atlas.atlas import build_atlas
from upgrading_atlas.link.urls import UrlScheme
from upgrading_atlas.stage.concept_map import (
    NEIGHBOURHOOD_LIMIT,
    PAPER_VIEW_LIMIT,
    SHARED_BY,
    Drawing,
    MapDrawing,
    build_graph,
    draw_map,
    draw_neighbourhood,
    neighbourhood,
    text_width,
    wrap_label,
)
from upgrading_atlas.stage.concept_map.boxes import FONT_SIZE, LABEL_WIDTH
from upgrading_atlas.stage.kit import PageKit
from upgrading_atlas.stage.pages.concept import concept_page
from upgrading_atlas.stage.pages.map import SOURCE as MAP_SOURCE
from upgrading_atlas.stage.pages.map import map_page

SVG = "{http://www.w3.org/2000/svg}"
SVG_TAGS = {f"{SVG}{tag}" for tag in
            ("svg", "title", "desc", "g", "line", "a", "rect", "circle", "polygon", "text", "tspan")}
HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "' onmouseover='alert(3)",
    "]]><!-- & &amp; &lt;b&gt;",
]


@pytest.fixture(scope="module")
def real() -> PageKit:
    atlas = build_atlas(ROOT / "annotations")
    assert atlas.problems == []
    return PageKit(atlas.index)


@pytest.fixture(scope="module")
def real_map(real: PageKit) -> MapDrawing:
    return draw_map(real.concept_graph, lambda kind, record_id: f"{kind}/{record_id}")


def svgs_of(markdown: str) -> list[ET.Element]:
    """Every SVG drawing in a page's Markdown, parsed as XML: each must be well-formed."""
    found = re.findall(r'<svg class="atlas-map__svg".*?</svg>', markdown, re.DOTALL)
    assert found, "no SVG in the page"
    return [ET.fromstring(svg) for svg in found]


def svg_of(markdown: str) -> ET.Element:
    return svgs_of(markdown)[0]


def nodes_of(svg: ET.Element) -> dict[str, ET.Element]:
    return {a.get("data-key", ""): a for a in svg.iter(f"{SVG}a")}


def label_of(node: ET.Element) -> str:
    """A node's label as a reader sees it: its lines, joined by spaces."""
    text = node.find(f"{SVG}text")
    assert text is not None
    lines = [tspan.text or "" for tspan in text.iter(f"{SVG}tspan")] or [text.text or ""]
    return " ".join(lines)


def drawings_of(drawn: MapDrawing) -> dict[str, Drawing]:
    return {"overview": drawn.overview, **{view.paper.id: view.drawing for view in drawn.views}}


def overlapping(drawing: Drawing) -> list[tuple[str, str]]:
    found = []
    nodes = drawing.nodes
    for number, a in enumerate(nodes):
        for b in nodes[number + 1:]:
            if (a.left < b.left + b.width and b.left < a.left + a.width
                    and a.top < b.top + b.height and b.top < a.top + a.height):
                found.append((a.node.label, b.node.label))
    return found


# --- determinism ---------------------------------------------------------------------------------


def test_same_annotations_give_the_same_map(real: PageKit) -> None:
    again = PageKit(build_atlas(ROOT / "annotations").index)
    assert map_page(real).markdown == map_page(again).markdown
    assert concept_page(real, "lie").markdown == concept_page(again, "lie").markdown


def test_map_does_not_depend_on_hash_seeds() -> None:
    """Sets iterate in an order that changes with PYTHONHASHSEED; the map must not."""
    script = (
        "import hashlib, sys; sys.path.insert(0, 'hooks');"
        "from pathlib import Path; from upgrading_atlas.atlas import build_atlas;"
        "from upgrading_atlas.stage.kit import PageKit;"
        "from upgrading_atlas.stage.pages.concept import concept_page;"
        "from upgrading_atlas.stage.pages.map import map_page;"
        "r = PageKit(build_atlas(Path('annotations')).index);"
        "print(hashlib.sha256((map_page(r).markdown + concept_page(r, 'informal-learning').markdown)"
        ".encode()).hexdigest())"
    )
    digests = {
        subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
                       env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout.strip()
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1, digests
    assert len(next(iter(digests))) == len(hashlib.sha256().hexdigest())


# --- links ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "href"),
    [
        ("paper-chen", "#focus-chen"),  # on the overview a paper shows its view
        ("concept-informal-learning", "../concepts/informal-learning/"),
        ("concept-lie", "../concepts/lie/"),
        ("entity-lenovo", "../entities/lenovo/"),
    ],
)
def test_map_node_links_to_its_page_or_its_view(real: PageKit, key: str, href: str) -> None:
    anchored = {a.get("id"): a for svg in svgs_of(map_page(real).markdown) for a in svg.iter(f"{SVG}a")}
    assert anchored[f"map-{key}"].get("href") == href


def test_each_record_has_one_anchor_on_the_map_page_and_links_to_its_page(real: PageKit) -> None:
    """Other pages link to ``map/#map-concept-lie``: each record's node carries that id exactly once."""
    urls = UrlScheme()
    kinds = {"paper": "papers", "concept": "concepts", "entity": "entities"}
    markdown = map_page(real).markdown
    ids: list[str] = []
    for svg in svgs_of(markdown):
        for key, element in nodes_of(svg).items():
            prefix, record_id = key.split("-", 1)
            expected = urls.relative(MAP_SOURCE, urls.record_url(kinds[prefix], record_id))
            assert element.get("href") in (expected, f"#focus-{record_id}"), key
            if element.get("id"):
                assert element.get("id") == f"map-{key}"
                ids.append(key)
    index = real.index
    records = [f"paper-{p}" for p in index.papers] + [f"concept-{c}" for c in index.concepts]
    records += [f"entity-{e}" for e in index.entities]
    assert sorted(ids) == sorted(records)
    for view in re.findall(r'href="#(focus-[a-z0-9-]+)"', markdown):
        assert f'id="{view}"' in markdown, view
    every_id = re.findall(r' id="([^"]+)"', markdown)
    assert len(every_id) == len(set(every_id)), "an id is used twice"


def test_neighbourhood_links_from_the_concept_page(real: PageKit) -> None:
    page = concept_page(real, "lie").markdown
    nodes = nodes_of(svg_of(page))
    assert nodes["paper-he-wang"].get("href") == "../../papers/he-wang/"
    assert nodes["concept-lie"].get("href") == "../../map/#map-concept-lie"  # not its own page
    assert nodes["concept-innovation-network"].get("href") == "../innovation-network/"
    assert '<a href="../../map/#map-concept-lie">See it on the concept map</a>' in page


def test_neighbourhood_section_stands_before_the_backlinks(real: PageKit) -> None:
    page = concept_page(real, "lie").markdown
    assert page.index("## Neighbourhood {#neighbourhood}") < page.index("## What links here {#backlinks")


def test_each_concept_is_offered_with_its_neighbourhood(real: PageKit) -> None:
    markdown = map_page(real).markdown
    picker = markdown[markdown.index('<details class="atlas-map-concepts">'):markdown.index("</details>")]
    offered = re.findall(r'href="\.\./concepts/([^/]+)/#neighbourhood"', picker)
    assert sorted(offered) == sorted(real.index.concepts)


# --- the order of the papers ---------------------------------------------------------------------


def test_papers_come_in_the_index_order_everywhere_on_the_map(real: PageKit, real_map: MapDrawing) -> None:
    order = list(real.index.papers)
    assert order == sorted(order)
    markdown = map_page(real).markdown
    picker = markdown[markdown.index('<nav class="atlas-map-picker"'):markdown.index("<details")]
    assert re.findall(r'href="#focus-([^"]+)"', picker) == order
    assert [view.paper.id for view in real_map.views] == order
    assert re.findall(r"^#### .* \{#paper-([^}]+)\}$", markdown, re.MULTILINE) == order
    # around the overview: clockwise from the top (SVG's y axis points down)
    papers = {item.node.id: item for item in real_map.overview.nodes if item.node.kind == "papers"}
    centre_x = sum(item.x for item in papers.values()) / len(papers)
    centre_y = sum(item.y for item in papers.values()) / len(papers)
    angles = [math.atan2(papers[p].x - centre_x, centre_y - papers[p].y) % (2 * math.pi) for p in order]
    assert angles == sorted(angles)
    assert papers[order[0]].y == min(item.y for item in papers.values())


# --- untrusted text ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile() -> PageKit:
    """The fixture's records with hostile names, set past validation, which refuses most of them:
    the drawing must escape whatever reaches it."""
    atlas = build_atlas(FIXTURE_SITE / "annotations")
    index = atlas.index
    index.concepts["lie"] = index.concepts["lie"].model_copy(update={"term": HOSTILE[0] + HOSTILE[3]})
    index.concepts["oem"] = index.concepts["oem"].model_copy(update={"term": HOSTILE[1]})
    index.entities["lenovo"] = index.entities["lenovo"].model_copy(update={"name": HOSTILE[2]})
    index.papers["alpha"] = index.papers["alpha"].model_copy(update={"short_title": "R&D <b>& Co's"})
    return PageKit(atlas.index)


@pytest.mark.parametrize("page", ["map", "concept"])
def test_hostile_labels_stay_text(hostile: PageKit, page: str) -> None:
    markdown = map_page(hostile).markdown if page == "map" else concept_page(hostile, "lie").markdown
    labels = {}
    for svg in svgs_of(markdown):  # well-formed XML, so nothing closed an element or a comment early
        for element in svg.iter():
            assert element.tag in SVG_TAGS, element.tag
            assert not any(name.lower().startswith("on") for name in element.attrib), element.attrib
        labels.update({key: label_of(a) for key, a in nodes_of(svg).items()})
    assert labels["concept-lie"] == HOSTILE[0] + HOSTILE[3]
    if page == "map":
        assert labels["concept-oem"] == HOSTILE[1]
        assert labels["entity-lenovo"] == HOSTILE[2]
        assert labels["paper-alpha"] == "R&D <b>& Co's"
    assert "<script>" not in markdown and "<img" not in markdown and "<b>" not in markdown


def test_hostile_labels_stay_text_in_the_text_equivalent(hostile: PageKit) -> None:
    markdown = map_page(hostile).markdown
    parser = TagCollector()
    parser.feed(markdown[markdown.index("## The map as text"):])
    assert {tag for tag, _ in parser.tags} <= {"dl", "dt", "dd", "a"}
    assert all(not name.startswith("on") for _, attrs in parser.tags for name in attrs)


# --- labels --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "lines"),
    [
        ("Lenovo", ("Lenovo",)),
        ("Original equipment manufacturing", ("Original equipment", "manufacturing")),
        ("Coordinating Committee for Multilateral Export Control",
         ("Coordinating Committee for", "Multilateral Export Control")),
        ("Pneumonoultramicroscopicsilicovolcanoconiosis-like phenomena",
         ("Pneumonoultramicroscopicsilicovolcanoconiosis-like", "phenomena")),
        ("  spaced   out  ", ("spaced out",)),
        ("", ("",)),
    ],
)
def test_a_label_is_wrapped_whole_never_cut(label: str, lines: tuple[str, ...]) -> None:
    wrapped = wrap_label(label, FONT_SIZE, LABEL_WIDTH)
    assert wrapped == lines
    assert " ".join(wrapped) == " ".join(label.split())
    for line in wrapped:
        assert " " not in line or text_width(line, FONT_SIZE) <= LABEL_WIDTH


def test_wrapped_lines_are_even_not_greedy() -> None:
    """Three words of which two fit on a line: the break goes where the lines come out most even."""
    wrapped = wrap_label("Home bias of multinational corporations", FONT_SIZE, LABEL_WIDTH)
    widths = [text_width(line, FONT_SIZE) for line in wrapped]
    assert len(wrapped) == 2 and max(widths) - min(widths) < LABEL_WIDTH / 2


def test_every_label_on_the_real_map_is_whole(real: PageKit, real_map: MapDrawing) -> None:
    names = {f"concept-{c.id}": c.term for c in real.index.concepts.values()}
    names |= {f"entity-{e.id}": e.name for e in real.index.entities.values()}
    names |= {f"paper-{p.id}": p.short_title for p in real.index.papers.values()}
    drawings = [*drawings_of(real_map).values()]
    drawings += [draw_neighbourhood(neighbourhood(real.index, c), lambda k, r: r) for c in real.index.concepts]
    for drawing in drawings:
        for item in drawing.nodes:
            assert item.text == " ".join(names[item.node.key].split()), item.node.key
            assert "…" not in item.text


# --- layout --------------------------------------------------------------------------------------


def test_no_two_labels_overlap_in_any_view(real_map: MapDrawing) -> None:
    for name, drawing in drawings_of(real_map).items():
        assert overlapping(drawing) == [], name


def test_no_two_labels_overlap_in_any_neighbourhood(real: PageKit) -> None:
    for concept_id in real.index.concepts:
        drawing = draw_neighbourhood(neighbourhood(real.index, concept_id), lambda kind, rid: rid)
        assert overlapping(drawing) == [], concept_id


def test_every_box_lies_inside_its_view_box(real_map: MapDrawing) -> None:
    for name, drawing in drawings_of(real_map).items():
        left, top, width, height = drawing.view_box
        for item in drawing.nodes:
            assert left <= item.left and item.left + item.width <= left + width, (name, item.node.key)
            assert top <= item.top and item.top + item.height <= top + height, (name, item.node.key)


def test_the_overview_draws_the_papers_and_the_concepts_they_share(real: PageKit, real_map: MapDrawing) -> None:
    drawn = {item.node.key for item in real_map.overview.nodes}
    graph = real.concept_graph
    shared = {key for key, node in graph.nodes.items() if node.kind == "concepts" and len(node.papers) >= SHARED_BY}
    assert drawn == shared | {f"paper-{paper}" for paper in real.index.papers}
    assert {edge.edge.kind for edge in real_map.overview.edges} == {"sense"}
    assert len(real_map.overview.edges) == sum(len(graph.nodes[key].papers) for key in shared)


def test_a_shared_concept_sits_among_its_papers(real: PageKit, real_map: MapDrawing) -> None:
    at = {item.node.key: (item.x, item.y) for item in real_map.overview.nodes}
    papers = {paper: at[f"paper-{paper}"] for paper in real.index.papers}
    centre = (sum(x for x, _ in papers.values()) / len(papers), sum(y for _, y in papers.values()) / len(papers))
    rim = min(math.dist(point, centre) for point in papers.values())
    for item in real_map.overview.nodes:
        if item.node.kind == "concepts":
            assert math.dist((item.x, item.y), centre) < rim, item.node.key
            if len(item.node.papers) == len(papers):  # shared by all: in the middle
                assert math.dist((item.x, item.y), centre) < rim / 2, item.node.key


@pytest.mark.parametrize("paper", sorted(path.stem for path in (ROOT / "annotations" / "papers").glob("*.yml")))
def test_a_paper_view_draws_that_paper_and_all_it_uses_around_it(
    real: PageKit, real_map: MapDrawing, paper: str
) -> None:
    view = next(view for view in real_map.views if view.paper.id == paper)
    graph = real.concept_graph
    uses = {key for key, node in graph.nodes.items() if node.kind != "papers" and paper in node.papers}
    drawn = {item.node.key: item for item in view.drawing.nodes}
    assert set(drawn) == uses | {f"paper-{paper}"}
    assert (view.concepts, view.entities) == (
        sum(1 for key in uses if key.startswith("concept-")), sum(1 for key in uses if key.startswith("entity-")))
    centre = drawn[f"paper-{paper}"]
    assert centre.centre and (centre.x, centre.y) == (0.0, 0.0)
    for item in drawn.values():  # labels run outwards, away from the paper
        if item is not centre:
            assert (item.anchor, item.x > 0) in (("start", True), ("end", False)), item.node.key
    assert {(edge.edge.source, edge.edge.target) for edge in view.drawing.edges} == {
        (key, f"paper-{paper}") for key in uses}


# --- the text equivalent -------------------------------------------------------------------------


def edges_in_svg(svg: ET.Element) -> set[tuple[str, frozenset[str]]]:
    hrefs = {key: a.get("href", "") for key, a in nodes_of(svg).items()}
    hrefs = {key: (f"../papers/{href[7:]}/" if href.startswith("#focus-") else href) for key, href in hrefs.items()}
    edges = set()
    for line in svg.iter(f"{SVG}line"):
        kind = line.get("class", "").rsplit("--", 1)[-1]
        ends = (line.get("data-ends") or "").split()
        edges.add((kind, frozenset(hrefs[end] for end in ends)))
    return edges


def shared_in_text(markdown: str) -> set[tuple[str, frozenset[str]]]:
    text = markdown[markdown.index("## The map as text"):]
    block = re.search(r'<dl class="atlas-map-text atlas-map-text--shared">(.*?)</dl>', text, re.DOTALL)
    assert block
    edges = set()
    for concept, papers in re.findall(r'<dt><a href="([^"]+)">.*?</dt>\s*<dd>(.*?)</dd>', block[1], re.DOTALL):
        edges |= {("sense", frozenset({concept, href})) for href in re.findall(r'href="([^"]+)"', papers)}
    return edges


def uses_in_text(markdown: str) -> dict[str, set[tuple[str, frozenset[str]]]]:
    text = markdown[markdown.index("## The map as text"):]
    found = {}
    for block in re.findall(r'<dl class="atlas-map-text">(.*?)</dl>', text, re.DOTALL):
        uses, named = re.findall(r"<dd>(.*?)</dd>", block, re.DOTALL)
        paper = re.search(r'<dt><a href="([^"]+)"', block)
        assert paper
        edges = {("sense", frozenset({paper[1], href})) for href in re.findall(r'href="([^"]+)"', uses)}
        edges |= {("mention", frozenset({paper[1], href})) for href in re.findall(r'href="([^"]+)"', named)}
        found[paper[1]] = edges
    return found


def test_text_equivalent_lists_the_same_links_as_each_drawing(real: PageKit) -> None:
    markdown = map_page(real).markdown
    overview, *views = svgs_of(markdown)
    assert edges_in_svg(overview) == shared_in_text(markdown)
    by_paper = uses_in_text(markdown)
    assert len(views) == len(by_paper) == len(real.index.papers)
    for view in views:
        edges = edges_in_svg(view)
        papers = next(iter(edges))[1] & set(by_paper)
        assert len(papers) == 1
        assert edges == by_paper[next(iter(papers))]
    assert {kind for view in views for kind, _ in edges_in_svg(view)} == {"sense", "mention"}


def test_map_draws_every_sense_and_mention(real: PageKit) -> None:
    edges = {(edge.kind, edge.source, edge.target) for edge in real.concept_graph.edges}
    for concept in real.index.concepts.values():
        for sense in concept.senses:
            assert ("sense", f"concept-{concept.id}", f"paper-{sense.paper}") in edges
    for entity in real.index.entities.values():
        for mention in entity.mentions:
            assert ("mention", f"entity-{entity.id}", f"paper-{mention.paper}") in edges


def test_map_keeps_the_most_shared_records_up_to_its_limit(real: PageKit) -> None:
    records = len(real.index.concepts) + len(real.index.entities)
    for limit in (0, 10, records + 10):
        graph = build_graph(real.index, limit=limit)
        kept = [node for node in graph.nodes.values() if node.kind != "papers"]
        assert len(kept) == min(limit, records)
        assert graph.left_out == records - len(kept)
        assert graph.count("papers") == len(real.index.papers)
        if kept:
            least = min(len(node.papers) for node in kept)
            assert all(len(node.papers) <= least for node in build_graph(real.index).nodes.values()
                       if node.kind != "papers" and node.key not in graph.nodes)


def many_papers(count: int) -> dict[str, str]:
    """``count`` papers; a concept shared by the first two, and one of the first paper's own."""
    files = {}
    for n in range(count):
        files[f"papers/p{n:02d}.yml"] = MINIMAL["papers/alpha.yml"].replace("id: alpha", f"id: p{n:02d}").replace(
            "short_title: Alpha (2001)", f"short_title: Paper {n:02d}")
    for concept, papers in (("shared", ("p00", "p01")), ("solitary", ("p00",))):
        senses = "\n".join(
            f"  - {{paper: {p}, gist: G., term_used: x, role: context, meaning: M., at: {{section: s1}}}}"
            for p in papers)
        files[f"concepts/{concept}.yml"] = (
            f"id: {concept}\nterm: {concept.title()}\ndefinition: D.\nsenses:\n{senses}\n")
    return files


@pytest.mark.parametrize("papers", [PAPER_VIEW_LIMIT, PAPER_VIEW_LIMIT + 1])
def test_past_the_view_limit_the_map_draws_the_overview_alone(tmp_path: Path, papers: int) -> None:
    atlas = build_atlas(write_annotations(tmp_path, many_papers(papers)))
    assert atlas.problems == []
    renderer = PageKit(atlas.index)
    markdown = map_page(renderer).markdown
    views = papers <= PAPER_VIEW_LIMIT
    assert len(svgs_of(markdown)) == (1 + papers if views else 1)
    assert renderer.concept_graph.paper_views is views
    anchored = set(re.findall(r' id="map-([^"]+)"', markdown))
    assert anchored == set(renderer.concept_graph.nodes)  # a concept page links to its node only if it is drawn
    assert ("concept-solitary" in anchored) is views
    assert ('href="#focus-p00"' in markdown) is views
    assert ("leaves out 1 concept or entity" in markdown) is not views


def test_fixture_map_page_matches_golden(update_goldens: bool) -> None:
    """The whole page of the fixture's map (two papers): structure, drawing and text, reviewed."""
    renderer = PageKit(build_atlas(FIXTURE_SITE / "annotations").index)
    assert_golden("map-fixture.md", map_page(renderer).markdown, update_goldens)


@pytest.mark.build
def test_the_drawings_stay_out_of_the_search_index(real_site: Path, builder: str) -> None:
    """Material's search matches an excluded element by its tag name only, so an excluded element
    with one of the same tag inside stops being excluded there: the drawings must stay out anyway,
    in Material's index and in Zensical's."""
    if builder == "mkdocs":
        docs = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    else:
        docs = json.loads((real_site / "search.json").read_text(encoding="utf-8"))["items"]
    assert docs
    for doc in docs:
        location = doc["location"].lstrip("/")
        if location.startswith(("map/", "concepts/")):
            assert "(paper" not in doc["text"] and "(concept:" not in doc["text"], location
            assert "#focus-" not in location and "#overview" not in location, location


def test_the_views_of_the_map_are_published_anchors(tmp_path: Path) -> None:
    """A syllabus may link to one paper's view, or to one concept's neighbourhood: the registry keeps them."""
    from upgrading_atlas.registry import site_urls

    pages = {
        "map/index.html": '<section id="overview"><h2 id="overview-title">All</h2></section>'
                          '<section id="focus-chen"><h2 id="focus-chen-title">Chen</h2></section>'
                          '<h2 id="map-as-text">As text</h2>',
        "concepts/lie/index.html": '<h2 id="senses">Senses</h2><h2 id="neighbourhood">Neighbourhood</h2>',
    }
    for name, html in pages.items():
        (tmp_path / name).parent.mkdir(parents=True)
        (tmp_path / name).write_text(html, encoding="utf-8")
    urls, _ = site_urls(tmp_path)
    assert urls == {"map/", "map/#overview", "map/#focus-chen", "concepts/lie/", "concepts/lie/#neighbourhood"}


# --- the neighbourhood ---------------------------------------------------------------------------


def hub_annotations(related: int, entities: int) -> dict[str, str]:
    """A concept related to ``related`` others, in a section that names ``entities`` entities."""
    files = {
        "papers/alpha.yml": MINIMAL["papers/alpha.yml"],
        "concepts/hub.yml": f"""
            id: hub
            term: Hub
            definition: A concept with many neighbours.
            senses:
              - {{paper: alpha, gist: G., term_used: hub, role: mechanism, meaning: The hub., at: {{section: s1}}}}
            related: [{", ".join(f"{{concept: c{n}, relation: see-also}}" for n in range(related))}]
            """,
    }
    for n in range(related):
        files[f"concepts/c{n}.yml"] = f"""
            id: c{n}
            term: Concept {n:02d}
            definition: A neighbour.
            senses:
              - {{paper: alpha, gist: G., term_used: c, role: context, meaning: A neighbour., at: {{section: s1}}}}
            """
    for n in range(entities):
        files[f"entities/e{n}.yml"] = f"""
            id: e{n}
            name: Entity {n:02d}
            kind: firm
            description: A firm.
            mentions:
              - {{paper: alpha, at: {{section: s1}}, note: Named here.}}
            """
    return files


@pytest.mark.parametrize(
    ("related", "entities", "limit", "shown", "left_out"),
    [
        (15, 8, NEIGHBOURHOOD_LIMIT, (1, 6, 5), (9, 3)),
        (15, 1, NEIGHBOURHOOD_LIMIT, (1, 10, 1), (5, 0)),
        (2, 20, NEIGHBOURHOOD_LIMIT, (1, 2, 9), (0, 11)),
        (3, 2, NEIGHBOURHOOD_LIMIT, (1, 3, 2), (0, 0)),
        (15, 8, 4, (1, 2, 1), (13, 7)),
    ],
)
def test_neighbourhood_is_capped_and_says_what_it_leaves_out(
    tmp_path: Path, related: int, entities: int, limit: int, shown: tuple[int, int, int], left_out: tuple[int, int]
) -> None:
    atlas = build_atlas(write_annotations(tmp_path, hub_annotations(related, entities)))
    assert atlas.problems == []
    hood = neighbourhood(atlas.index, "hub", limit=limit)
    assert (len(hood.papers), len(hood.concepts), len(hood.entities)) == shown
    assert (hood.concepts_left_out, hood.entities_left_out) == left_out
    assert len(hood.around) <= limit
    if limit == NEIGHBOURHOOD_LIMIT:
        page = concept_page(PageKit(atlas.index), "hub").markdown
        assert len(nodes_of(svg_of(page))) == 1 + sum(shown)
        if left_out[0]:
            assert f"{left_out[0]} related concepts (all are listed under" in page
        if left_out[1]:
            assert f"{left_out[1]} more firms" in page
        if left_out == (0, 0):
            assert "Left out" not in page


def test_neighbourhood_of_a_real_concept(real: PageKit) -> None:
    hood = neighbourhood(real.index, "informal-learning")
    users = {sense.paper for sense in real.index.concepts["informal-learning"].senses}
    assert [node.id for node in hood.papers] == [paper for paper in real.index.papers if paper in users]
    assert len(hood.around) == NEIGHBOURHOOD_LIMIT
    assert hood.concepts_left_out > 0
