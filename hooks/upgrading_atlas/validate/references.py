"""Checks across files: every id a record names exists, and no two records claim one id or page."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from ..load.records import Loaded
from ..model import Concept, CrossReference, Entity, Location, Paper, Table
from ..problems import Problem

Path_ = tuple[str | int, ...]
SINGULAR = {
    "papers": "paper", "concepts": "concept", "entities": "entity", "crossrefs": "cross-reference", "tables": "table"
}
INDEX_ID = "index"
"""Not an id of a record with a page of its own: ``concepts/index.md`` is the A–Z index,
``entities/index.md`` and ``papers/index.md`` the other indexes."""
KINDS_WITH_PAGES = ("concepts", "entities", "papers")


@dataclass(frozen=True)
class _Known:
    """The ids that records may refer to."""

    sections: dict[str, list[str]]
    paper_files: dict[str, str]
    concepts: set[str]
    entities: set[str]


def validate_references(records: list[Loaded]) -> list[Problem]:
    """Every problem that only shows when the files are read together."""
    known = _Known(
        sections={item.record.id: [section.id for section in item.record.sections] for item in _of(records, Paper)},
        paper_files={item.record.id: item.source.file for item in _of(records, Paper)},
        concepts={item.record.id for item in _of(records, Concept)},
        entities={item.record.id for item in _of(records, Entity)},
    )
    problems: list[Problem] = []
    for item in records:
        problems.extend(_check_implied_papers(item, known))
        for path, location, implied_paper in _locations(item.record):
            problems.extend(_check_location(item, path, location, implied_paper, known))
        problems.extend(_check_ids(item, known))
    problems.extend(_check_unique_ids(records))
    problems.extend(_check_former_ids(records))
    return sorted(set(problems))


def _of(records: list[Loaded], model: type) -> list[Loaded]:
    return [item for item in records if isinstance(item.record, model)]


@dataclass(frozen=True)
class _Implied:
    """The paper a location may leave out, and where the record names it."""

    paper: str | None
    path: Path_


def _locations(record: object) -> Iterator[tuple[Path_, Location, _Implied]]:
    """Each location a record holds: its path in the record, and the paper it implies."""
    if isinstance(record, Concept):
        for index, sense in enumerate(record.senses):
            implied = _Implied(sense.paper, ("senses", index, "paper"))
            yield ("senses", index, "at"), sense.at, implied
            if sense.quote and sense.quote.at:
                yield ("senses", index, "quote", "at"), sense.quote.at, implied
        for index, step in enumerate(record.reading_path):
            yield ("reading_path", index, "at"), step.at, _Implied(step.paper, ("reading_path", index, "paper"))
    elif isinstance(record, Entity):
        for index, mention in enumerate(record.mentions):
            yield ("mentions", index, "at"), mention.at, _Implied(mention.paper, ("mentions", index, "paper"))
    elif isinstance(record, CrossReference):
        for end in ("a", "b"):
            claim = getattr(record, end)
            yield (end,), Location(paper=claim.paper, section=claim.section), _Implied(None, ())
            if claim.quote and claim.quote.at:
                yield (end, "quote", "at"), claim.quote.at, _Implied(claim.paper, (end, "paper"))
    elif isinstance(record, Table):
        if record.source:
            yield ("source",), record.source, _Implied(None, ())
        for row_index, row in enumerate(record.rows):
            implied = _Implied(row.paper, ("rows", row_index, "paper"))
            for column, cell in row.cells.items():
                for at_index, location in enumerate(cell.at):
                    yield ("rows", row_index, "cells", column, "at", at_index), location, implied


def _check_location(
    item: Loaded, path: Path_, location: Location, implied: _Implied, known: _Known
) -> Iterator[Problem]:
    paper = location.paper or implied.paper
    if paper is None:
        yield item.source.problem(path, "the location names no paper", "add `paper: <paper id>`")
        return
    if location.paper and implied.paper and location.paper != implied.paper:
        yield item.source.problem(
            (*path, "paper"),
            f"the location is in paper {location.paper!r} but the entry is about {implied.paper!r}",
            f"leave `paper` out here, or use {implied.paper!r}",
        )
        return
    if paper not in known.sections:
        if not location.paper and implied.path in item.source.parsed.positions:
            return  # reported once, at the field that names the paper (below)
        yield item.source.problem(
            (*path, "paper") if location.paper else path,
            f"unknown paper {paper!r}",
            f"use one of: {', '.join(sorted(known.sections))}",
        )
        return
    if location.section not in known.sections[paper]:
        yield item.source.problem(
            (*path, "section"),
            f"paper {paper!r} has no section {location.section!r}",
            f"use one of the ids listed in {known.paper_files[paper]}: {', '.join(known.sections[paper])}",
        )


def _paper_fields(record: object) -> Iterator[tuple[Path_, str]]:
    """Each entry's own ``paper`` field: a sense's, a mention's, a reading step's, a table row's."""
    if isinstance(record, Concept):
        for index, sense in enumerate(record.senses):
            yield ("senses", index, "paper"), sense.paper
        for index, step in enumerate(record.reading_path):
            yield ("reading_path", index, "paper"), step.paper
    elif isinstance(record, Entity):
        for index, mention in enumerate(record.mentions):
            yield ("mentions", index, "paper"), mention.paper
    elif isinstance(record, Table):
        for index, row in enumerate(record.rows):
            if row.paper:
                yield ("rows", index, "paper"), row.paper


def _check_implied_papers(item: Loaded, known: _Known) -> Iterator[Problem]:
    """An entry's own ``paper`` field must name a known paper (the one check that owns this)."""
    for path, paper in _paper_fields(item.record):
        if paper not in known.sections:
            yield item.source.problem(
                path, f"unknown paper {paper!r}", f"use one of: {', '.join(sorted(known.sections))}"
            )


def _check_ids(item: Loaded, known: _Known) -> Iterator[Problem]:
    record = item.record
    if isinstance(record, Concept):
        for index, related in enumerate(record.related):
            if related.concept == record.id:
                yield item.source.problem(
                    ("related", index, "concept"), "a concept cannot be related to itself", "remove this entry"
                )
            elif related.concept not in known.concepts:
                yield item.source.problem(
                    ("related", index, "concept"),
                    f"unknown concept {related.concept!r}",
                    "use the id of a file in annotations/concepts/, or add that concept",
                )
        sense_papers = {sense.paper for sense in record.senses}
        for index, sense in enumerate(record.senses):
            if sense.differs and sense_papers == {sense.paper}:
                yield item.source.problem(
                    ("senses", index, "differs"),
                    "a difference of sense needs another paper's sense of this concept to differ from",
                    "move the text to `note:`, or add the sense of the paper it differs from",
                )
        for index, step in enumerate(record.reading_path):
            if step.paper in known.sections and step.paper not in sense_papers:
                yield item.source.problem(
                    ("reading_path", index, "paper"),
                    f"the reading path goes through paper {step.paper!r}, which has no sense of this concept",
                    f"add a sense for {step.paper!r} first, or use one of: {', '.join(sorted(sense_papers))}",
                )
    elif isinstance(record, CrossReference):
        if record.a.paper == record.b.paper:
            yield item.source.problem(
                ("b", "paper"), "both ends are in the same paper", "relate a claim to a claim of another paper"
            )
        for field, ids, pool, folder in (
            ("concepts", record.concepts, known.concepts, "concepts"),
            ("entities", record.entities, known.entities, "entities"),
        ):
            for index, name in enumerate(ids):
                if name not in pool:
                    yield item.source.problem(
                        (field, index),
                        f"unknown {SINGULAR[folder]} {name!r}",
                        f"use the id of a file in annotations/{folder}/",
                    )
    elif isinstance(record, Table):
        columns = {column.id for column in record.columns}
        if len(columns) != len(record.columns):
            yield item.source.problem(("columns",), "two columns share an id", "give each column its own id")
        for row_index, row in enumerate(record.rows):
            for column in row.cells:
                if column not in columns:
                    yield item.source.problem(
                        ("rows", row_index, "cells", column),
                        f"no column has the id {column!r}",
                        f"use one of: {', '.join(sorted(columns))}",
                    )
            if not row.cells.keys() & columns:
                yield item.source.problem(
                    ("rows", row_index, "cells"), "the row has no cells", "fill at least one column"
                )
    elif isinstance(record, Paper):
        seen: dict[str, int] = {}
        for index, section in enumerate(record.sections):
            if section.id in seen:
                yield item.source.problem(
                    ("sections", index, "id"),
                    f"the section id {section.id!r} is used twice in this paper",
                    "give each section its own id",
                )
            seen[section.id] = index


def _check_unique_ids(records: list[Loaded]) -> Iterator[Problem]:
    """One record per id and kind, and no record at the address of an index page: either would
    silently replace a page."""
    seen: dict[tuple[str, str], Loaded] = {}
    # a record in the file named after its id comes first: the other one is the one to move
    for item in sorted(records, key=lambda item: PurePosixPath(item.source.file).stem != item.record.id):
        first = seen.setdefault((item.kind, item.record.id), item)
        if first is not item:
            yield item.source.problem(
                ("id",),
                f"the id {item.record.id!r} is already the id of {first.source.file}",
                "give each record its own id, in a file named after it",
            )
        if item.kind in KINDS_WITH_PAGES and item.record.id == INDEX_ID:
            yield item.source.problem(
                ("id",),
                f"{INDEX_ID!r} is the address of the {SINGULAR[item.kind]} index page, which this record would replace",
                "choose another id (and rename the file to match)",
            )


def _check_former_ids(records: list[Loaded]) -> Iterator[Problem]:
    """A former id must not be the id of another concept, nor another's former id, nor an index
    page's address: its old URL would point two ways."""
    current = {item.record.id: item for item in _of(records, Concept)}
    claimed: dict[str, Loaded] = {}
    for item in _of(records, Concept):
        for index, former in enumerate(item.record.former_ids):
            path = ("former_ids", index)
            first = claimed.setdefault(former, item)
            if former in current:
                yield item.source.problem(
                    path, f"{former!r} is the id of an existing concept", "remove it: a former id can never be reused"
                )
            elif former == INDEX_ID:
                yield item.source.problem(
                    path, f"{INDEX_ID!r} is the address of the concept index page", "remove it: no concept had it"
                )
            elif first is not item:
                yield item.source.problem(
                    path,
                    f"the former id {former!r} is also a former id of concept {first.record.id!r}"
                    f" ({first.source.file})",
                    "keep it on the one concept that had it: an old address can redirect to one page only",
                )
            elif former in item.record.former_ids[:index]:
                yield item.source.problem(path, f"the former id {former!r} is listed twice", "remove one of them")
