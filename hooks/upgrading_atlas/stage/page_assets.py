"""Which of the atlas's scripts and stylesheets a page loads: only those it uses.

Beyond the two scripts and the stylesheet every page has, a script or stylesheet in ``assets/``
(``atlas-<name>.js``, ``atlas-<name>.css``) loads only on a page whose text holds what it works
on. Staging names them in the page's front matter; ``overrides/main.html`` adds the tags.
"""

from __future__ import annotations

import json

PAGE_SCRIPTS = {
    "tables": 'class="atlas-table__choose"',
    "sections": 'class="atlas-sections"',
    "cite": "data-atlas-copy=",
    "map": 'class="atlas-map',
    "path": 'class="atlas-citation"',
    "section": "\natlas_breadcrumb: ",
}
"""Scripts in ``assets/`` (``atlas-<name>.js``) that a page loads only if it holds what they work on."""
PAGE_STYLES = {
    "map": 'class="atlas-map',
}
"""Stylesheets in ``assets/`` (``atlas-<name>.css``) that a page loads only if it holds what they style."""


def with_page_assets(text: str) -> str:
    """The page with the scripts and stylesheets it needs named in its front matter (``atlas_scripts``,
    ``atlas_styles``, read by ``overrides/main.html``)."""
    lines = ""
    for key, needles in (("atlas_scripts", PAGE_SCRIPTS), ("atlas_styles", PAGE_STYLES)):
        names = [name for name, needle in needles.items() if needle in text]
        if names:
            lines += f"{key}: " + json.dumps(names) + "\n"
    if not lines:
        return text
    if text.startswith("---\n"):
        return "---\n" + lines + text[4:]
    return "---\n" + lines + "---\n" + text
