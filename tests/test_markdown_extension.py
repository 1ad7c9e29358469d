"""The Markdown extension loaded by name, as Zensical (and MkDocs without the hook) load it: it reads
the names to link from the staged export, once per version of the export."""

from __future__ import annotations

from pathlib import Path

import markdown

from upgrading_atlas.atlas import build_atlas
from upgrading_atlas.link.markdown_extension import matcher_from_export, page_marker
from upgrading_atlas.stage.export import export_json

EXTENSION = "upgrading_atlas.link.markdown_extension"


def write_export(annotations: Path, export: Path) -> Path:
    atlas = build_atlas(annotations)
    assert atlas.problems == []
    export.write_text(export_json(atlas.index), encoding="utf-8")
    return export


def convert(export: Path, text: str) -> str:
    """``text`` converted as a builder converts a staged page: a new Markdown instance and extension,
    loaded by name, for each page."""
    md = markdown.Markdown(extensions=[EXTENSION], extension_configs={EXTENSION: {"export": str(export)}})
    return md.convert(page_marker("papers/alpha.md") + "\n" + text)


def test_an_extension_loaded_by_name_links_mentions_from_the_export(annotations, tmp_path: Path) -> None:
    export = write_export(annotations(), tmp_path / "atlas.json")
    html = convert(export, "An LIE organizes its suppliers.")
    assert 'href="../concepts/lie.md"' in html, html


def test_pages_share_one_reading_of_an_unchanged_export(annotations, tmp_path: Path) -> None:
    export = write_export(annotations(), tmp_path / "atlas.json")
    assert matcher_from_export(export) is matcher_from_export(export)


def test_a_rewritten_export_is_read_again(annotations, tmp_path: Path) -> None:
    folder = annotations()
    export = write_export(folder, tmp_path / "atlas.json")
    assert "atlas-mention" not in convert(export, "A Network of firms.")
    concept = folder / "concepts" / "lie.yml"
    concept.write_text(concept.read_text().replace("aliases: [LIE, LIEs]", "aliases: [LIE, LIEs, Network]"))
    write_export(folder, export)
    assert "atlas-mention" in convert(export, "A Network of firms.")
