"""Names are one line of plain, visible text; look-alikes fold together; short and common names are
confirmed before the linker links them; a name in a Markdown line acts as no syntax."""

from __future__ import annotations

import html

import markdown
import pytest

from upgrading_atlas.link.safe_text import markdown_text
from upgrading_atlas.names import check_name, confirmation_needed, lookalike_key


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Innocent\n\n!!! danger", "runs over several lines"),
        ("Tab\there", "contains the space character '\\x09' (U+0009, TAB)"),
        ("No\u00a0break", "contains the space character '\u00a0' (U+00A0, NO-BREAK SPACE)"),
        ("Zero\u200bwidth", "contains the invisible character '\\u200b' (U+200B, ZERO WIDTH SPACE)"),
        ("Over\u202eride", "contains the invisible character '\\u202e' (U+202E, RIGHT-TO-LEFT OVERRIDE)"),
        ("Soft\u00adhyphen", "invisible character"),
        ("Hangul\u3164filler", "invisible character"),
        ("Lеnovo", "mixes Latin letters with the look-alike letter 'е' (U+0435, CYRILLIC SMALL LETTER IE)"),
        ("<em>x</em>", "contains the character '<'"),
        ("&lt;b&gt;", "contains a character reference"),
        ('Straight "quotes"', "contains the character '\"'"),
    ],
)
def test_refused_names(name: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        check_name(name)
    assert message in str(caught.value)
    assert " — " in str(caught.value)  # what is wrong — how to fix it


@pytest.mark.parametrize("name", ["Leading innovative enterprise", "He & Wang", "联想", "Lenovo (联想)", "C#",
                                  "*em* and __strong__", "Know-how and know-why", "Ernst’s “global factory”",
                                  "Москва", "Αθήνα", "O'Brien"])
def test_accepted_names(name: str) -> None:
    assert check_name(name) == name


@pytest.mark.parametrize(
    ("first", "second"),
    [("Lenovo", "LENOVO"), ("Lenovo", "Ｌｅｎｏｖｏ"), ("Lenovo", "Lеnovo"), ("OEM", "ОЕМ"),
     ("global  factory", "Global factory")],
)
def test_lookalikes_share_a_key(first: str, second: str) -> None:
    assert lookalike_key(first) == lookalike_key(second)


def test_different_names_keep_different_keys() -> None:
    assert len({lookalike_key(name) for name in ["Lenovo", "Legend", "联想", "LIE", "lie", "Lie"]}) == 4


@pytest.mark.parametrize(
    ("name", "reason"),
    [("The", "is a common English word"), ("a", "is a common English word"), ("of", "is a common English word"),
     ("and", "is a common English word"), ("mt", "has fewer than 3 letters"), ("x", "has fewer than 3 letters"),
     ("民", "has fewer than 3 letters"), ("R&D", None), ("OEM", None), ("LIE", None), ("MT", None), ("IU", None),
     ("IT", None), ("VW", None), ("联想", None), ("global factory", None), ("Ernst", None)],
)
def test_short_and_common_names_need_confirmation(name: str, reason: str | None) -> None:
    assert confirmation_needed(name) == reason


MARKDOWN = markdown.Markdown(extensions=["attr_list", "toc", "tables", "def_list", "admonition",
                                         "pymdownx.smartsymbols", "pymdownx.tilde", "pymdownx.caret",
                                         "pymdownx.mark", "pymdownx.emoji"])


@pytest.mark.parametrize(
    "name",
    ["*em* and __strong__", "C#", "# not a heading", "1. not a list", "- not a list", "(c) (tm) 1/2 --> +/-",
     "~~struck~~ ^^raised^^ ==marked== :smile:", "a | b", "He & Wang", "Know-how", "x_y_z", "!important",
     "O'Brien’s", "$x$", "+1 -1", "back\\slash", "<b>tag</b>", "&amp;"],
)
def test_a_name_in_a_heading_reads_as_written(name: str) -> None:
    MARKDOWN.reset()
    heading = MARKDOWN.convert(f"# {markdown_text(name)}")
    assert heading.startswith("<h1") and heading.endswith("</h1>") and heading.count("<") == 2, heading
    assert html.unescape(heading[heading.index(">") + 1 : heading.rindex("<")]) == name, heading


def test_a_heading_id_is_made_from_the_name_as_written() -> None:
    MARKDOWN.reset()
    assert MARKDOWN.convert(f"# {markdown_text('Know-how and know_why')}").startswith(
        '<h1 id="know-how-and-know_why">'
    )
