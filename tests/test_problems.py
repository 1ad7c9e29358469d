"""A problem prints as one line a terminal shows as it is, whatever the file, key or value held."""

from __future__ import annotations

import pytest

from upgrading_atlas.problems import Problem


@pytest.mark.parametrize(
    ("field", "message", "shown"),
    [("x\r\n2025-01-01 check passed", "m", "x\\x0d\\x0a2025-01-01 check passed"),
     ("\x1b]0;owned\x07", "m", "\\x1b]0;owned\\x07"),
     ("a", "it is \u202eevil", "it is \\u202eevil"),
     ("a", "line\u2028separator", "line\\u2028separator"),
     ("联想", "Ｌｅｎｏｖｏ é", "Ｌｅｎｏｖｏ é")],
)
def test_problems_are_printed_escaped(field: str, message: str, shown: str) -> None:
    line = str(Problem("annotations/concepts/x.yml", 2, 1, field, message, "fix it"))
    assert shown in line and line.isprintable() and "\n" not in line
