"""What the map shows: papers, concepts and entities as a graph, and one concept's neighbourhood.

The graph comes from the annotations: a concept is joined to each paper it has a sense in, an
entity to each paper that mentions it. Related concepts are not joined here: between the concepts of
five papers they made most of the lines of a map nobody could read, and each concept's neighbourhood
(on its own page) draws them around it, where they can be read. Cross-references are left out: between
five papers they join nearly every pair, and the cross-references page lists them.

Papers come in the index's order (sorted by id), the order the atlas uses everywhere.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ...index.atlas_index import AtlasIndex

MAP_RECORD_LIMIT = 240
"""At most this many concepts and entities on the map, those shared by the most papers first.

The real atlas has fewer, all drawn. A corpus of hundreds of papers would make a map nobody can
read, and long to lay out; there the map keeps the records most papers share and says how many it
leaves out, and its text version lists exactly what the map draws."""
SHARED_BY = 2
"""The overview draws the concepts that at least this many papers use; each paper's view draws all
of its own."""
PAPER_VIEW_LIMIT = 20
"""Each paper has a view of its own on the map's page up to this many papers. Past it the views
would weigh megabytes (the benchmark's 500 papers: 3 MB), and the overview alone is drawn, of the
concepts the papers share; each paper's page lists what it uses."""
NEIGHBOURHOOD_LIMIT = 12
"""At most this many neighbours around a concept on its own page."""

RECORD_CATEGORY = {"papers": "paper", "concepts": "concept", "entities": "entity"}
CATEGORY_NAMES = {
    "paper": ("paper", "papers"), "concept": ("concept", "concepts"), "firm": ("firm", "firms"),
    "institution": ("institution", "institutions"), "place": ("place", "places"),
    "technology": ("technology", "technologies"), "programme": ("programme", "programmes"),
}
"""What a node is, singular and plural: its shape and colour on the map, and its name in a legend."""
CATEGORIES = tuple(CATEGORY_NAMES)
EDGE_KINDS = ("sense", "mention", "related", "co-occurs")
"""A concept used by a paper, an entity mentioned by a paper, and (around one concept only) a related
concept and an entity named in the same sections as the concept."""


@dataclass(frozen=True)
class Node:
    """A paper, concept or entity on the map."""

    key: str
    """Unique on a page: ``concept-lie``; the SVG element's id is ``map-`` and the key."""
    kind: str
    """The record's kind, as the URL scheme names it: ``papers``, ``concepts`` or ``entities``."""
    id: str
    label: str
    category: str
    """One of ``CATEGORIES``: ``paper``, ``concept``, or an entity's kind."""
    papers: tuple[str, ...]
    """The papers it belongs to, in the index's order: a paper itself; the papers using a concept or
    an entity."""
    paper_titles: tuple[str, ...] = ()
    """The short titles of ``papers``, for a concept or an entity."""


@dataclass(frozen=True)
class Edge:
    """A line between two nodes, by their keys."""

    source: str
    target: str
    kind: str
    """One of ``EDGE_KINDS``."""


@dataclass(frozen=True)
class ConceptGraph:
    """Papers, concepts and entities, and what joins them."""

    nodes: dict[str, Node]
    """By key: the papers in the index's order, then concepts, then entities."""
    edges: tuple[Edge, ...]
    left_out: int = 0
    """Concepts and entities not on the map: past ``MAP_RECORD_LIMIT``, or, with no paper views,
    those the overview does not draw."""
    paper_views: bool = True
    """Whether each paper has a view of its own (see ``PAPER_VIEW_LIMIT``)."""

    @property
    def papers(self) -> tuple[Node, ...]:
        """The papers, in the index's order."""
        return tuple(node for node in self.nodes.values() if node.kind == "papers")

    def shared(self) -> list[Node]:
        """The concepts the overview draws, used by at least ``SHARED_BY`` papers, by label."""
        return sorted((node for node in self.nodes.values()
                       if node.kind == "concepts" and len(node.papers) >= SHARED_BY), key=label_order)

    def of_paper(self, paper_id: str) -> list[Node]:
        """What a paper uses: its concepts by label, then its entities by label."""
        found = [node for node in self.nodes.values() if node.kind != "papers" and paper_id in node.papers]
        return sorted(found, key=lambda node: (node.kind != "concepts", *label_order(node)))

    def neighbours(self) -> dict[str, dict[str, list[Node]]]:
        """For each node's key, the nodes joined to it, by edge kind, each list by label."""
        found: dict[str, dict[str, list[Node]]] = defaultdict(lambda: defaultdict(list))
        for edge in self.edges:
            found[edge.source][edge.kind].append(self.nodes[edge.target])
            found[edge.target][edge.kind].append(self.nodes[edge.source])
        for by_kind in found.values():
            for nodes in by_kind.values():
                nodes.sort(key=label_order)
        return found

    def count(self, kind: str) -> int:
        """How many nodes of a record kind (``papers``, ``concepts``, ``entities``) it has."""
        return sum(1 for node in self.nodes.values() if node.kind == kind)

    def categories(self) -> list[str]:
        """The categories of its concepts and entities, in the order of ``CATEGORIES``."""
        present = {node.category for node in self.nodes.values()}
        return [category for category in CATEGORIES[1:] if category in present]


def node_key(kind: str, record_id: str) -> str:
    """The key of a record's node: ``concept-lie``."""
    return f"{RECORD_CATEGORY[kind]}-{record_id}"


def label_order(node: Node) -> tuple[str, str]:
    """Nodes in the order of their labels, ignoring case; the key breaks ties."""
    return (node.label.casefold(), node.key)


def build_graph(index: AtlasIndex, limit: int = MAP_RECORD_LIMIT) -> ConceptGraph:
    """The graph of what the map draws: every paper, and at most ``limit`` concepts and entities, the
    most shared first; with more papers than ``PAPER_VIEW_LIMIT``, only the concepts they share."""
    paper_views = len(index.papers) <= PAPER_VIEW_LIMIT
    records = [record_node(index, "concepts", concept_id) for concept_id in index.concepts]
    records += [record_node(index, "entities", entity_id) for entity_id in index.entities]
    drawn = [node for node in records if paper_views or (node.kind == "concepts" and len(node.papers) >= SHARED_BY)]
    ranked = sorted(drawn, key=lambda node: (-len(node.papers), node.kind, node.label.casefold(), node.id))
    kept = {node.key for node in ranked[:limit]}
    nodes = {node_key("papers", paper): paper_node(index, paper) for paper in index.papers}
    nodes.update((node.key, node) for node in records if node.key in kept)
    edges = [Edge(node.key, node_key("papers", paper), "sense" if node.kind == "concepts" else "mention")
             for node in nodes.values() if node.kind != "papers" for paper in node.papers]
    return ConceptGraph(nodes, tuple(edges), len(records) - len(kept), paper_views)


@dataclass(frozen=True)
class Neighbourhood:
    """One concept and what stands around it: its papers, related concepts, and the entities
    named in the same sections."""

    centre: Node
    papers: tuple[Node, ...]
    concepts: tuple[Node, ...]
    entities: tuple[Node, ...]
    concepts_left_out: int
    entities_left_out: int

    @property
    def around(self) -> tuple[Node, ...]:
        """Every neighbour, in the order they go around the centre."""
        return self.papers + self.concepts + self.entities


def neighbourhood(index: AtlasIndex, concept_id: str, limit: int = NEIGHBOURHOOD_LIMIT) -> Neighbourhood:
    """The neighbourhood of a concept: all its papers, then as many related concepts and
    co-occurring entities as fit in ``limit``, shared evenly between the two."""
    concept = index.concepts[concept_id]
    used = {sense.paper for sense in concept.senses}
    papers = [paper_node(index, paper) for paper in index.papers if paper in used][:limit]
    related = [item.concept for item in concept.related]
    related += [other for other, _ in index.related_from.get(concept_id, [])]
    concepts = [record_node(index, "concepts", cid) for cid in dict.fromkeys(related)
                if cid in index.concepts and cid != concept_id]
    # entities located in the sections where the paper uses the concept, the most often first
    counts: dict[str, int] = defaultdict(int)
    for sense in concept.senses:
        for kind, record_id in index.located.get((sense.paper, sense.at.section), []):
            if kind == "entities" and record_id in index.entities:
                counts[record_id] += 1
    entity_ids = sorted(counts, key=lambda eid: (-counts[eid], index.entities[eid].name.casefold(), eid))
    entities = [record_node(index, "entities", eid) for eid in entity_ids]
    room = limit - len(papers)
    concepts_shown = min(len(concepts), max(room - min(len(entities), room // 2), 0))
    entities_shown = min(len(entities), room - concepts_shown)
    return Neighbourhood(
        record_node(index, "concepts", concept_id), tuple(papers),
        tuple(concepts[:concepts_shown]), tuple(entities[:entities_shown]),
        len(concepts) - concepts_shown, len(entities) - entities_shown,
    )


def paper_node(index: AtlasIndex, paper_id: str) -> Node:
    """The node of a paper, labelled with its short title."""
    return Node(node_key("papers", paper_id), "papers", paper_id, index.papers[paper_id].short_title, "paper",
                (paper_id,))


def record_node(index: AtlasIndex, kind: str, record_id: str) -> Node:
    """The node of a concept or an entity, with the papers that use it (known papers only, in the
    index's order)."""
    if kind == "concepts":
        concept = index.concepts[record_id]
        label, category, uses = concept.term, "concept", {sense.paper for sense in concept.senses}
    else:
        entity = index.entities[record_id]
        label, category, uses = entity.name, entity.kind, {mention.paper for mention in entity.mentions}
    papers = tuple(paper for paper in index.papers if paper in uses)
    return Node(node_key(kind, record_id), kind, record_id, label, category, papers,
                tuple(index.papers[paper].short_title for paper in papers))
