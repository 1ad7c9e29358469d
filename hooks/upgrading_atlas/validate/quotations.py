"""Check quotations against the papers' full texts, which are not part of the site.

A quotation matches when its words stand in the paper in the same order, after both are
normalized: whitespace folded, ligatures resolved, typographic quote marks and dashes made plain,
words split by a hyphen at a line end joined, and the extraction's own markup (emphasis asterisks,
superscript footnote numbers) removed. On a miss, the closest passage is reported.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..model import QUOTATION_MAX_WORDS

PAPER_FILES = {
    "he-wang": "he-wang-machine-tools-china.txt",
    "ernst": "ernst-global-factory.txt",
    "chen": "chen-2009-taiwan-machine-tools.txt",
    "herrigel-wittke-voskamp": "herrigel-wittke-voskamp-governance-architectures.txt",
    "zhou": "zhou-2008-synchronization.txt",
}
"""The full text of each paper, by paper id, in the papers folder."""

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "‘": "'", "’": "'", "‚": "'",
                         "‛": "'", "′": "'", "`": "'", "´": "'", "–": "-", "—": "-", "‐": "-", "‑": "-"})
_SUPERSCRIPTS = re.compile(r"<sup>[^<]{0,12}</sup>|[\u00b9\u00b2\u00b3\u2070-\u2079]+")
_MARKUP = re.compile(r"[*_#]+|<[^>]{1,40}>")


def normalize(text: str) -> str:
    """Text reduced to what a quotation must match: words and punctuation, in order."""
    text = _SUPERSCRIPTS.sub("", text)
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)  # a word split at a line end
    text = _MARKUP.sub("", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class QuotationCheck:
    """The result of looking for one quotation."""

    quotation: str
    paper: str
    found: bool
    words: int
    closest: str = ""
    """On a miss: the passage of the paper that comes closest."""

    @property
    def too_long(self) -> bool:
        """More words than a quotation may have."""
        return self.words > QUOTATION_MAX_WORDS


class PaperTexts:
    """The normalized full texts of the papers, loaded once."""

    def __init__(self, folder: Path):
        self.texts = {
            paper: normalize((folder / name).read_text(encoding="utf-8"))
            for paper, name in PAPER_FILES.items()
            if (folder / name).exists()
        }

    def check(self, quotation: str, paper: str) -> QuotationCheck:
        """Look for ``quotation`` in ``paper``; on a miss, find the closest passage."""
        wanted = normalize(quotation)
        words = len(quotation.split())
        text = self.texts.get(paper, "")
        if wanted and wanted in text:
            return QuotationCheck(quotation, paper, True, words)
        return QuotationCheck(quotation, paper, False, words, closest_passage(text, wanted))


def closest_passage(text: str, wanted: str) -> str:
    """The stretch of ``text`` that shares the longest run with ``wanted``, widened to its length."""
    if not text or not wanted:
        return ""
    matcher = difflib.SequenceMatcher(None, text, wanted, autojunk=False)
    match = matcher.find_longest_match(0, len(text), 0, len(wanted))
    start = max(0, match.a - match.b - 20)
    return text[start : start + len(wanted) + 40]


_PAGE_QUOTATION = re.compile(r"“(?P<text>[^”“]{2,800})”")
_LOCATION = re.compile(r"\([^()]{0,60}?(?:§|Table|Figure|[Nn]otes?\s\d|p\.\s?\d|pp\.|Abstract|Introduction|Conclusion)")


@dataclass(frozen=True)
class PageQuotation:
    """A quotation written on a Markdown page between typographic double quotes."""

    line: int
    text: str
    located: bool
    """Whether a location in parentheses follows it before the next quotation."""


def page_quotations(markdown: str) -> Iterator[PageQuotation]:
    """Each quotation on a page, outside code blocks and front matter."""
    lines = markdown.splitlines()
    kept: list[str] = []
    in_fence = False
    in_front_matter = bool(lines) and lines[0].strip() == "---"
    for number, line in enumerate(lines):
        if in_front_matter:
            if number > 0 and line.strip() == "---":
                in_front_matter = False
            kept.append("")
            continue
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            kept.append("")
            continue
        kept.append("" if in_fence else line)
    text = "\n".join(kept)
    for match in _PAGE_QUOTATION.finditer(text):
        following = text[match.end() : match.end() + 200].split("“")[0].split("\n\n")[0]
        line_number = text.count("\n", 0, match.start()) + 1
        yield PageQuotation(line_number, " ".join(match["text"].split()), bool(_LOCATION.search(following)))
