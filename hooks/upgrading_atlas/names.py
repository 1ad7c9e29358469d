"""Names — terms, entity names, aliases, titles and labels — are one line of plain, visible text.

A name lands in headings, page titles, tooltips, the search index and citation files. The rules
here keep it from carrying markup or lines of its own (``check_name``), from hiding characters or
mixing scripts to pass for another name (``lookalike_key``), and from being a word so short or so
common that the linker would link it everywhere without anyone having decided so
(``confirmation_needed``).
"""

from __future__ import annotations

import html
import re
import unicodedata

from .characters import describe

_UNSAFE = re.compile(r"[<>{}\[\]`\\\"]")
"""Markup, brackets, backslashes and straight double quotes: refused in names (a name also lands
in attributes and in the <title>, where markup must never appear). An ampersand is allowed
("He & Wang") but not as the start of a character reference ("&lt;")."""

_INVISIBLE = frozenset(
    "\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u2800\u3164\uffa0"
    + "".join(chr(code) for code in range(0xFE00, 0xFE10))  # variation selectors
)
"""Characters that show as nothing (or as a space) but are not format characters: a soft hyphen,
the combining grapheme joiner, Hangul and braille blanks, variation selectors."""

_LOOKALIKE_SCRIPTS = ("CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC")
"""Scripts with letters drawn like Latin ones; a word mixing one of them with Latin is refused."""

# Letters of other scripts drawn like Latin letters (from Unicode's confusables.txt), mapped to
# the Latin letter they pass for; NFKC already folds full-width and mathematical letters.
_CONFUSABLES = str.maketrans(
    "АВЕКМНОРСТХУЅІЈԁһӏԛԝаеорсухѕіјԜԚҮүΑΒΕΖΗΙΚΜΝΟΡΤΥΧαβεικνορτυχ",
    "ABEKMHOPCTXYSIJdhlqwaeopcyxsijWQYyABEZHIKMNOPTYXabeiknoptux",
)

MIN_LETTERS = 3
"""A linkable name with fewer letters or digits than this must be confirmed: two letters match
inside initials, units and codes all over the text. Two or more Chinese characters are a word."""

STOP_WORDS = frozenset(
    """
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has
have having he her here hers him his how i if in into is it its itself just me more most my no nor
not now of off on once one only or other our ours out over own same she should so some such than
that the their theirs them then there these they this those through to too two under until up upon
us very was we were what when where which while who whom why will with within without would you
your
""".split()  # noqa: SIM905 - a paragraph of words reads better than a list of quoted strings
)
"""Common English words: as a name, each would be linked wherever it appears."""

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def check_name(value: str) -> str:
    """``value`` if it is one line of plain, visible text; ``ValueError`` with a fix if not."""
    if html.unescape(value) != value:
        raise ValueError(
            "contains a character reference (such as &lt;) — write the character itself, in plain words"
        )
    if "\n" in value or "\r" in value:
        raise ValueError("runs over several lines — write a name on one line")
    found = _UNSAFE.search(value)
    if found:
        raise ValueError(
            f"contains the character {found.group()!r}, which is not allowed in a name or title"
            " — write it in plain words, without markup, brackets, backslashes or straight double quotes"
            " (use “typographic” quotes)"
        )
    for char in value:
        if char == " ":
            continue
        category = unicodedata.category(char)
        if category in {"Zs", "Cc"} and char != " ":
            raise ValueError(f"contains the space character {describe(char)} — use an ordinary space")
        if category in {"Cf", "Co", "Cn", "Cs", "Zl", "Zp"} or char in _INVISIBLE:
            raise ValueError(
                f"contains the invisible character {describe(char)} — delete it: a name must look as it reads"
            )
    mixed = _mixed_script_letter(value)
    if mixed:
        raise ValueError(
            f"mixes Latin letters with the look-alike letter {describe(mixed)} in one word"
            " — write each word in one script"
        )
    return value


def _mixed_script_letter(value: str) -> str | None:
    """The first letter of another script in a word that also has Latin letters."""
    for word in re.findall(r"[^\W\d_]+", value):
        scripts = {char: unicodedata.name(char, "").split(" ")[0] for char in word}
        if "LATIN" in scripts.values():
            for char, script in scripts.items():
                if script in _LOOKALIKE_SCRIPTS:
                    return char
    return None


def lookalike_key(name: str) -> str:
    """What ``name`` looks like: two names with one key cannot be told apart by a reader
    (``Lenovo``, ``LENOVO``, ``Ｌｅｎｏｖｏ``, ``Lеnovo`` with a Cyrillic е)."""
    folded = unicodedata.normalize("NFKC", name).translate(_CONFUSABLES)
    return " ".join(unicodedata.normalize("NFKC", folded.casefold()).split())


def matched_as_written(name: str) -> bool:
    """Whether the linker finds ``name`` only as written: an acronym such as ``MT`` or ``LIEs``
    (a capital after the first letter) is not the word "mt"; other names match in any case."""
    return any(char.isupper() for char in name[1:])


def confirmation_needed(name: str) -> str | None:
    """Why linking ``name`` everywhere must be confirmed, or None if it need not be. An acronym
    (``MT``, ``IT``, ``US``) is matched only as written, so it is neither short nor common."""
    if matched_as_written(name):
        return None
    if name.casefold() in STOP_WORDS:
        return "is a common English word"
    letters = [char for char in name if char.isalnum()]
    if len(letters) >= MIN_LETTERS or (len(letters) >= 2 and all(_HAN.match(char) for char in letters)):
        return None
    return f"has fewer than {MIN_LETTERS} letters"
