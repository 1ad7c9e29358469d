"""Fragments about the whole atlas, for the home page: the five papers introduced, each with its
authors, title and year where a source confirms them, and what it argues in one line."""

from __future__ import annotations

from typing import Any

from ...link.linker import LinkContext
from ...model import KnownField
from ..citations import title_of
from ..kit import PageKit


def papers_list(kit: PageKit, source: str, context: LinkContext) -> str:
    """Every paper, in the atlas's order, introduced from its annotation file."""
    papers: list[dict[str, Any]] = []
    for paper_id in kit.paper_order():
        paper = kit.index.papers[paper_id]
        citation = paper.citation
        title, supplied = title_of(citation)
        authors = citation.authors.value if isinstance(citation.authors, KnownField) else None
        papers.append({
            "id": paper_id,
            "label": paper.short_title,
            "href": kit.href(source, "papers", paper_id),
            "authors": join_names(authors if isinstance(authors, list) else [str(authors)] if authors else []),
            "title": title,
            "title_supplied": supplied,
            "year": citation.year.value if isinstance(citation.year, KnownField) else None,
            "gist": paper.gist,
        })
    return kit.render("papers-list.html.j2", papers=papers, md=kit.safe_markdown(context, source)).strip()


def join_names(names: list[str]) -> str:
    """Names as a reader says them: ``A``, ``A and B``, ``A, B and C``."""
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
