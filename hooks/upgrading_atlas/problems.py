"""Problems found in annotations, each located at a file, a line, a column and a field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .characters import shown


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the annotations, and how to fix it."""

    file: str
    """The file's path, relative to the project root where possible."""
    line: int
    """1-based line; 0 when the problem concerns the file as a whole (shown as line 1)."""
    column: int
    """1-based column."""
    field: str
    """The field's path inside the record, such as ``senses[0].at.section``; empty for the file."""
    message: str
    """What is wrong."""
    fix: str
    """How to fix it."""

    def __str__(self) -> str:
        """One line, ``file:line:column: field: what is wrong — how to fix it``, with every control
        character escaped: file names, keys and values come from contributors. A problem of the whole
        file is shown at its first line: editors and terminals open file:1:1 at the top, and many
        refuse a line 0."""
        where = f"{self.file}:{self.line or 1}:{self.column or 1}"
        field = f" {self.field}:" if self.field else ""
        return shown(f"{where}:{field} {self.message} — {self.fix}")


class AnnotationError(Exception):
    """Raised where a caller needs the annotations to be valid and they are not."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the annotations")


def display_path(path: Path, root: Path) -> str:
    """The path as contributors see it: relative to the project root when it lies inside."""
    try:
        # the folder resolved, the entry itself not: a symbolic link is shown where it stands
        return (path.parent.resolve() / path.name).relative_to(root.resolve().parent).as_posix()
    except ValueError:
        return path.as_posix()


def field_path(parts: tuple[str | int, ...]) -> str:
    """Format a path such as ``('senses', 0, 'at')`` as ``senses[0].at``."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text
