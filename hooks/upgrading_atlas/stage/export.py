"""The annotations as data for other tools: one JSON document, and the JSON Schemas of the files."""

from __future__ import annotations

import functools
import json
from typing import Any

from ..index.atlas_index import AtlasIndex
from ..model import KIND_MODELS

EXPORT_VERSION = "1.2"
"""Version of the export's shape. A change that removes or renames a field raises the major number."""



def export_document(index: AtlasIndex) -> dict[str, Any]:
    """Every record, by kind, in a stable order, as plain JSON data."""
    document: dict[str, Any] = {"version": EXPORT_VERSION}
    for kind in KIND_MODELS:
        records = getattr(index, kind)
        document[kind] = [
            records[key].model_dump(mode="json", exclude_none=True, warnings=False) for key in sorted(records)
        ]
    return document


def export_json(index: AtlasIndex) -> str:
    """The export document as JSON text, stable from build to build."""
    return json.dumps(export_document(index), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@functools.cache
def json_schemas() -> dict[str, str]:
    """The JSON Schema of each kind of file, by file name (``concepts.schema.json``)."""
    schemas = {}
    for kind, model in KIND_MODELS.items():
        schema = model.model_json_schema()
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
        schemas[f"{kind}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return schemas
