"""Where a paper's page discusses each of the paper's own sections, read from the page itself.

A paper page tells the argument in its own words and locates every statement: ``(§5.3.2)``,
``(Introduction)``, ``(Chen §6; He & Wang §4.2)``. A link to "Chen §5.3.2" from a reading path
should land where the page discusses that point, not on the short entry in the list of the paper's
sections. This module reads the page's Markdown, finds under which heading each of the paper's own
sections is cited (a citation naming another paper does not count), and picks the heading a reader
should land on: first a step of the argument, then the body of the page, then the summaries. Kept
in step with the page by construction: nothing is written by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import KnownField, Paper
from .citations import split_name

HEADING = re.compile(r"^(?P<hashes>#{2,4})\s+(?P<title>.+?)\s*\{[^}]*#(?P<id>[A-Za-z0-9_-]+)[^}]*\}\s*$")
"""A heading with an explicit id, as paper pages write them: ``## Findings {#findings}``."""
PARENTHESIS = re.compile(r"\(([^()]*)\)")
LEADING_WORDS = re.compile(r"^(?:(?:see|also|cf\.|and)\s+)+|^(?:see|also)$")
NUMBERED = re.compile(r"^(?:(?P<who>.*?)\s+)?§\s?(?P<label>\d+(?:\.\d+)*)(?:\s*[–-]\s*§?\d+(?:\.\d+)*)?$")
"""A numbered section, perhaps after the name of the paper (``He & Wang §4.2``) and perhaps the
first of a range (``§4.1–4.4``, read as its first section)."""

ARGUMENT_PREFIX = "argument-"
"""The steps of the argument: where a point is told as the authors build it."""
SUMMARY_IDS = ("in-brief", "summary")
"""Sections that summarize the whole paper: a landing place only when nothing else discusses the point."""
OTHER_PAPERS_IDS = ("conversation", "notes-on-the-text")
"""Sections about the other papers or about our copy of the text, never about the point itself."""


@dataclass(frozen=True)
class Citation:
    """A citation of one of the paper's own sections, under a heading of its page."""

    heading: str
    """The id of the heading under which the citation stands."""
    section: str
    """The id of the paper's section it cites."""


def cited_sections(markdown: str, paper: Paper) -> list[Citation]:
    """Every citation of the paper's own sections in its page, in page order, with its heading."""
    labels = {section.label: section.id for section in paper.sections}
    named = sorted((label for label in labels if not label[:1].isdigit()), key=len, reverse=True)
    own_names = paper_names(paper)
    citations: list[Citation] = []
    for heading, text in _blocks(markdown):
        for group in PARENTHESIS.findall(text):
            for part in re.split(r"[;,]\s*", group):
                section = _own_section(part.strip(), labels, named, own_names)
                if section:
                    citations.append(Citation(heading, section))
    return citations


def _blocks(markdown: str) -> Iterable[tuple[str, str]]:
    """Each heading's id and the text under it (up to the next heading), on one line, so that a
    citation broken across lines is read whole; the sections about other papers left out."""
    heading: str | None = None
    skipping = False
    lines: list[str] = []
    for line in [*markdown.splitlines(), "## End {#end}"]:
        match = HEADING.match(line)
        if not match:
            lines.append(line)
            continue
        if heading is not None and not skipping:
            yield heading, " ".join(lines)
        heading, lines = match["id"], []
        if len(match["hashes"]) == 2:
            skipping = heading in OTHER_PAPERS_IDS


def _own_section(part: str, labels: dict[str, str], named: list[str], own_names: set[str]) -> str | None:
    """The id of the paper's section that ``part`` of a citation names, if it names one of this paper."""
    number = NUMBERED.match(part)
    if number:
        who, label = number["who"], number["label"]
    else:
        label = next((name for name in named if part == name or part.endswith(" " + name)), "")
        who = part[: -len(label)].strip() if label else None
    if not label or label not in labels:
        return None
    who = LEADING_WORDS.sub("", who or "")
    if who and who not in own_names:
        return None  # another paper's section: "(He & Wang §4.2)"
    return labels[label]


def paper_names(paper: Paper) -> set[str]:
    """How a page may name its own paper in a citation: its short title, its authors' family names,
    and their initials where there are three or more (``HWV``)."""
    authors = paper.citation.authors
    names = authors.value if isinstance(authors, KnownField) and isinstance(authors.value, list) else []
    families = [split_name(name)[0] for name in names]
    found = {paper.short_title, *families}
    if len(families) > 1:
        found |= {", ".join(families[:-1]) + joiner + families[-1] for joiner in (" & ", " and ")}
    if len(families) >= 3:
        found.add("".join(family[0] for family in families))
    return found


def discussion_anchors(markdown: str, paper: Paper) -> dict[str, str]:
    """For each of the paper's sections that its page cites, the id of the heading to land on: the
    first step of the argument that cites it, else the first body section, else a summary. A
    section is also discussed where one of its parts is (``§5.3.2`` within ``§5``), though a citation
    of the section itself is preferred at the same rank."""
    citations = cited_sections(markdown, paper)
    order = {heading: position for position, heading in enumerate(dict.fromkeys(c.heading for c in citations))}
    parents = _parents(paper)
    anchors: dict[str, str] = {}
    for section in (s.id for s in paper.sections):
        candidates = [(_rank(c.heading), c.section != section, order[c.heading], c.heading) for c in citations
                      if c.section == section or section in parents.get(c.section, ())]
        if candidates:
            anchors[section] = min(candidates)[-1]
    return anchors


def _rank(heading: str) -> int:
    if heading.startswith(ARGUMENT_PREFIX):
        return 0
    return 2 if heading in SUMMARY_IDS else 1


def _parents(paper: Paper) -> dict[str, tuple[str, ...]]:
    """For each numbered section, the sections it lies within (``s5-3-2``: ``s5-3``, ``s5``)."""
    by_label = {section.label: section.id for section in paper.sections}
    parents: dict[str, tuple[str, ...]] = {}
    for section in paper.sections:
        parts = section.label.split(".")
        if section.label[:1].isdigit():
            parents[section.id] = tuple(by_label[label] for label in _prefixes(parts) if label in by_label)
    return parents


def _prefixes(parts: list[str]) -> Iterable[str]:
    for end in range(len(parts) - 1, 0, -1):
        yield ".".join(parts[:end])
