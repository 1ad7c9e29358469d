"""A paper's citation for reference managers: BibTeX, CSL-JSON and Highwire Press meta tags.

Only confirmed fields are exported. A title that no source confirms is exported in square
brackets, the cataloguers' convention for a supplied title, with a note saying so.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..model import Citation, KnownField, Paper

BIBTEX_TYPES = {"article-journal": "article", "chapter": "incollection", "report": "techreport", "unknown": "misc"}
CSL_TYPES = {"article-journal": "article-journal", "chapter": "chapter", "report": "report", "unknown": "document"}
SUPPLIED_NOTE = "Title supplied by Upgrading Atlas: the text of the paper available to the atlas does not give it."


def _value(field: Any) -> Any:
    return field.value if isinstance(field, KnownField) else None


def _text(field: Any) -> str | None:
    value = _value(field)
    if value is None:
        return None
    return " and ".join(value) if isinstance(value, list) else str(value)


def _names(field: Any) -> list[str]:
    value = _value(field)
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [str(value)]


def split_name(name: str) -> tuple[str, str]:
    """(family, given) of a name written given-first, such as ``L.-C. Chen``."""
    parts = name.split()
    return (parts[-1], " ".join(parts[:-1])) if len(parts) > 1 else (name, "")


def title_of(citation: Citation) -> tuple[str | None, bool]:
    """The title to export, and whether it is supplied rather than confirmed."""
    confirmed = _text(citation.title)
    if confirmed:
        return confirmed, False
    supplied = getattr(citation.title, "supplied", None)
    return supplied, supplied is not None


def _pages(citation: Citation) -> tuple[str | None, str | None]:
    pages = _text(citation.pages)
    if not pages:
        return None, None
    parts = re.split(r"\s*[–—-]+\s*", pages)
    return parts[0], (parts[1] if len(parts) > 1 else None)


_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
                   **{char: "\\" + char for char in "{}&%$#_"}}


def _bibtex_escape(text: str) -> str:
    """``text`` as BibTeX (LaTeX) reads it literally: its special characters escaped."""
    return re.sub(r"[{}\\&%$#_~^]", lambda found: _BIBTEX_SPECIAL[found.group()], text)


def _bibtex_entry(entry_type: str, key: str, fields: list[tuple[str, str]], author: str | None = None) -> str:
    """A BibTeX entry; field values are escaped, except ``author``, which comes first as given."""
    lines = [f"  author = {{{author}}}"] if author else []
    lines += [f"  {name} = {{{_bibtex_escape(value)}}}" for name, value in fields]
    return f"@{entry_type}{{{key},\n" + ",\n".join(lines) + "\n}\n"


def _bibtex_names(names: list[str]) -> str:
    return " and ".join(f"{family}, {given}" if given else family for family, given in map(split_name, names))


def _csl_names(names: list[str]) -> list[dict[str, str]]:
    return [{"family": family, "given": given} if given else {"literal": family}
            for family, given in map(split_name, names)]


def bibtex(paper: Paper) -> str:
    """A BibTeX entry keyed by the paper's id."""
    citation = paper.citation
    title, supplied = title_of(citation)
    fields: list[tuple[str, str]] = []
    authors = _names(citation.authors)
    if authors:
        fields.append(("author", _bibtex_names(authors)))
    if title:
        fields.append(("title", title))
    container = _text(citation.container_title)
    if container:
        fields.append(("journal" if citation.type == "article-journal" else "booktitle", container))
    editors = _names(citation.editors)
    if editors:
        fields.append(("editor", _bibtex_names(editors)))
    for name, value in (("year", _text(citation.year)), ("volume", _text(citation.volume)),
                        ("number", _text(citation.issue)), ("pages", _text(citation.pages)),
                        ("chapter", _text(citation.chapter)), ("publisher", _text(citation.publisher)),
                        ("address", _text(citation.place)), ("isbn", _text(citation.isbn)),
                        ("doi", _text(citation.doi)),
                        ("institution", _text(citation.affiliation) if citation.type == "report" else None)):
        if value:
            fields.append((name, value.replace("–", "--")))
    if supplied:
        fields.append(("note", SUPPLIED_NOTE))
    return _bibtex_entry(BIBTEX_TYPES[citation.type], paper.id, fields)


def csl_json(paper: Paper) -> dict[str, Any]:
    """The citation as a CSL-JSON item."""
    citation = paper.citation
    title, supplied = title_of(citation)
    item: dict[str, Any] = {"id": paper.id, "type": CSL_TYPES[citation.type]}
    if title:
        item["title"] = title
    authors = _names(citation.authors)
    if authors:
        item["author"] = _csl_names(authors)
    editors = _names(citation.editors)
    if editors:
        item["editor"] = _csl_names(editors)
    year = _value(citation.year)
    if year is not None:
        # isdigit() would take "²" too, which int() refuses
        numeric = re.fullmatch(r"[0-9]{1,4}", str(year))
        item["issued"] = {"date-parts": [[int(year)]]} if numeric else {"literal": str(year)}
    for key, field in (("container-title", citation.container_title), ("volume", citation.volume),
                       ("issue", citation.issue), ("page", citation.pages), ("publisher", citation.publisher),
                       ("publisher-place", citation.place), ("ISBN", citation.isbn), ("DOI", citation.doi)):
        value = _text(field)
        if value:
            item[key] = value
    if supplied:
        item["note"] = SUPPLIED_NOTE
    return item


def csl_json_text(paper: Paper) -> str:
    """CSL-JSON as a file: a list of one item."""
    return json.dumps([csl_json(paper)], ensure_ascii=False, indent=2) + "\n"


SITE_AUTHOR = "Upgrading Atlas contributors"
SITE_NAME = "Upgrading Atlas"


def page_bibtex(key: str, title: str, url: str) -> str:
    """A BibTeX entry for one of the atlas's own pages. No date: the reader adds when they read it."""
    fields = [("title", title), ("howpublished", SITE_NAME), ("url", url)]
    # in braces, a corporate author is one name, not given and family names
    return _bibtex_entry("misc", key, fields, author="{" + SITE_AUTHOR + "}")


def page_csl_json_text(key: str, title: str, url: str) -> str:
    """A CSL-JSON item (type webpage) for one of the atlas's own pages."""
    item = {"id": key, "type": "webpage", "title": title, "author": [{"literal": SITE_AUTHOR}],
            "container-title": SITE_NAME, "URL": url}
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


def highwire_meta(paper: Paper) -> list[tuple[str, str]]:
    """``citation_*`` meta tags (name, content), which Zotero and Google Scholar read."""
    citation = paper.citation
    title, _ = title_of(citation)
    tags: list[tuple[str, str]] = []
    if title:
        tags.append(("citation_title", title))
    tags += [("citation_author", name) for name in _names(citation.authors)]
    year = _text(citation.year)
    if year:
        tags.append(("citation_publication_date", year))
    container = _text(citation.container_title)
    if container and citation.type != "unknown":
        tags.append(("citation_journal_title" if citation.type == "article-journal" else "citation_inbook_title",
                     container))
    first, last = _pages(citation)
    for name, value in (("citation_volume", _text(citation.volume)), ("citation_issue", _text(citation.issue)),
                        ("citation_firstpage", first), ("citation_lastpage", last),
                        ("citation_publisher", _text(citation.publisher)), ("citation_isbn", _text(citation.isbn)),
                        ("citation_doi", _text(citation.doi))):
        if value:
            tags.append((name, value))
    if citation.type == "report" and _text(citation.affiliation):
        tags.append(("citation_technical_report_institution", _text(citation.affiliation) or ""))
    return tags
