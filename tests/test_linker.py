"""The linker: one pass, longest match, first mention per section, never where a link does not belong."""

from __future__ import annotations

import re

import markdown
import pytest

from upgrading_atlas.index.atlas_index import LinkTarget
from upgrading_atlas.link.linker import LinkContext, TermMatcher, link_mentions, trie_pattern

LIE = LinkTarget("concepts", "lie", "Leading innovative enterprise", "A firm that organizes innovation.")
OEM = LinkTarget("concepts", "oem", "Original equipment manufacturing", "Contract manufacturing.")
GPN = LinkTarget("concepts", "global-production-network", "Global production network", "A network.")
PRODUCTION = LinkTarget("concepts", "production", "Production", "Making things.")
FOUNDER = LinkTarget("entities", "founder", "Founder", "A firm.")
NAMES = {
    "Leading innovative enterprise": LIE, "LIE": LIE, "LIEs": LIE,
    "Original equipment manufacturing": OEM, "OEM": OEM,
    "Global production network": GPN, "production": PRODUCTION,
    "Founder": FOUNDER,
}
MATCHER = TermMatcher(NAMES)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("An LIE and two LIEs.", ["LIE", "LIEs"]),
        ("They lie; a lie is not an LIE.", ["LIE"]),                      # acronyms match as written
        ("leading innovative enterprises lead", ["leading innovative enterprises"]),  # plural, any case
        ("a global production network grows", ["global production network"]),  # longest match wins
        ("global production and production", ["production", "production"]),
        ("the founder of Founder", ["Founder"]),                           # entities match as written
        ("OEM/ODM arrangements and OEMs", ["OEM", "OEMs"]),
        ("non-LIE firms, LIE-based", ["LIE"]),
        ("reproduction productions", ["productions"]),
        ("", []),
    ],
)
def test_matcher_finds(text: str, found: list[str]) -> None:
    assert [text[m.start : m.end] for m in MATCHER.find(text)] == found


def test_trie_pattern_prefers_longest() -> None:
    pattern = re.compile("(?:" + trie_pattern(["ab", "abc", "abcd", "b"]) + r")\b")
    assert pattern.match("abcd").group() == "abcd"
    assert pattern.match("abc").group() == "abc"


def convert(source: str, self_target: tuple[str, str] | None = None) -> tuple[str, LinkContext]:
    context = LinkContext(href_for=lambda target: f"/{target.kind}/{target.id}/", self_target=self_target)

    class Linker(markdown.treeprocessors.Treeprocessor):
        def run(self, root):  # type: ignore[no-untyped-def]
            link_mentions(root, MATCHER, context)

    md = markdown.Markdown(extensions=["attr_list", "fenced_code"])
    md.treeprocessors.register(Linker(md), "linker", 7)
    return md.convert(source), context


def test_first_mention_per_section_only() -> None:
    html, context = convert("An LIE. Another LIE.\n\nA third LIE.\n\n## Next {#next}\n\nAn LIE again.")
    assert html.count('href="/concepts/lie/"') == 2
    assert [heading for _, heading in context.found] == [None, "next"]


@pytest.mark.parametrize(
    "source",
    [
        "# An LIE heading",
        "Some `LIE` code",
        "```\nLIE in a fence\n```",
        "[an LIE link](https://example.org)",
        '<span title="LIE">raw html</span>',
        "    LIE indented code",
    ],
)
def test_never_links_inside(source: str) -> None:
    html, _ = convert(source)
    assert "atlas-mention" not in html


def test_link_carries_tooltip_and_keeps_surrounding_text() -> None:
    html, _ = convert("Before *an LIE inside* after, and OEM at the end.")
    assert html == (
        '<p>Before <em>an <a class="atlas-mention" data-atlas-kind="concepts" href="/concepts/lie/" '
        'title="A firm that organizes innovation.">LIE</a> inside</em> after, and '
        '<a class="atlas-mention" data-atlas-kind="concepts" href="/concepts/oem/" '
        'title="Contract manufacturing.">OEM</a> at the end.</p>'
    )


def test_no_link_to_the_page_itself() -> None:
    html, _ = convert("An LIE and OEM.", self_target=("concepts", "lie"))
    assert "/concepts/lie/" not in html
    assert "/concepts/oem/" in html


def test_tail_text_after_inline_elements_is_linked() -> None:
    html, _ = convert("*emphasis* then an LIE and *more* then OEM")
    assert html.count("atlas-mention") == 2


@pytest.mark.parametrize(
    ("name", "text"),
    [("wzxhzdk", "Before \x02wzxhzdk:0\x03 after wzxhzdk."), ("42", "An escape \x0242\x03 and 42."),
     ("amp", "A \x02amp\x03 and amp."), ("klzzwxh", "Inline \x02klzzwxh:0001\x03 and klzzwxh.")],
)
def test_no_mention_is_found_inside_markdowns_placeholders(name: str, text: str) -> None:
    target = LinkTarget("concepts", "x", name, "t")
    matches = list(TermMatcher({name: target}).find(text))
    assert [text[m.start : m.end] for m in matches] == [name]
    assert matches[0].start > text.index("\x03")


def test_a_page_keeps_its_raw_html_whatever_an_alias_is_spelt_like() -> None:
    target = LinkTarget("concepts", "x", "wzxhzdk", "t")
    context = LinkContext(href_for=lambda found: "../x/")
    md = markdown.Markdown(extensions=["md_in_html"])

    class Linker(markdown.treeprocessors.Treeprocessor):
        def run(self, root):  # type: ignore[no-untyped-def]
            link_mentions(root, TermMatcher({"wzxhzdk": target, "42": target}), context)

    md.treeprocessors.register(Linker(md), "linker", 7)
    html = md.convert('<div class="kept">generated</div>\n\nText with \\* and wzxhzdk.\n\n<!-- atlas:backlinks x -->')
    assert '<div class="kept">generated</div>' in html and "<!-- atlas:backlinks x -->" in html
    assert "\x02" not in html and html.count('href="../x/"') == 1
