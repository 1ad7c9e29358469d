"""Contributors' prose converted once for every page that shows it: the links written relative to
each page are those a conversion for that page alone would write."""

from __future__ import annotations

import pytest

from upgrading_atlas.atlas import build_atlas
from upgrading_atlas.link.linker import link_mentions
from upgrading_atlas.link.safe_text import SafeMarkdown
from upgrading_atlas.link.urls import UrlScheme
from upgrading_atlas.stage.kit import PageKit
from upgrading_atlas.stage.memo import Memo, RootedProse

TEXT = "A LIE organizes its suppliers; see [the source](https://example.org/a?b=1&c=2)."
PAGES = [("index.md", None), ("compare/alpha-and-beta.md", None), ("concepts/lie.md", ("concepts", "lie")),
         ("concepts/other.md", ("concepts", "other"))]


def _kit(annotations, urls: UrlScheme) -> PageKit:
    atlas = build_atlas(annotations())
    assert atlas.problems == []
    memo: Memo = Memo()
    memo.start(atlas.index.names)
    return PageKit(atlas.index, urls, prose=memo)


def _alone(kit: PageKit, source: str, self_target: tuple[str, str] | None, text: str) -> tuple[str, list]:
    """The text converted for one page, with no memo."""
    context = kit.link_context(source, self_target)
    html = SafeMarkdown(link=lambda root: link_mentions(root, kit.matcher, context)).block(text)
    return str(html), context.found


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize(("source", "self_target"), PAGES)
def test_each_page_gets_the_links_a_conversion_of_its_own_would_write(
    annotations, directory_urls: bool, source: str, self_target: tuple[str, str] | None
) -> None:
    kit = _kit(annotations, UrlScheme(directory_urls))
    for warm_up, target in PAGES:  # the text converted for other pages first, so this page reuses it
        kit.safe_markdown(kit.link_context(warm_up, target), warm_up).block(TEXT)
    context = kit.link_context(source, self_target)
    html = kit.safe_markdown(context, source).block(TEXT)
    expected_html, expected_found = _alone(kit, source, self_target, TEXT)
    assert str(html) == expected_html
    assert context.found == expected_found


def test_a_text_is_converted_once_for_all_pages_that_are_not_its_subject(
    annotations, monkeypatch: pytest.MonkeyPatch
) -> None:
    kit = _kit(annotations, UrlScheme())
    conversions: list[str] = []
    convert = RootedProse.convert

    def counted(self: RootedProse, method: str, text: str, self_target: tuple[str, str] | None):
        conversions.append(text)
        return convert(self, method, text, self_target)

    monkeypatch.setattr(RootedProse, "convert", counted)
    for source in ("index.md", "compare/alpha-and-beta.md", "entities/x.md"):
        html = kit.safe_markdown(kit.link_context(source), source).block(TEXT)
        assert "atlas-root-" not in html
    assert conversions == [TEXT]


def test_a_link_spelled_like_the_engines_marker_is_left_as_written(annotations) -> None:
    kit = _kit(annotations, UrlScheme())
    text = "See [this](atlas-root-0123456789abcdef/concepts/lie/)."
    html = kit.safe_markdown(kit.link_context("compare/alpha-and-beta.md"), "compare/alpha-and-beta.md").block(text)
    assert 'href="atlas-root-0123456789abcdef/concepts/lie/"' in html
