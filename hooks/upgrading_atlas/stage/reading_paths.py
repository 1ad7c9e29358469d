"""Reading paths: for a major concept, the papers' sections in an order to read them, each step
landing where the paper's page discusses that point, with a previous and a next step.

A path is the one a contributor wrote (``reading_path`` in the concept's file), or, for a concept
that three or more papers use, one made from the senses: first where the concept drives the
argument, last where a paper argues against it. Step links carry ``?path=<concept>&step=<n>``;
on a paper's page, ``atlas-path.js`` reads them with ``data/reading-paths.json`` and shows the
step's place in its path, with links to the previous and the next step.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..index import AtlasIndex
from ..model import Location, Sense
from .kit import PageKit

READING_PATH_MIN_PAPERS = 3
"""A concept used by this many papers is a major one: its page offers a reading path."""
ROLE_READING_ORDER = ("mechanism", "premise", "finding", "method", "context", "foil")
"""A path made from the senses reads first where the concept does the work, last where it is the foil."""
INDEX_SOURCE = "reading-paths/index.md"
"""The page that lists every reading path: a stable address for syllabi."""
DATA_PATH = "data/reading-paths.json"
"""Every path's steps as links, for the script that walks a path on the papers' pages."""


@dataclass(frozen=True)
class Step:
    """One stop on a reading path."""

    paper: str
    at: Location
    note: str | None
    """What to look for there, where the path's author said."""
    sense: Sense | None
    """The paper's (first) sense of the concept, if it has one."""


@dataclass(frozen=True)
class ReadingPath:
    """The steps of one concept's reading path."""

    concept: str
    authored: bool
    """Written by a contributor, rather than made from the senses."""
    steps: tuple[Step, ...]


def reading_path(index: AtlasIndex, concept_id: str) -> ReadingPath | None:
    """The concept's reading path: the authored one, or one made from the senses of a concept that
    three or more papers use; None for the others."""
    concept = index.concepts[concept_id]
    first_sense: dict[str, Sense] = {}
    for sense in concept.senses:
        first_sense.setdefault(sense.paper, sense)
    if concept.reading_path:
        steps = [Step(step.paper, step.at, step.note, first_sense.get(step.paper)) for step in concept.reading_path]
        return ReadingPath(concept_id, True, tuple(steps))
    if len(first_sense) < READING_PATH_MIN_PAPERS:
        return None
    ordered = sorted(first_sense.values(), key=lambda sense: ROLE_READING_ORDER.index(sense.role))
    return ReadingPath(concept_id, False, tuple(Step(s.paper, s.at, None, s) for s in ordered))


def reading_paths(index: AtlasIndex) -> list[ReadingPath]:
    """Every concept's reading path, in the order of the concepts' terms."""
    paths = [reading_path(index, concept_id) for concept_id in index.concepts]
    return sorted((path for path in paths if path), key=lambda path: index.concepts[path.concept].term.casefold())


def step_anchor(kit: PageKit, step: Step) -> str:
    """Where on the paper's page a step lands: the heading under which the page discusses the step's
    section, or else the section's own entry in the list of the paper's sections."""
    return kit.discussed_at.get(step.paper, {}).get(step.at.section, step.at.section)


def step_href(kit: PageKit, source: str, path: ReadingPath, number: int) -> str:
    """The link to step ``number`` (from 1) of ``path``, from the page built from ``source``, carrying
    the path and the step for the script that shows the previous and the next step."""
    step = path.steps[number - 1]
    link, _, anchor = kit.href(source, "papers", step.paper, step_anchor(kit, step)).partition("#")
    return f"{link}?{step_query(path, number)}#{anchor}"


def step_query(path: ReadingPath, number: int) -> str:
    """``path=<concept>&step=<n>``: which step of which path a page is opened as."""
    return f"path={path.concept}&step={number}"


def step_title(kit: PageKit, step: Step) -> str:
    """A step as a reader sees it listed: ``Chen, §5.3.2: Outsourcing strategies``."""
    section = kit.index.section(step.paper, step.at.section)
    title = f"{kit.paper_title(step.paper)}, {kit.where(step.paper, step.at)}"
    return f"{title}: {section.title}" if section and section.title else title


def step_items(kit: PageKit, source: str, path: ReadingPath) -> list[dict[str, Any]]:
    """Each step of ``path`` for a template: its link, its title's parts, its note and the paper's term."""
    items = []
    for number, step in enumerate(path.steps, start=1):
        section = kit.index.section(step.paper, step.at.section)
        items.append({
            "number": number,
            "href": step_href(kit, source, path, number),
            "paper_title": kit.paper_title(step.paper),
            "where": kit.where(step.paper, step.at),
            "section_title": section.title if section else None,
            "note": step.note,
            "term_used": step.sense.term_used if step.sense else None,
            "role": step.sense.role if step.sense else None,
        })
    return items


def reading_paths_json(kit: PageKit) -> str:
    """Every path with its steps' titles and addresses (relative to the site's root), as JSON."""
    paths = {}
    for path in reading_paths(kit.index):
        concept_url = kit.urls.url(kit.urls.source("concepts", path.concept))
        paths[path.concept] = {
            "title": kit.index.concepts[path.concept].term,
            "href": concept_url + "#reading-path",
            "steps": [{"label": f"{kit.paper_title(step.paper)}, {kit.where(step.paper, step.at)}",
                       "title": step_title(kit, step),
                       "href": kit.urls.url(kit.urls.source("papers", step.paper))
                       + f"?{step_query(path, number)}#{step_anchor(kit, step)}"}
                      for number, step in enumerate(path.steps, start=1)],
        }
    return json.dumps({"paths": paths}, ensure_ascii=False, indent=1) + "\n"
