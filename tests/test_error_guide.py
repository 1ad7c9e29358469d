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
    """The file is written exactly as the guide shows it, schema line included, so that the line
    numbers of the message are the lines a reader counts in the example."""
    schema_line = SCHEMA_LINE.format(kind=file.split("/")[0])
    assert text.startswith(schema_line), f"the example of {file} does not show its first line: {schema_line}"
    folder = tmp_path / "annotations"
    shutil.copytree(ROOT / "annotations", folder)
    path = folder / file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    problems = [str(problem) for problem in build_atlas(folder, ROOT / "docs").problems]
    # a message ending in "…" is shown up to there: the rest lists the real papers' section ids
    matches = [problem for problem in problems
               if problem == message or (message.endswith("…") and problem.startswith(message.removesuffix("…")))]
    assert matches, "\n".join(problems)


def test_the_format_guide_explains_every_role_as_pages_show_it() -> None:
    """Contributors choose a role from the guide; readers see its words: the two must agree."""
    from upgrading_atlas.stage.kit import ROLE_WORDS

    guide = (ROOT / "docs" / "contribute" / "annotation-format.md").read_text(encoding="utf-8")
    for role, (label, meaning) in ROLE_WORDS.items():
        assert f"| `{role}` | {label} | {meaning} |" in guide, role
