"""The JSON Schemas in schema/ are the model's, and every annotation file passes them."""

from __future__ import annotations

import json

import jsonschema
import pytest

from conftest import ROOT
from upgrading_atlas.load.records import SCHEMA_LINE_PREFIX, annotation_files
from upgrading_atlas.load.yaml_source import parse_yaml
from upgrading_atlas.stage.export import json_schemas


@pytest.mark.parametrize(("name", "text"), sorted(json_schemas().items()))
def test_schema_file_matches_model(name: str, text: str) -> None:
    path = ROOT / "schema" / name
    assert path.exists(), f"{path} is missing — run `make schema`"
    assert path.read_text(encoding="utf-8") == text, f"{path} differs from the model — run `make schema`"


def test_schema_files_are_valid_json_schema() -> None:
    for path in (ROOT / "schema").glob("*.schema.json"):
        jsonschema.Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


def test_every_annotation_passes_its_schema_and_names_it() -> None:
    files = annotation_files(ROOT / "annotations")
    assert files
    for path in files:
        kind = path.parent.name
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        assert first_line == f"{SCHEMA_LINE_PREFIX}../../schema/{kind}.schema.json", path
        schema = json.loads((ROOT / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        jsonschema.validate(parse_yaml(path.read_bytes()).data, schema)


def test_schema_describes_fields_for_contributors() -> None:
    schema = json.loads((ROOT / "schema" / "concepts.schema.json").read_text(encoding="utf-8"))
    assert "60 words" in schema["properties"]["definition"]["description"]
    assert "senses" in schema["required"]
