"""Contributors' text cannot add an element, attribute or script to a page."""

from __future__ import annotations

import pytest

from upgrading_atlas.link.safe_text import SafeMarkdown, is_safe_href

RENDER = SafeMarkdown()


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ('<img src=x onerror="alert(1)">', "<p>&lt;img src=x onerror=\"alert(1)\"&gt;</p>"),
        ("[x](javascript:alert(1))", "<p><span>x</span></p>"),
        ("[x](JaVaScRiPt:alert(1))", "<p><span>x</span></p>"),
        ("[x](data:text/html,hi)", "<p><span>x</span></p>"),
        ("[x](//evil.example/)", "<p><span>x</span></p>"),
        ("![pixel](https://tracker.example/p.png)", "<p><span></span></p>"),
        ("*em* and **strong** and `code`", "<p><em>em</em> and <strong>strong</strong> and <code>code</code></p>"),
        ("[ok](https://example.org/a)", '<p><a href="https://example.org/a">ok</a></p>'),
        ("[rel](../papers/chen/#s4)", '<p><a href="../papers/chen/#s4">rel</a></p>'),
        ("Para {: onclick=alert(1) }", "<p>Para {: onclick=alert(1) }</p>"),
        ("<http://example.org>", "<p>&lt;http://example.org&gt;</p>"),
        ('[t](https://example.org "title")', '<p><a href="https://example.org" title="title">t</a></p>'),
    ],
)
def test_untrusted_markdown(text: str, html: str) -> None:
    assert str(RENDER.block(text)) == html


@pytest.mark.parametrize(
    ("href", "safe"),
    [("https://a.org", True), ("http://a.org", True), ("../x/", True), ("#anchor", True), ("page.md", True),
     ("javascript:alert(1)", False), ("vbscript:x", False), ("mailto:a@b", False), ("//evil", False),
     (" javascript:x", False), ("data:x", False)],
)
def test_is_safe_href(href: str, safe: bool) -> None:
    assert is_safe_href(href) is safe


def test_inline_drops_paragraph() -> None:
    assert str(RENDER.inline("*a*")) == "<em>a</em>"
