"""The index of reading paths: every path at one stable address, each step linked to the place
where the paper's page discusses it."""

from __future__ import annotations

from ..kit import GeneratedPage, PageKit
from ..reading_paths import INDEX_SOURCE, reading_paths, step_items


def reading_paths_index(kit: PageKit) -> GeneratedPage:
    """Every reading path, in the order of the concepts' terms."""
    paths = []
    for path in reading_paths(kit.index):
        concept = kit.index.concepts[path.concept]
        paths.append({
            "id": path.concept,
            "term": concept.term,
            "concept_href": kit.href(INDEX_SOURCE, "concepts", path.concept, "reading-path"),
            "authored": path.authored,
            "papers": len({step.paper for step in path.steps}),
            "steps": step_items(kit, INDEX_SOURCE, path),
        })
    md = kit.safe_markdown(kit.link_context(INDEX_SOURCE), INDEX_SOURCE)
    markdown = kit.render("reading-paths.md.j2", paths=paths, md=md)
    return GeneratedPage(INDEX_SOURCE, markdown)
