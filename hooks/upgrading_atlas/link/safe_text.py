"""Render contributors' text as HTML that can add no element, attribute or script of its own.

Annotation text is Markdown in a safe subset: paragraphs, emphasis, code, lists and links whose
target is http(s) or relative. Raw HTML is escaped before Markdown sees it, no extension that
writes attributes is enabled, and a final pass keeps only the elements and attributes listed here.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

ALLOWED = {
    "p": set(), "em": set(), "strong": set(), "code": set(), "ul": set(), "ol": set(), "li": set(),
    "a": {"href", "title", "class", "data-atlas-kind"}, "br": set(), "blockquote": set(),
}
_SAFE_HREF = re.compile(r"^(https?://|#|\.{0,2}/|[a-z0-9][\w\-./]*(#[\w\-]*)?$)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*:", re.IGNORECASE)


def is_safe_href(href: str) -> bool:
    """Links may only be http(s) or relative (no javascript:, data:, mailto: ...)."""
    href = href.strip()
    if _SCHEME.match(href):
        return href.lower().startswith(("http://", "https://"))
    return bool(_SAFE_HREF.match(href)) and not href.startswith("//")


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
        # Markdown's own raw-HTML handling is switched off: the text is escaped before parsing
        self._md.preprocessors.deregister("html_block")
        self._md.inlinePatterns.deregister("html")
        self._md.inlinePatterns.deregister("entity")

    def block(self, text: str) -> Markup:
        """Render paragraphs and lists."""
        self._md.reset()
        text = _CONTROL.sub("", text)  # control characters have no place in prose, and break XML tools
        return Markup(self._md.convert(html.escape(text, quote=False)))  # noqa: S704 - sanitized above

    def inline(self, text: str) -> Markup:
        """Render one paragraph without its <p> wrapper."""
        rendered = self.block(text)
        if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
            return Markup(rendered[3:-4])  # noqa: S704
        return rendered
