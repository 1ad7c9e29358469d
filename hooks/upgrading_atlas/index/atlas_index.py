"""The index: every record by id, and what refers to what, built once per build."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..load.records import Loaded
from ..model import Concept, CrossReference, Entity, Paper, Section, Table
from ..validate.names import linkable_names

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class LinkTarget:
    """What a mention links to."""

    kind: str
    """``concepts`` or ``entities``."""
    id: str
    label: str
    """The term or name, for display."""
    tooltip: str
    """The short definition or description, as plain text."""


@dataclass
class AtlasIndex:
    """All valid records, by kind and id, with the derived lookups the renderer and linker need."""

    papers: dict[str, Paper] = field(default_factory=dict)
    concepts: dict[str, Concept] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    crossrefs: dict[str, CrossReference] = field(default_factory=dict)
    tables: dict[str, Table] = field(default_factory=dict)
    sources: dict[tuple[str, str], str] = field(default_factory=dict)
    """The file each record came from, by (kind, id)."""
    names: dict[str, LinkTarget] = field(default_factory=dict)
    """Every linkable name (term, name or alias) as written, to its target."""
    concepts_by_paper: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    entities_by_paper: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    crossrefs_by_paper: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    crossrefs_by_concept: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    crossrefs_by_entity: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    related_from: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    """For each concept, the (concept id, relation) pairs of other concepts that point to it."""
    located: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    """For each (paper, section), the (kind, id) of records located there."""

    def section(self, paper: str, section: str) -> Section | None:
        """The section record, if the paper has it."""
        for candidate in self.papers[paper].sections if paper in self.papers else ():
            if candidate.id == section:
                return candidate
        return None


def build_index(records: list[Loaded]) -> AtlasIndex:
    """Index valid records. References to unknown ids are skipped: validation reports them."""
    index = AtlasIndex()
    tables: dict[type, dict[str, Any]] = {Paper: index.papers, Concept: index.concepts, Entity: index.entities,
              CrossReference: index.crossrefs, Table: index.tables}
    for item in sorted(records, key=lambda loaded: (loaded.kind, loaded.record.id)):
        tables[type(item.record)][item.record.id] = item.record
        index.sources[(item.kind, item.record.id)] = item.source.file
    for concept in index.concepts.values():
        for sense in concept.senses:
            _add_once(index.concepts_by_paper[sense.paper], concept.id)
            _add_once(index.located[(sense.paper, sense.at.section)], ("concepts", concept.id))
        for related in concept.related:
            index.related_from[related.concept].append((concept.id, related.relation))
    for entity in index.entities.values():
        for mention in entity.mentions:
            _add_once(index.entities_by_paper[mention.paper], entity.id)
            _add_once(index.located[(mention.paper, mention.at.section)], ("entities", entity.id))
    index.names = linker_names(index.concepts.values(), index.entities.values())
    for crossref in index.crossrefs.values():
        for claim in (crossref.a, crossref.b):
            _add_once(index.crossrefs_by_paper[claim.paper], crossref.id)
            _add_once(index.located[(claim.paper, claim.section)], ("crossrefs", crossref.id))
        for concept_id in crossref.concepts:
            index.crossrefs_by_concept[concept_id].append(crossref.id)
        for entity_id in crossref.entities:
            index.crossrefs_by_entity[entity_id].append(crossref.id)
    return index


def _add_once(values: list, value: object) -> None:
    if value not in values:
        values.append(value)


def linker_names(concepts: Iterable[Concept], entities: Iterable[Entity]) -> dict[str, LinkTarget]:
    """Every name the linker finds (term, name or alias, as written) and what it links to; the first
    record to claim a name keeps it (validation reports the clash)."""
    names: dict[str, LinkTarget] = {}
    records: list[tuple[str, Concept | Entity]] = [("concepts", concept) for concept in concepts]
    records += [("entities", entity) for entity in entities]
    for kind, record in records:
        if not record.autolink:
            continue
        label = record.term if isinstance(record, Concept) else record.name
        tooltip = record.definition if isinstance(record, Concept) else record.description
        target = LinkTarget(kind, record.id, label, plain_text(tooltip))
        for _, name in linkable_names(record):
            names.setdefault(name, target)
    return names


def plain_text(markdown_text: str) -> str:
    """Markdown reduced to plain text for tooltips: link targets and emphasis marks dropped,
    character references read (the text is escaped where it is written, once), and control
    characters, which would forge Markdown's placeholders inside an attribute, removed."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown_text)
    text = re.sub(r"[*_`]+", "", text)
    text = _CONTROL.sub("", html.unescape(text))
    return " ".join(text.split())
