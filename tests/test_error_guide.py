"""Every example in the contributor guide's error catalogue produces the message the guide shows."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from upgrading_atlas.atlas import build_atlas

GUIDE = ROOT / "docs" / "contribute" / "errors.md"
EXAMPLE = re.compile(
    r'```yaml title="annotations/(?P<file>[^"]+)"\n(?P<yaml>.*?)```\s*\n+'
    r'```text title="Message"\n(?P<message>.*?)\n```',
    re.DOTALL,
)
SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/{kind}.schema.json\n"


def examples() -> list[tuple[str, str, str]]:
    found = [(m["file"], m["yaml"], m["message"].strip()) for m in EXAMPLE.finditer(GUIDE.read_text())]
    assert len(found) >= 15, "the error catalogue lost its examples"
    return found


@pytest.mark.parametrize(("file", "text", "message"), examples(), ids=lambda value: str(value)[:40])
def test_example_gives_its_message(tmp_path: Path, file: str, text: str, message: str) -> None:
    folder = tmp_path / "annotations"
    shutil.copytree(ROOT / "annotations", folder)
    path = folder / file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SCHEMA_LINE.format(kind=file.split("/")[0]) + text, encoding="utf-8")
    problems = [str(problem) for problem in build_atlas(folder, ROOT / "docs").problems]
    assert any(problem.startswith(message.rstrip("…")) for problem in problems), "\n".join(problems)
