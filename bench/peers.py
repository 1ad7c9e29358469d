"""Two variants of a synthetic site for comparing our hooks with a peer plugin on the same pages.

- ``static``: every page the hook would generate is written out as a plain Markdown file, and the
  markers of hand-written pages are expanded in advance; built with no hooks and no plugin but
  search. It has the same pages as the build with hooks, with no work left for an engine: the
  difference to the build with hooks is the engine's own cost.
- ``autorefs``: the static site, with the first mention of each concept or entity per section of
  the paper pages written as an explicit cross-reference (``[text][atlas-concepts-lie]``) and
  resolved by mkdocs-autorefs (already installed, as a dependency of mkdocstrings). autorefs does
  the link-resolving part of our job; it does not find mentions (an author writes each reference by
  hand), and it records backlinks only when another plugin asks it to, so here it builds none.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from upgrading_atlas import TermMatcher, UrlScheme, build_atlas  # noqa: E402 - the path is set just above

HOOKS_BLOCK = re.compile(r"^hooks:[^\n]*\n(?:(?:[ \t]+[^\n]*|[ \t]*)\n)*", re.MULTILINE)
PLUGINS_SEARCH = "plugins:\n  - search\n"
AUTOREFS_PLUGINS = "plugins:\n  - search\n  - autorefs\n"
_HEADING = re.compile(r"^(#{1,6}) (.+?)\s*$", re.MULTILINE)


def without_hooks(config: str) -> str:
    """The text of a MkDocs config with its top-level ``hooks:`` entry removed."""
    text, count = HOOKS_BLOCK.subn("", config)
    if count != 1:
        raise ValueError(f"expected one top-level `hooks:` entry in the config, found {count}")
    return text


def anchor(kind: str, record_id: str) -> str:
    """The identifier of a concept's or entity's page, for autorefs."""
    return f"atlas-{kind}-{record_id}"


def write_variants(site: Path, work: Path) -> dict[str, Path]:
    """Write the static and the autorefs variant of ``site`` under ``work``; their config files."""
    atlas = build_atlas(site / "annotations")
    if atlas.problems:
        raise ValueError(f"{site}: the annotations have problems; first: {atlas.problems[0]}")
    renderer = atlas.renderer(UrlScheme(True))
    config = without_hooks((site / "mkdocs.yml").read_text(encoding="utf-8"))
    if PLUGINS_SEARCH not in config:
        raise ValueError(f"{site}: expected a plugins list with search only")
    hand_written = {
        path.relative_to(site / "docs").as_posix(): path.read_text(encoding="utf-8")
        for path in sorted((site / "docs").rglob("*.md"))
    }
    static: dict[str, str] = {source: renderer.expand_markers(text, source) for source, text in hand_written.items()}
    for page in renderer.pages():
        text = page.markdown
        kind, _, name = page.source.partition("/")
        if kind in {"concepts", "entities"} and name != "index.md":
            # an explicit id on the title, for autorefs to find the page by
            title_id = anchor(kind, name.removesuffix(".md"))
            text = _HEADING.sub(lambda m, title_id=title_id: f"{m[1]} {m[2]} {{#{title_id}}}", text, count=1)
        static[page.source] = text
    matcher = TermMatcher(atlas.index.names)
    references = {source: _with_references(text, matcher) if source.startswith("papers/") else text
                  for source, text in static.items()}
    configs = {}
    for variant, pages, plugins in (("static", static, PLUGINS_SEARCH), ("autorefs", references, AUTOREFS_PLUGINS)):
        folder = work / f"{site.name}-{variant}"
        shutil.rmtree(folder, ignore_errors=True)
        for source, text in pages.items():
            path = folder / "docs" / source
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        (folder / "mkdocs.yml").write_text(config.replace(PLUGINS_SEARCH, plugins), encoding="utf-8")
        configs[variant] = folder / "mkdocs.yml"
    return configs


def count_references(config: Path) -> int:
    """How many explicit cross-references the pages of a variant hold."""
    return sum(len(re.findall(r"\]\[atlas-", path.read_text(encoding="utf-8")))
               for path in (config.parent / "docs").rglob("*.md"))


def _with_references(markdown: str, matcher: TermMatcher) -> str:
    """Mark the first mention of each target per section of prose as an autorefs reference.

    Only plain prose lines are touched: not headings, front matter, markers, lists of links, tables
    or the no-link syntax, which is what our linker skips on these generated pages too.
    """
    lines = markdown.split("\n")
    linked: set[tuple[str, str]] = set()
    in_front_matter = lines[:1] == ["---"]
    for number, line in enumerate(lines):
        if in_front_matter:
            in_front_matter = not (number > 0 and line == "---")
            continue
        if line.startswith("#"):
            linked.clear()
            continue
        if not line or line.startswith(("<", "|", "!!!", "[^")) or "](" in line or "{!" in line:
            continue
        pieces: list[str] = []
        cursor = 0
        for match in matcher.find(line):
            key = (match.target.kind, match.target.id)
            if key in linked:
                continue
            linked.add(key)
            pieces += [line[cursor : match.start],
                       f"[{line[match.start : match.end]}][{anchor(match.target.kind, match.target.id)}]"]
            cursor = match.end
        lines[number] = "".join(pieces) + line[cursor:]
    return "\n".join(lines)
