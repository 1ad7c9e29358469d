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
        ("<a@b.org>", "<p>&lt;a@b.org&gt;</p>"),
        # escaped once: a code span shows what was written, and so does text with & or <
        ("`a < b && c`", "<p><code>a &lt; b &amp;&amp; c</code></p>"),
        ("`&lt;` is how HTML writes <", "<p><code>&amp;lt;</code> is how HTML writes &lt;</p>"),
        ("AT&T & He and Wang", "<p>AT&amp;T &amp; He and Wang</p>"),
        # found by the fuzzer: Markdown keeps anything shaped like a reference, valid or not
        ("Text &0; &nosuch; &#1; &#x110000; &copy;", "<p>Text &amp;0; &amp;nosuch; &amp;#1; &amp;#x110000; &copy;</p>"),
        ("[x](https://a.org/?a=1&b=2)", '<p><a href="https://a.org/?a=1&amp;b=2">x</a></p>'),
        # quotes are in the allowed subset, and render
        ("> quoted\n> twice", "<blockquote>\n<p>quoted\ntwice</p>\n</blockquote>"),
        # the browser reads a backslash as a slash, and decodes references in attributes
        ("[a](/\\evil.example)", "<p><span>a</span></p>"),
        ("[a](\\\\evil.example)", "<p><span>a</span></p>"),
        ("[a](/&#92;evil.example)", "<p><span>a</span></p>"),
        ("[a](&#106;avascript:alert(1))", "<p><span>a</span></p>"),
        ("[a](&#x2F;/evil.example)", "<p><span>a</span></p>"),
        # Markdown's own placeholders cannot be forged: control characters are dropped
        ("\x02wzxhzdk:0\x03 and \x0242\x03", "<p>wzxhzdk:0 and 42</p>"),
        ('[t](https://example.org "title")', '<p><a href="https://example.org" title="title">t</a></p>'),
    ],
)
def test_untrusted_markdown(text: str, html: str) -> None:
    assert str(RENDER.block(text)) == html


@pytest.mark.parametrize(
    ("href", "safe"),
    [("https://a.org", True), ("http://a.org", True), ("../x/", True), ("#anchor", True), ("page.md", True),
     ("javascript:alert(1)", False), ("vbscript:x", False), ("mailto:a@b", False), ("//evil", False),
     (" javascript:x", False), ("data:x", False), ("/\\evil.example", False), ("\\\\evil.example", False),
     ("https:\\\\evil.example", False), ("/\t/evil.example", False), ("/\n/evil.example", False),
     ("/&#92;evil", False), ("&#47;/evil", False), ("java&#x09;script:x", False), ("&#106;avascript:x", False),
     ("https://a.org/?a=1&amp;b=2", True)],
)
def test_is_safe_href(href: str, safe: bool) -> None:
    assert is_safe_href(href) is safe


def test_inline_drops_paragraph() -> None:
    assert str(RENDER.inline("*a*")) == "<em>a</em>"


def test_prose_beyond_the_budget_is_shown_as_plain_text() -> None:
    # validation refuses such text with its location; the renderer still never hands it to Markdown
    assert str(RENDER.block("- " * 3000 + "x")).startswith("<p>- - - ")
    assert str(RENDER.block("[" * 20_000)) == "<p>" + "[" * 20_000 + "</p>"
    assert str(RENDER.block("<b>" + "[" * 31 + "\n\nnext")) == "<p>&lt;b&gt;" + "[" * 31 + "</p>\n<p>next</p>"


def test_text_markdown_cannot_render_whole_is_shown_as_written() -> None:
    # found by the fuzzer: Python-Markdown left an inline placeholder (\x02klzzwxh:0000\x03) in its output
    assert str(RENDER.block("Text ***_*_*_*_*_*_*_\\[_")) == "<p>Text ***_*_*_*_*_*_*_\\[_</p>"
