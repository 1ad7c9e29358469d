"""The templates of ``make new``: nothing in them can be published before it is filled in, and every
field left empty is reported once, at its own line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT
from upgrading_atlas.atlas import build_atlas
from upgrading_atlas.problems import field_path
from upgrading_atlas.scaffold import new_annotation

KINDS = ["concept", "entity", "crossref", "table"]
NAMED_BY_ID = {"id", "term", "name", "title"}
"""Fields the template fills from the id: a real, if provisional, value."""


def leaves(data: Any, path: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], Any]]:
    """Every value of a file that is not a mapping or a non-empty list, with its path."""
    if isinstance(data, dict):
        return [found for key, value in data.items() for found in leaves(value, (*path, key))]
    if isinstance(data, list) and data:
        return [found for index, value in enumerate(data) for found in leaves(value, (*path, index))]
    return [(path, data)]


@pytest.fixture
def scaffolded(annotations, request: pytest.FixtureRequest) -> tuple[Path, Path]:
    folder = annotations()
    return folder, new_annotation(folder, request.param, "fresh-one")


@pytest.mark.parametrize("scaffolded", KINDS, indirect=True)
def test_a_template_holds_no_text_that_could_be_published(scaffolded: tuple[Path, Path]) -> None:
    _, path = scaffolded
    written = [(field_path(where), value) for where, value in leaves(yaml.safe_load(path.read_text()))
               if value not in (None, []) and where[-1] not in NAMED_BY_ID]
    assert written == []


@pytest.mark.parametrize("scaffolded", KINDS, indirect=True)
def test_every_empty_field_of_a_template_is_reported_once_at_its_line(scaffolded: tuple[Path, Path]) -> None:
    folder, path = scaffolded
    lines = path.read_text().splitlines()
    empty = {field_path(where) for where, value in leaves(yaml.safe_load(path.read_text())) if value is None}
    atlas = build_atlas(folder)
    problems = [problem for problem in atlas.problems if problem.file.endswith(f"/{path.name}")]
    assert sorted(problem.field for problem in problems) == sorted(empty)
    for problem in problems:
        assert problem.message == "this field is empty"
        key = str(problem.field).rsplit(".", 1)[-1].split("[")[0]
        assert f"{key}:" in lines[problem.line - 1], (problem, lines[problem.line - 1])
    assert not any(item.source.file.endswith(f"/{path.name}") for item in atlas.records), "an unfilled record loaded"


def test_the_guides_example_ids_are_placeholders() -> None:
    """``make new`` in the guide must work as written: its examples use ``my-…`` ids, which name no
    record of the atlas. (The test cannot look for the file itself: a contributor who follows the
    guide to the letter creates it.)"""
    pages = [ROOT / "CONTRIBUTING.md", ROOT / "README.md", *(ROOT / "docs" / "contribute").glob("*.md")]
    examples = {record_id for page in pages
                for record_id in re.findall(r"make new KIND=\w+ ID=([a-z0-9-]+)", page.read_text())}
    assert examples
    assert [record_id for record_id in examples if not record_id.startswith("my-")] == []
