"""Create a new annotation file from a template: the right folder, id and schema line."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2

from .model import ID_PATTERN, KIND_MODELS

KIND_ALIASES = {"concept": "concepts", "entity": "entities", "crossref": "crossrefs", "cross-reference": "crossrefs",
                "table": "tables"}


class ScaffoldError(ValueError):
    """The file cannot be created as asked."""


def new_annotation(annotations_dir: Path, kind: str, record_id: str, term: str | None = None) -> Path:
    """Write ``annotations/<kind>/<id>.yml`` from its template and return its path."""
    folder = KIND_ALIASES.get(kind, kind)
    if folder not in KIND_MODELS or folder == "papers":
        raise ScaffoldError(f"unknown kind {kind!r} — use one of: concept, entity, crossref, table")
    if not re.match(ID_PATTERN, record_id):
        raise ScaffoldError(
            f"{record_id!r} is not a valid id"
            " — use lower-case letters, digits and single hyphens, such as global-factory"
        )
    path = annotations_dir / folder / f"{record_id}.yml"
    if path.exists():
        raise ScaffoldError(f"{path} already exists — choose another id, or edit that file")
    papers = sorted(p.stem for p in (annotations_dir / "papers").glob("*.yml")) or ["(no paper yet)"]
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("upgrading_atlas", "templates/scaffold"),
        keep_trailing_newline=True,
        autoescape=False,  # noqa: S701 - the output is YAML, not HTML
    )
    text = env.get_template(f"{folder}.yml.j2").render(
        id=record_id, term=term or record_id.replace("-", " ").capitalize(), papers=" | ".join(papers)
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
