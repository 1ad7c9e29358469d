"""The concept map and each concept's neighbourhood: graph, layout, SVG and its text equivalent."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import FIXTURE_SITE, MINIMAL, ROOT, TagCollector, write_annotations
from upgrading_atlas.atlas import build_atlas
from upgrading_atlas.link.urls import UrlScheme
from upgrading_atlas.stage.concept_map import (
    NEIGHBOURHOOD_LIMIT,
    Drawing,
    build_graph,
    draw_map,
    draw_neighbourhood,
    neighbourhood,
    short_label,
)
from upgrading_atlas.stage.kit import PageKit
from upgrading_atlas.stage.pages.concept import concept_page
from upgrading_atlas.stage.pages.map import SOURCE as MAP_SOURCE
from upgrading_atlas.stage.pages.map import map_page

SVG = "{http://www.w3.org/2000/svg}"
SVG_TAGS = {f"{SVG}{tag}" for tag in ("svg", "title", "desc", "g", "line", "a", "rect", "circle", "polygon", "text")}
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


def svg_of(markdown: str) -> ET.Element:
    """The first SVG in a page's Markdown, parsed as XML: it must be well-formed."""
    match = re.search(r'<svg class="atlas-map__svg".*?</svg>', markdown, re.DOTALL)
    assert match, "no SVG in the page"
    return ET.fromstring(match.group())


def nodes_of(svg: ET.Element) -> dict[str, ET.Element]:
    return {a.get("data-key", ""): a for a in svg.iter(f"{SVG}a")}


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
        ("paper-chen", "../papers/chen/"),
        ("concept-lie", "../concepts/lie/"),
        ("concept-informal-learning", "../concepts/informal-learning/"),
        ("entity-lenovo", "../entities/lenovo/"),
    ],
)
def test_map_node_links_to_its_page(real: PageKit, key: str, href: str) -> None:
    assert nodes_of(svg_of(map_page(real).markdown))[key].get("href") == href


def test_every_node_links_to_its_record(real: PageKit) -> None:
    urls = UrlScheme()
    kinds = {"paper": "papers", "concept": "concepts", "entity": "entities"}
    nodes = nodes_of(svg_of(map_page(real).markdown))
    index = real.index
    assert len(nodes) == len(index.papers) + len(index.concepts) + len(index.entities)
    for key, element in nodes.items():
        prefix, record_id = key.split("-", 1)
        expected = urls.relative(MAP_SOURCE, urls.record_url(kinds[prefix], record_id))
        assert element.get("href") == expected, key
        assert element.get("id") == f"map-{key}"


def test_neighbourhood_links_from_the_concept_page(real: PageKit) -> None:
    page = concept_page(real, "lie").markdown
    nodes = nodes_of(svg_of(page))
    assert nodes["paper-he-wang"].get("href") == "../../papers/he-wang/"
    assert nodes["concept-lie"].get("href") == "../../map/#map-concept-lie"  # not its own page
    assert nodes["concept-innovation-network"].get("href") == "../innovation-network/"
    assert '<a href="../../map/#map-concept-lie">See it on the concept map</a>' in page


def test_neighbourhood_section_stands_before_the_backlinks(real: PageKit) -> None:
    page = concept_page(real, "lie").markdown
    assert page.index("## Neighbourhood {#neighbourhood}") < page.index("## What links here {#backlinks}")


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
    svg = svg_of(markdown)  # well-formed XML, so nothing closed an element or a comment early
    for element in svg.iter():
        assert element.tag in SVG_TAGS, element.tag
        assert not any(name.lower().startswith("on") for name in element.attrib), element.attrib
    labels = {a.get("data-key"): a.find(f"{SVG}text").text for a in svg.iter(f"{SVG}a")}
    assert labels["concept-lie"] == short_label(HOSTILE[0] + HOSTILE[3])
    if page == "map":
        assert labels["concept-oem"] == short_label(HOSTILE[1])
        assert labels["entity-lenovo"] == HOSTILE[2]
        assert labels["paper-alpha"] == "R&D <b>& Co's"
    assert "<script>" not in markdown and "<img" not in markdown and "<b>" not in markdown


def test_hostile_labels_stay_text_in_the_text_equivalent(hostile: PageKit) -> None:
    markdown = map_page(hostile).markdown
    parser = TagCollector()
    parser.feed(markdown[markdown.index("## The map as text"):])
    assert {tag for tag, _ in parser.tags} <= {"dl", "dt", "dd", "a"}
    assert all(not name.startswith("on") for _, attrs in parser.tags for name in attrs)


# --- layout --------------------------------------------------------------------------------------


def test_no_two_labels_overlap_on_the_map(real: PageKit) -> None:
    drawing = draw_map(real.concept_graph, lambda kind, record_id: f"{kind}/{record_id}")
    assert overlapping(drawing) == []


def test_no_two_labels_overlap_in_any_neighbourhood(real: PageKit) -> None:
    for concept_id in real.index.concepts:
        drawing = draw_neighbourhood(neighbourhood(real.index, concept_id), lambda kind, rid: rid)
        assert overlapping(drawing) == [], concept_id


def test_a_concept_of_one_paper_sits_nearer_that_paper_than_one_all_papers_share(real: PageKit) -> None:
    drawing = draw_map(real.concept_graph, lambda kind, record_id: record_id)
    at = {item.node.key: (item.x, item.y) for item in drawing.nodes}

    def distance(a: str, b: str) -> float:
        return ((at[a][0] - at[b][0]) ** 2 + (at[a][1] - at[b][1]) ** 2) ** 0.5

    # "recomposition" is Herrigel, Wittke & Voskamp's own; "industrial-upgrading" is in all five
    assert distance("concept-recomposition", "paper-herrigel-wittke-voskamp") < 150
    centre = sum(x for x, _ in (at[f"paper-{p}"] for p in real.index.papers)) / len(real.index.papers)
    assert abs(at["concept-industrial-upgrading"][0] - centre) < 200
    assert distance("concept-industrial-upgrading", "paper-herrigel-wittke-voskamp") > 200


# --- the text equivalent -------------------------------------------------------------------------


def edges_in_svg(markdown: str) -> set[tuple[str, frozenset[str]]]:
    svg = svg_of(markdown)
    hrefs = {key: a.get("href") for key, a in nodes_of(svg).items()}
    edges = set()
    for line in svg.iter(f"{SVG}line"):
        kind = line.get("class", "").rsplit("--", 1)[-1]
        ends = (line.get("data-ends") or "").split()
        edges.add((kind, frozenset(hrefs[end] for end in ends)))
    return edges


def edges_in_text(markdown: str) -> set[tuple[str, frozenset[str]]]:
    text = markdown[markdown.index("## The map as text"):]
    edges = set()
    for block in re.findall(r'<dl class="atlas-map-text">(.*?)</dl>', text, re.DOTALL):
        uses, named = re.findall(r"<dd>(.*?)</dd>", block, re.DOTALL)
        paper = re.search(r'<dt><a href="([^"]+)"', block)
        assert paper
        edges |= {("sense", frozenset({paper[1], href})) for href in re.findall(r'href="([^"]+)"', uses)}
        edges |= {("mention", frozenset({paper[1], href})) for href in re.findall(r'href="([^"]+)"', named)}
    related = re.search(r'<dl class="atlas-map-text atlas-index">(.*?)</dl>', text, re.DOTALL)
    assert related
    for concept, others in re.findall(r'<dt><a href="([^"]+)">.*?</dt>\s*<dd>(.*?)</dd>', related[1], re.DOTALL):
        edges |= {("related", frozenset({concept, href})) for href in re.findall(r'href="([^"]+)"', others)}
    return edges


def test_text_equivalent_lists_the_same_edges_as_the_map(real: PageKit) -> None:
    markdown = map_page(real).markdown
    drawn = edges_in_svg(markdown)
    assert {kind for kind, _ in drawn} == {"sense", "mention", "related"}
    assert edges_in_text(markdown) == drawn


def test_map_draws_every_sense_and_mention(real: PageKit) -> None:
    edges = {(edge.kind, edge.source, edge.target) for edge in real.concept_graph.edges}
    for concept in real.index.concepts.values():
        for sense in concept.senses:
            assert ("sense", f"concept-{concept.id}", f"paper-{sense.paper}") in edges
    for entity in real.index.entities.values():
        for mention in entity.mentions:
            assert ("mention", f"entity-{entity.id}", f"paper-{mention.paper}") in edges


@pytest.mark.parametrize(("limit", "drawn"), [(0, 0), (10, 10), (10_000, 112)])
def test_map_keeps_the_most_shared_records_up_to_its_limit(real: PageKit, limit: int, drawn: int) -> None:
    graph = build_graph(real.index, limit=limit)
    records = [node for node in graph.nodes.values() if node.kind != "papers"]
    assert len(records) == drawn
    assert graph.left_out == len(real.index.concepts) + len(real.index.entities) - drawn
    assert graph.count("papers") == len(real.index.papers)
    if records:
        kept = min(len(node.papers) for node in records)
        assert all(len(node.papers) <= kept for node in build_graph(real.index).nodes.values()
                   if node.kind != "papers" and node.key not in graph.nodes)


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
              - {{paper: alpha, term_used: hub, role: mechanism, meaning: The hub., at: {{section: s1}}}}
            related: [{", ".join(f"{{concept: c{n}, relation: see-also}}" for n in range(related))}]
            """,
    }
    for n in range(related):
        files[f"concepts/c{n}.yml"] = f"""
            id: c{n}
            term: Concept {n:02d}
            definition: A neighbour.
            senses:
              - {{paper: alpha, term_used: c, role: context, meaning: A neighbour., at: {{section: s1}}}}
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
    assert [node.id for node in hood.papers] == ["chen", "ernst", "he-wang"]
    assert len(hood.around) == NEIGHBOURHOOD_LIMIT
    assert hood.concepts_left_out > 0
