"""A paper's citation on its page: the reference from confirmed fields, what is not known, and the
BibTeX and CSL-JSON to copy or download."""

from __future__ import annotations

from typing import Any

from ...link.linker import LinkContext
from ...model import Citation, KnownField, Paper, UnknownField
from ..citations import bibtex, csl_json_text
from ..kit import PageKit

CITATION_LABELS = {
    "type": "Type", "title": "Title", "authors": "Authors", "editors": "Editors",
    "container_title": "Journal or book", "publisher": "Publisher", "place": "Place", "year": "Year",
    "volume": "Volume", "issue": "Issue", "pages": "Pages", "chapter": "Chapter", "isbn": "ISBN",
    "doi": "DOI", "affiliation": "Affiliation", "dates": "Dates",
}
WORK_TYPES = {"article-journal": "journal article", "chapter": "book chapter", "report": "report"}
ALWAYS_SHOWN_FIELDS = ("title", "authors", "container_title", "year", "volume", "issue", "pages", "doi")


def citation_block(kit: PageKit, paper_id: str, source: str, context: LinkContext) -> str:
    """A paper's citation, with each field's provenance and the unknown fields named."""
    paper = kit.index.papers[paper_id]
    files = citation_files(paper)
    formatted = format_citation(paper)
    return kit.render(
        "citation.html.j2",
        formatted=formatted,
        fields=citation_rows(paper.citation),
        bibtex=bibtex(paper),
        csl=csl_json_text(paper),
        bibtex_href=kit.urls.relative(source, files[0][0]),
        csl_href=kit.urls.relative(source, files[1][0]),
        paper_id=paper_id,
        notes=_citation_notes(paper, formatted),
    ).strip()


def _citation_notes(paper: Paper, formatted: str) -> list[str]:
    """What a reader needs to read the reference as ``format_citation`` writes it: why a title is in
    brackets, why it says a field is unknown."""
    notes = []
    if not isinstance(paper.citation.title, KnownField) and paper.citation.title.supplied:
        notes.append("The title in square brackets is ours: our copy of the text does not print one.")
    if "unknown" in formatted or "not known" in formatted:
        notes.append("What is marked unknown is confirmed neither by our copy of the text nor by a named "
                     "public source, and the atlas does not guess it.")
    return notes


def citation_files(paper: Paper) -> list[tuple[str, str]]:
    """The downloadable citation files of a paper: (path from the site root, content)."""
    return [(f"papers/{paper.id}.bib", bibtex(paper)), (f"papers/{paper.id}.csl.json", csl_json_text(paper))]


def _field_text(field: KnownField) -> str:
    value = field.value
    return ", ".join(value) if isinstance(value, list) else str(value)


def citation_rows(citation: Citation) -> list[dict[str, Any]]:
    """Each citation field with its value or ``unknown``, and where the value comes from."""
    rows: list[dict[str, Any]] = []
    if citation.type == "unknown":
        rows.append({"label": "Type of work", "unknown": True, "supplied": None, "provenance": "confirmed nowhere"})
    else:
        rows.append({"label": "Type of work", "unknown": False, "value": WORK_TYPES[citation.type],
                     "provenance": "what the citation fields below describe"})
    for name, label in CITATION_LABELS.items():
        if name == "type":
            continue
        field = getattr(citation, name)
        if field is None and name not in ALWAYS_SHOWN_FIELDS:
            continue
        if field is None or isinstance(field, UnknownField):
            rows.append({"label": label, "unknown": True,
                         "supplied": field.supplied if field else None, "provenance": "confirmed nowhere"})
        else:
            provenance = "printed in the paper" if field.source == "text" else "public record"
            if field.note:
                provenance += f": {field.note}"
            rows.append({"label": label, "unknown": False, "value": _field_text(field), "provenance": provenance})
    return rows


def _known(field: KnownField | UnknownField | None) -> str | None:
    return _field_text(field) if isinstance(field, KnownField) else None


def format_citation(paper: Paper) -> str:
    """A reference in author–date style, from confirmed fields only; unknown ones said as such."""
    citation = paper.citation
    authors = _known(citation.authors) or "Author unknown"
    year = _known(citation.year) or "year unknown"
    if isinstance(citation.title, KnownField):
        # quotation marks inside the title turn single, as inside any quotation
        title = "“" + _field_text(citation.title).replace("“", "‘").replace("”", "’") + "”"
    else:
        title = citation.title.supplied or "[title unknown]"
    parts = [f"{authors} ({year}). {title}."]
    container = _known(citation.container_title)
    if citation.type == "chapter":
        book = f"In {container}" if container else "In a book whose title is not known"
        editors = _known(citation.editors)
        if editors:
            book += f", edited by {editors}"
        chapter = _known(citation.chapter)
        if chapter:
            book += f", chapter {chapter}"
        parts.append(book + ".")
    elif container:
        volume = _known(citation.volume)
        issue = _known(citation.issue)
        parts.append(container + (f" {volume}" if volume else "") + (f"({issue})" if issue else "") + ".")
    else:
        parts.append("Venue unknown.")
    place, publisher = _known(citation.place), _known(citation.publisher)
    if publisher:
        parts.append(f"{place}: {publisher}." if place else f"{publisher}.")
    pages = _known(citation.pages)
    if pages:
        parts.append(f"Pages {pages}.")
    doi = _known(citation.doi)
    if doi:
        parts.append(f"doi:{doi}")
    return " ".join(parts)
