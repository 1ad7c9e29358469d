"""How much work contributors' prose may ask of the Markdown library: a budget checked in linear time.

Python-Markdown recurses once per level of nested lists or quotes (3,000 nested list markers end
in ``RecursionError``), scans to the end of the paragraph for the closing bracket of every ``[`` or
``(`` it meets (20,000 unclosed brackets take minutes; so do brackets whose ``]`` hides in a code
span), and copies the rest of a paragraph for each heading or rule it finds in it. Real prose
nests lists two or three deep, closes its brackets and keeps its paragraphs to a few lines; text
within this budget renders in well under a second, whatever it holds.
"""

from __future__ import annotations

import re

MAX_NESTING = 10
"""Most levels of lists and quotes on one line: markers (``-``, ``1.``, ``>``) and indents."""
MAX_BRACKETS = 30
"""Most opening brackets ``[`` in one paragraph. Each may cost Markdown a scan to the end of the
paragraph (whether a ``]`` closes it is no help: a code span can hide the ``]``), so their number,
not their pairing, bounds the work; 30 cost at most about 0.2 s in a paragraph of 20,000 characters."""
MAX_PARAGRAPH_LINES = 100
"""Most lines in one paragraph (a run of lines with no blank line between them)."""
TAB_WIDTH = 4

_MARKERS = re.compile(r"(?:(?:[*+-]|\d{1,9}[.)])(?=[ \t]|$)|>)[ \t]*")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_BRACKET_OR_ESCAPE = re.compile(r"\\.|\[", re.DOTALL)
"""An opening bracket, or an escaped character (``\\[`` opens nothing)."""


class BudgetExceeded(ValueError):
    """The text asks more of Markdown than the budget allows."""


def check_prose(text: str) -> str:
    """``text`` if it is within the budget; ``BudgetExceeded`` saying where and how to fix it."""
    for number, line in enumerate(text.split("\n"), start=1):
        depth = _nesting(line)
        if depth > MAX_NESTING:
            raise BudgetExceeded(
                f"line {number} of the text nests {depth} levels of lists, quotes or indents; the limit is"
                f" {MAX_NESTING} — flatten it (escape a marker that is not one as \\-, \\> or 1\\.)"
            )
    for number, paragraph in enumerate(_PARAGRAPH_BREAK.split(text), start=1):
        lines = paragraph.count("\n") + 1
        if lines > MAX_PARAGRAPH_LINES:
            raise BudgetExceeded(
                f"paragraph {number} of the text runs over {lines} lines; the limit is {MAX_PARAGRAPH_LINES}"
                " — split it with blank lines"
            )
        brackets = sum(1 for found in _BRACKET_OR_ESCAPE.finditer(paragraph) if found.group() == "[")
        if brackets > MAX_BRACKETS:
            raise BudgetExceeded(
                f"paragraph {number} of the text has {brackets} opening brackets [; the limit is {MAX_BRACKETS}"
                " — split the paragraph, or write a bracket that opens no link as \\["
            )
    return text


def within_budget(text: str) -> bool:
    """Whether ``check_prose`` accepts ``text``."""
    try:
        check_prose(text)
    except BudgetExceeded:
        return False
    return True


def _nesting(line: str) -> int:
    expanded = line.expandtabs(TAB_WIDTH)
    body = expanded.lstrip(" ")
    depth = (len(expanded) - len(body)) // TAB_WIDTH
    position = 0
    while True:
        found = _MARKERS.match(body, position)
        if not found or found.end() == position:
            return depth
        depth += 1
        position = found.end()
