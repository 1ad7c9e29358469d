"""Characters that have no place in an annotation file, and text made safe to print in a terminal.

Control characters break XML tools and Markdown's own placeholders (``\\x02…\\x03``), line and
paragraph separators move a file's line numbers without an editor showing a break, and bidirectional
controls reorder what a reviewer sees ("Trojan Source"). None of them is needed to write an
annotation, so they are refused wherever they stand, and every message shows them escaped.
"""

from __future__ import annotations

import re
import unicodedata

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Marks, embeddings, overrides and isolates that change the order in which text is shown."""

_REFUSED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029" + BIDI_CONTROLS + "\ud800-\udfff]"
)
"""Refused in the bytes of a file: every C0 and C1 control except tab, line feed and carriage
return, the Unicode line and paragraph separators, bidirectional controls and lone surrogates."""

_UNPRINTABLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
_CONTROL_NAMES = {0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x09: "TAB", 0x0A: "LINE FEED",
                  0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE", 0x85: "NEXT LINE"}
"""Names for the controls met most; Unicode's own names table has none for controls."""


def first_refused(text: str, also: str = "") -> re.Match[str] | None:
    """The first character of ``text`` that no annotation may hold (or one of ``also``)."""
    if also:
        return re.search(_REFUSED.pattern[:-1] + re.escape(also) + "]", text)
    return _REFUSED.search(text)


def describe(char: str) -> str:
    """A character named so a reader can find it: ``'\\x1b' (U+001B)`` or ``'\\u202e' (U+202E,
    RIGHT-TO-LEFT OVERRIDE)``."""
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(ord(char), "")
    return f"'{shown(char)}' (U+{ord(char):04X}{', ' + name if name else ''})"


def shown(text: str) -> str:
    """``text`` with every character a terminal would act on or hide written as an escape, so
    that a message stays one line and cannot set a terminal's title or forge another line."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(_escape(char) if _is_unprintable(char) else char for char in text)


def _is_unprintable(char: str) -> bool:
    return unicodedata.category(char) in _UNPRINTABLE_CATEGORIES


def _escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"
