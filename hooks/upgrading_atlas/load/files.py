"""Which files under ``annotations/`` are read, and a problem for every entry that is not.

Only regular ``.yml`` files directly inside a kind's folder are read. Anything else is reported
rather than skipped: a file that looks like an annotation but is not read would otherwise vanish
from the site without a word, and a symbolic link could publish a file from outside the
repository. Links are never followed, whether they point at a file, a folder or nothing.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..model import KIND_MODELS
from ..problems import Problem, display_path

SUFFIX = ".yml"
"""The one file name ending that is read: ``.yaml`` or ``.YML`` beside it would let two files
claim one id."""


def find_annotation_files(root: Path) -> tuple[list[Path], list[Problem]]:
    """The annotation files under ``root``, in a stable order, and a problem for each entry of
    ``root`` that is not read."""
    files: list[Path] = []
    problems: list[Problem] = []
    folders = ", ".join(f"annotations/{name}/" for name in KIND_MODELS)
    for entry in _entries(root):
        path = Path(entry.path)
        problem = _link_problem(entry) if entry.is_symlink() else None
        if problem is None and entry.is_dir(follow_symlinks=False):
            if entry.name in KIND_MODELS:
                for inner in _entries(path):
                    inner_path = Path(inner.path)
                    problem = _entry_problem(inner, f"annotations/{entry.name}/")
                    if problem is None:
                        files.append(inner_path)
                    else:
                        problems.append(_problem(inner_path, root, *problem))
                continue
            problem = (f"the folder {entry.name!r} is not the folder of a kind of annotation, so nothing in it is read",
                       f"move its files into one of {folders}")
        elif problem is None:
            problem = ("the file is not in a folder of a known kind", f"move it into one of {folders}")
        problems.append(_problem(path, root, *problem))
    return sorted(files), problems


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    with os.scandir(folder) as entries:
        return sorted(entries, key=lambda entry: entry.name)


def _problem(path: Path, root: Path, message: str, fix: str) -> Problem:
    return Problem(display_path(path, root), 0, 0, "", message, fix)


def _link_problem(entry: os.DirEntry[str]) -> tuple[str, str]:
    target = os.readlink(entry.path)
    return (f"the entry is a symbolic link (to {target!r}); links are never followed",
            "put the file itself here: annotations are read only from regular files inside annotations/")


def _entry_problem(entry: os.DirEntry[str], folder: str) -> tuple[str, str] | None:
    """Why an entry of a kind's folder is not read, or None if it is an annotation file."""
    if entry.is_symlink():
        return _link_problem(entry)
    name = entry.name
    stem, dot, suffix = name.rpartition(".")
    if entry.is_dir(follow_symlinks=False):
        return (f"{name!r} is a folder; a kind's folder holds only files, so nothing in it is read",
                f"move its files up into {folder}, or remove it")
    if not stat.S_ISREG(entry.stat(follow_symlinks=False).st_mode):
        return f"{name!r} is not a regular file", "remove it"
    if dot and suffix == SUFFIX[1:]:
        return None if stem else (f"the file name {name!r} has no id before {SUFFIX!r}", f"name it <id>{SUFFIX}")
    if dot and stem and suffix.lower() in {"yml", "yaml"}:
        return (f"the file name ends in {'.' + suffix!r}, and only {SUFFIX!r} files are read",
                f"rename it to {stem}{SUFFIX}")
    if ".yml" in name.lower() or ".yaml" in name.lower():
        return (f"the file name {name!r} does not end in {SUFFIX!r}, so it is not read",
                f"rename it so that its name ends in {SUFFIX} (no space or other ending after it), or remove it")
    return (f"{name!r} is not an annotation file (only {SUFFIX!r} files are read)",
            "remove it, or move it out of annotations/")
