"""The command line: check, export, schema and new, as a contributor runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import write_annotations
from upgrading_atlas.__main__ import main
from upgrading_atlas.atlas import build_atlas


def test_check_reports_problems_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_annotations(tmp_path, {"concepts/x.yml": "id: x\n"})
    assert main(["--annotations", str(folder), "check"]) == 1
    err = capsys.readouterr().err
    assert "annotations/concepts/x.yml:2:1: term: this field is required — add `term:` with a value" in err
    assert "problem(s) in" in err


def test_check_passes_on_valid_tree(annotations, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--annotations", str(annotations()), "check"]) == 0
    assert "2 annotation files are valid" in capsys.readouterr().out


def test_export_writes_versioned_json(annotations, tmp_path: Path) -> None:
    output = tmp_path / "atlas.json"
    assert main(["--annotations", str(annotations()), "export", "-o", str(output)]) == 0
    document = json.loads(output.read_text())
    assert document["version"] == "1.1"
    assert [concept["id"] for concept in document["concepts"]] == ["lie"]
    assert document["concepts"][0]["senses"][0]["at"] == {"section": "s1"}


@pytest.mark.parametrize("kind", ["concept", "entity", "crossref", "table"])
def test_new_creates_a_file_that_names_its_schema_and_asks_to_be_filled(
    annotations, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = annotations()
    assert main(["--annotations", str(folder), "new", kind, "fresh-one", "--term", "Fresh one"]) == 0
    [path] = [p for p in folder.rglob("fresh-one.yml")]
    first_line = path.read_text().splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema=../../schema/{path.parent.name}.schema.json"
    problems = [p for p in build_atlas(folder).problems if p.file.endswith("fresh-one.yml")]
    assert problems and all("empty" in p.message or "required" in p.message for p in problems), problems
    assert "created" in capsys.readouterr().out


def test_new_refuses_bad_id_and_existing_file(annotations, capsys: pytest.CaptureFixture[str]) -> None:
    folder = annotations()
    assert main(["--annotations", str(folder), "new", "concept", "Bad Id"]) == 2
    assert main(["--annotations", str(folder), "new", "concept", "lie"]) == 2
    err = capsys.readouterr().err
    assert "is not a valid id" in err and "already exists" in err


def test_schema_check_detects_drift(tmp_path: Path) -> None:
    assert main(["schema", "--output-dir", str(tmp_path)]) == 0
    assert main(["schema", "--output-dir", str(tmp_path), "--check"]) == 0
    (tmp_path / "concepts.schema.json").write_text("{}")
    assert main(["schema", "--output-dir", str(tmp_path), "--check"]) == 1


@pytest.mark.parametrize(
    ("value", "environment", "expected"),
    [
        ("!ENV [ATLAS_TEST_URL, null]", {"ATLAS_TEST_URL": "https://example.org/atlas/"}, "https://example.org/atlas/"),
        ("!ENV [ATLAS_TEST_URL, null]", {}, None),
        ("!ENV [ATLAS_TEST_URL, null]", {"ATLAS_TEST_URL": ""}, None),
        ("!ENV [ATLAS_TEST_URL, ATLAS_OTHER_URL, https://default.org/]", {"ATLAS_OTHER_URL": "https://b.org/"},
         "https://b.org/"),
        ("!ENV [ATLAS_TEST_URL, https://default.org/]", {}, "https://default.org/"),
        ("!ENV ATLAS_TEST_URL", {"ATLAS_TEST_URL": "https://a.org/"}, "https://a.org/"),
    ],
)
def test_the_configuration_reads_the_site_address_from_the_environment_as_mkdocs_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, environment: dict[str, str], expected: str | None
) -> None:
    """The deploy workflow sets ATLAS_SITE_URL; staging for Zensical must see what MkDocs sees."""
    from upgrading_atlas.stage.config import read_site_config, zensical_config

    for name in ("ATLAS_TEST_URL", "ATLAS_OTHER_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, setting in environment.items():
        monkeypatch.setenv(name, setting)
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(f"site_name: X\nsite_url: {value}\n", encoding="utf-8")
    config = read_site_config(config_file)
    assert config["site_url"] == expected
    derived = zensical_config(config, tmp_path, tmp_path, tmp_path / "docs", tmp_path / "site", watch=[])
    assert derived["site_url"] == expected
