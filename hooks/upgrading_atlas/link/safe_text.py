"""Render contributors' text as HTML that can add no element, attribute or script of its own.

Annotation text is Markdown in a safe subset: paragraphs, emphasis, code, lists, quotes and links
whose target is http(s) or relative. Markdown's raw-HTML, entity and autolink handling is switched
off, so ``<`` and ``&`` reach the output as text, escaped once (by Markdown's serializer); no
extension that writes attributes is enabled, and a final pass keeps only the elements and
attributes listed here. Names (terms, titles) written into a Markdown line of a generated page go
through ``markdown_text`` instead, which leaves Markdown nothing to read as syntax.
"""

from __future__ import annotations

import html
import html.entities
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from ..markdown_budget import within_budget

ALLOWED = {
    "p": set(), "em": set(), "strong": set(), "code": set(), "ul": set(), "ol": set(), "li": set(),
    "a": {"href", "title", "class", "data-atlas-kind"}, "br": set(), "blockquote": set(),
}
_SAFE_HREF = re.compile(r"^(https?://|#|\.{0,2}/|[a-z0-9][\w\-./]*(#[\w\-]*)?$)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*:", re.IGNORECASE)
_UNSAFE_IN_HREF = re.compile(r"[\\\s\x00-\x1f\x7f]")
"""Browsers read a backslash as a slash (``/\\evil.example`` is ``//evil.example``, another site)
and drop tabs and line breaks from a URL; no link of ours needs either."""

_BACKSLASH_ESCAPABLE = frozenset("\\`*_{}[]()#+-.!")
"""What Python-Markdown (and CommonMark) read back from a backslash escape as the character itself."""


def is_safe_href(href: str) -> bool:
    """Links may only be http(s) or relative (no javascript:, data:, mailto:, //host, /\\host ...).
    The browser decodes character references in an attribute, so the decoded link is checked too."""
    href = href.strip()
    decoded = html.unescape(href)
    if _UNSAFE_IN_HREF.search(href) or _UNSAFE_IN_HREF.search(decoded):
        return False
    if _SCHEME.match(decoded):
        return decoded.lower().startswith(("http://", "https://"))
    return bool(_SAFE_HREF.match(decoded)) and not decoded.startswith("//")


def markdown_text(text: str) -> Markup:
    """``text`` for a line of Markdown (``# {{ term | markdown_text }}``), where no character of it
    acts as syntax: what Markdown can unescape is backslash-escaped (a heading's id is made from the
    text as shown, so ``Know-how`` keeps ``know-how``), ``& < > " '`` become HTML references, and any
    other ASCII punctuation that extensions may read (``~~``, ``==``, ``:emoji:``, ``1/2``, ``@name``)
    a numeric character reference; only ``, ; ? %`` stay as they are. The text is escaped once: a
    reader sees it exactly as written."""
    pieces = []
    for char in text:
        if char in "&<>\"'":
            pieces.append(html.escape(char))
        elif char in _BACKSLASH_ESCAPABLE:
            pieces.append("\\" + char)
        elif char.isascii() and not char.isalnum() and not char.isspace() and char not in ",;?%":
            pieces.append(f"&#{ord(char)};")
        else:
            pieces.append(char)
    return Markup("".join(pieces))  # noqa: S704 - every character that could act is escaped above


_REFERENCE = re.compile(r"&(#[0-9]{1,8};|#[xX][0-9a-fA-F]{1,8};|[A-Za-z0-9]{1,32};)?")


def _escape_stray_ampersands(html_text: str) -> str:
    """Markdown keeps anything shaped like a character reference (``&0;``, ``&nosuch;``, ``&#1;``) as
    it is; only a reference a browser reads as a visible character stays one, any other ``&`` is
    written ``&amp;``, so the reader sees the text as written and the output stays well formed."""

    def keep_or_escape(found: re.Match[str]) -> str:
        reference = found.group(1)
        if reference is None:
            return "&amp;"
        if reference.startswith("#"):
            code = int(reference[2:-1], 16) if reference[1] in "xX" else int(reference[1:-1])
            valid = code <= 0x10FFFF and (chr(code).isprintable() or chr(code) in "\t\n")
        else:
            valid = reference in html.entities.html5
        return found.group() if valid else "&amp;" + reference

    return _REFERENCE.sub(keep_or_escape, html_text)


class _Sanitizer(Treeprocessor):
    """Drop what is not allowed: unknown elements become their text, unsafe links lose their href."""

    def __init__(self, md: markdown.Markdown, after: Callable[[etree.Element], None] | None):
        super().__init__(md)
        self.after = after

    def run(self, root: etree.Element) -> None:
        if self.after:
            self.after(root)
        for element in root.iter():
            if element is root:
                continue
            if element.tag not in ALLOWED:
                element.tag = "span"
                element.attrib.clear()
                continue
            for name in list(element.attrib):
                if name not in ALLOWED[element.tag]:
                    del element.attrib[name]
            if element.tag == "a" and not is_safe_href(element.get("href", "")):
                element.tag = "span"
                element.attrib.clear()


class SafeMarkdown:
    """Renders untrusted Markdown to safe HTML; ``link`` may add mention links to the tree."""

    def __init__(self, link: Callable[[etree.Element], None] | None = None):
        self._md = markdown.Markdown(extensions=[], output_format="xhtml")
        self._md.treeprocessors.register(_Sanitizer(self._md, link), "atlas_sanitize", 1)
        # Markdown's own raw-HTML handling is switched off, so "<" and "&" stay text, and so are
        # autolinks (<https://...>, <a@b.org>): links are written [text](target)
        self._md.preprocessors.deregister("html_block")
        for pattern in ("html", "entity", "autolink", "automail"):
            self._md.inlinePatterns.deregister(pattern)

    def block(self, text: str) -> Markup:
        """Render paragraphs and lists. Text beyond the Markdown budget (which validation refuses,
        with its location), or that Python-Markdown cannot render whole, is shown as plain
        paragraphs, as written."""
        self._md.reset()
        # control characters have no place in prose (validation refuses them), break XML tools and
        # would forge Markdown's own placeholders (\x02wzxhzdk:0\x03)
        text = _CONTROL.sub("", text)
        if within_budget(text):
            try:
                rendered = self._md.convert(text)
            except RecursionError:
                rendered = ""
            # Python-Markdown leaves a placeholder unresolved in rare nestings of emphasis and escapes
            # ("***_*_*_\\[_", found by the fuzzer): the text it stood for would be lost
            if rendered and not _CONTROL.search(rendered):
                return Markup(_escape_stray_ampersands(rendered))  # noqa: S704 - sanitized above
            self._md.reset()
        return Markup("\n").join(Markup("<p>{}</p>").format(paragraph.strip()) for paragraph in text.split("\n\n"))

    def inline(self, text: str) -> Markup:
        """Render one paragraph without its <p> wrapper."""
        rendered = self.block(text)
        if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
            return Markup(rendered[3:-4])  # noqa: S704
        return rendered
