"""Labels measured without a browser, and wrapped so that each shows whole.

A label is never cut: a long one is broken at its spaces into lines no wider than a limit, and a
word longer than the limit keeps a line of its own.
"""

from __future__ import annotations

import functools

# Advance widths of Helvetica and Arial, in thousandths of an em, for printable ASCII from the space
# on. Labels are measured with them so that boxes fit the text without a browser.
_WIDTHS = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)
WIDTH_SLACK = 1.22
"""How much wider than Helvetica a label may be drawn. The site names no font (it loads none from
another host), so the system's sans-serif draws the map: on Linux that is often DejaVu Sans, up to
1.19 times as wide as Helvetica on our labels (measured in Chromium); the slack covers it."""
BOLD = 1.07
"""How much wider bold text (papers, a neighbourhood's centre) is than regular."""


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` at font ``size``, from Helvetica's widths, with slack for wider fonts."""
    total = 0
    for char in text:
        code = ord(char)
        if 32 <= code < 127:
            total += _WIDTHS[code - 32]
        elif code >= 0x2E80:  # CJK and other wide characters
            total += 1000
        else:
            total += 600
    return total / 1000 * size * WIDTH_SLACK * (BOLD if bold else 1.0)


@functools.lru_cache(maxsize=16_384)  # a label recurs on many pages: its concept's, its neighbours'
def wrap_label(label: str, size: float, max_width: float, bold: bool = False) -> tuple[str, ...]:
    """``label`` broken at spaces into as few lines as fit in ``max_width``, as even in width as
    they can be; a word wider than that stands alone on its line, whole."""
    words = label.split()
    if not words:
        return ("",)
    fewest = len(_fill(words, size, max_width, bold))
    # the narrowest width that still needs no more lines: every width a line could have is a candidate
    candidates = sorted({text_width(" ".join(words[start:end]), size, bold)
                         for start in range(len(words)) for end in range(start + 1, len(words) + 1)})
    for width in candidates:
        if width <= max_width and len(_fill(words, size, width, bold)) == fewest:
            return _fill(words, size, width, bold)
    return _fill(words, size, max_width, bold)


def _fill(words: list[str], size: float, max_width: float, bold: bool) -> tuple[str, ...]:
    """Each line as full as it can be."""
    lines: list[str] = []
    for word in words:
        if lines and text_width(f"{lines[-1]} {word}", size, bold) <= max_width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return tuple(lines)
