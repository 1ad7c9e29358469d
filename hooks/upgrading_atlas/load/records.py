"""Load annotation files into validated records, collecting every problem instead of stopping."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..model import KIND_MODELS, Record
from ..problems import Problem, display_path, field_path
from .files import find_annotation_files
from .yaml_source import ParsedYaml, Position, YamlProblem, parse_yaml

SCHEMA_LINE_PREFIX = "# yaml-language-server: $schema="


@dataclass(frozen=True)
class Source:
    """Where a record came from."""

    file: str
    """The file, as shown in messages."""
    parsed: ParsedYaml = field(repr=False, compare=False)
    """The file's data with the position of every value."""

    def position(self, *path: str | int) -> Position:
        """Line and column of the value at ``path`` inside the record."""
        return self.parsed.position_of(tuple(path))

    def problem(self, path: tuple[str | int, ...], message: str, fix: str) -> Problem:
        """A problem located at the value at ``path``."""
        position = self.position(*path)
        return Problem(self.file, position.line, position.column, field_path(path), message, fix)


@dataclass(frozen=True)
class Loaded:
    """A valid record and its source."""

    kind: str
    record: Any
    source: Source


@dataclass
class LoadResult:
    """Every record that passed its own checks, and every problem found on the way."""

    records: list[Loaded] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unfinished: list[Loaded] = field(default_factory=list)
    """Files that hold a mapping but not yet a valid record (a scaffold half filled in): their
    ``record`` is the raw data, so that checks across files can still look at their names."""


EMPTY_FIELD = "this field is empty"
EMPTY_FIELD_FIX = "write a value after the colon (or delete the line if the field is optional)"


def annotation_files(root: Path) -> list[Path]:
    """Every annotation file under ``root``, in a stable order."""
    return find_annotation_files(root)[0]


FileCache = dict[Path, tuple[tuple[int, int], tuple["Loaded | None", list[Problem], "Loaded | None"]]]
"""Each file's last reading, by path, with the modification time and size it was read at."""


def load_annotations(root: Path, cache: FileCache | None = None) -> LoadResult:
    """Read and check every file under ``root`` (the ``annotations/`` folder), one record a file;
    every other entry of the folder is reported. With ``cache``, a file whose modification time and
    size are unchanged is not read again."""
    paths, problems = find_annotation_files(root)
    result = LoadResult(problems=problems)
    for path in paths:
        if cache is None:
            loaded, problems, unfinished = _read_file(path, root)
        else:
            info = path.stat()
            signature = (info.st_mtime_ns, info.st_size)
            if path not in cache or cache[path][0] != signature:
                cache[path] = (signature, _read_file(path, root))
            loaded, problems, unfinished = cache[path][1]
        result.problems.extend(problems)
        if loaded is not None:
            result.records.append(loaded)
        if unfinished is not None:
            result.unfinished.append(unfinished)
    if cache is not None:
        for gone in set(cache) - set(paths):
            del cache[gone]
    return result


def load_file(path: Path, root: Path) -> tuple[Loaded | None, list[Problem]]:
    """Read one file: its kind from its folder, its record from its content."""
    loaded, problems, _ = _read_file(path, root)
    return loaded, problems


def _read_file(path: Path, root: Path) -> tuple[Loaded | None, list[Problem], Loaded | None]:
    """A file's record (or, where the model refuses it, its raw data as unfinished), and its problems."""
    shown = display_path(path, root)
    relative = path.relative_to(root)
    kind = relative.parts[0] if len(relative.parts) == 2 else None
    if kind not in KIND_MODELS:
        folders = ", ".join(f"annotations/{name}/" for name in KIND_MODELS)
        return None, [
            Problem(shown, 0, 0, "", "the file is not in a folder of a known kind", f"move it into one of {folders}")
        ], None
    try:
        raw = _read_regular_file(path)
    except OSError as error:
        return None, [Problem(shown, 0, 0, "", f"the file cannot be read ({error.strerror or error})",
                              "replace it with a regular, readable file")], None
    try:
        parsed = parse_yaml(raw)
    except YamlProblem as error:
        return None, [
            Problem(shown, error.position.line, error.position.column, field_path(error.path), error.message, error.fix)
        ], None
    source = Source(shown, parsed)
    if not isinstance(parsed.data, dict):
        return None, [
            source.problem((), "the file must hold a mapping of fields", "start with `id: ...` on its own line")
        ], None
    model = KIND_MODELS[kind]
    # a key written with nothing after it is reported even where the field is optional: it is most
    # often a template's field not filled in yet, and the model would take it silently as left out
    empty = [source.problem(path, EMPTY_FIELD, EMPTY_FIELD_FIX) for path in empty_values(parsed.data)]
    try:
        record: Any = model.model_validate(parsed.data)
    except ValidationError as error:
        problems = [*empty, *(_problem_from_error(source, model, item) for item in error.errors())]
        # a value that fits no branch of a union is reported once per branch: keep one
        unique = {(problem.line, problem.column, problem.field): problem for problem in reversed(problems)}
        return None, sorted(unique.values()), Loaded(kind, parsed.data, source)
    problems = empty
    if record.id != path.stem:
        problems.append(
            source.problem(
                ("id",),
                f"the id {record.id!r} differs from the file name {path.name!r}",
                f"rename the file to {record.id}.yml, or set id: {path.stem}",
            )
        )
    if not raw.startswith(SCHEMA_LINE_PREFIX.encode()):
        problems.append(
            Problem(
                shown,
                1,
                1,
                "",
                "the first line does not name the schema",
                f"make the first line: {SCHEMA_LINE_PREFIX}../../schema/{kind}.schema.json",
            )
        )
    return Loaded(kind, record, source), problems, None


def empty_values(data: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """The path of every mapping value written with nothing after its colon."""
    if isinstance(data, dict):
        return [found for key, value in data.items()
                for found in ([(*path, key)] if value is None else empty_values(value, (*path, key)))]
    if isinstance(data, list):
        return [found for index, value in enumerate(data) for found in empty_values(value, (*path, index))]
    return []


def _read_regular_file(path: Path) -> bytes:
    """The bytes of ``path``, refusing to follow a link put there since the folder was listed."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise OSError(0, "not a regular file")
        return file.read()


def _problem_from_error(source: Source, model: type[Record], item: Any) -> Problem:
    """Turn one pydantic error into a located problem with advice."""
    loc = _data_path(source.parsed.data, item["loc"], missing=item["type"] == "missing")
    kind = item["type"]
    if kind == "extra_forbidden":
        position = source.position(*loc, "<key>")
        allowed = _allowed_fields(model, loc[:-1])
        fix = "remove it, or correct its spelling" + (f"; the fields here are: {allowed}" if allowed else "")
        return Problem(source.file, position.line, position.column, field_path(loc), "unknown field", fix)
    if kind == "missing":
        return source.problem(loc, "this field is required", f"add `{loc[-1]}:` with a value")
    if item.get("input", "") is None and kind != "missing":
        return source.problem(loc, EMPTY_FIELD, EMPTY_FIELD_FIX)
    if kind == "literal_error":
        allowed = str((item.get("ctx") or {}).get("expected", "")).replace("' or '", "', '")
        return source.problem(loc, f"{item['input']!r} is not an allowed value", f"use one of {allowed}")
    message = item["msg"].removeprefix("Value error, ")
    message, _, fix = message.partition(" — ")
    return source.problem(loc, message[:1].lower() + message[1:], fix or _advice(kind, item))


def _data_path(data: Any, loc: tuple[str | int, ...], missing: bool) -> tuple[str | int, ...]:
    """The parts of a pydantic error location that name keys and items of the file's data.

    Pydantic also names the branch of a union it tried ('known', 'str', 'list[...]',
    'function-after[...]'); a branch is told from a key by walking the data itself, so that a key a
    contributor wrote, whatever it is called ('Term', 'str', 'a[0]'), is always named."""
    path: list[str | int] = []
    current = data
    for index, part in enumerate(loc):
        in_dict = isinstance(current, dict) and part in current
        if in_dict or (isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)):
            current = current[part]
        elif missing and index == len(loc) - 1:
            pass  # the missing field itself: named, though the data does not hold it
        else:
            continue
        path.append(part)
    return tuple(path)


PRINTED_SECTION = re.compile(r"(?:§|s|section)?\s*(?P<number>\d+(?:\.\d+)+|\d+\.?)", re.IGNORECASE)
"""A section's number as papers print it (5.3.1, §5.3.1, s5.3.1), which is not its id (s5-3-1)."""


def _advice(kind: str, item: dict[str, Any]) -> str:
    context = item.get("ctx") or {}
    if kind == "string_pattern_mismatch":
        if "\\[" in str(context.get("pattern", "")):
            return "write the supplied title in square brackets, such as [Learning in machine tools]"
        printed = PRINTED_SECTION.fullmatch(str(item.get("input", "")).strip())
        if printed:  # a section written as the paper prints it
            number = printed["number"].rstrip(".")
            return (f"a section's id is written with s and hyphens: `s{number.replace('.', '-')}` for section "
                    f"{number} (the paper's file lists every id)")
        return "use lower-case letters, digits and single hyphens, such as `global-factory`"
    if kind in {"string_type", "str_type"}:
        return "write it as text; put it in quotes if it looks like a number, a date or yes/no"
    if kind in {"list_type"}:
        return "write a list: one `- item` a line, or [a, b]"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return "write a mapping of `field: value` lines here"
    if kind in {"int_type", "int_parsing"}:
        return "write a whole number"
    if kind in {"bool_type", "bool_parsing"}:
        return "write true or false"
    if kind == "too_short":
        return "add at least one entry"
    if kind in {"string_too_long", "too_long"}:
        return "shorten it"
    if kind == "string_too_short":
        return "write some text, or remove the field"
    if kind == "greater_than_equal":
        return "use a number of 1 or more"
    return "see the annotation format in the contributor guide"


def _allowed_fields(model: type[Record], loc: tuple[str | int, ...]) -> str:
    """The field names allowed at ``loc`` inside ``model``, for a helpful message."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return ""
        current = _model_in(info.annotation)
        if current is None:
            return ""
    return ", ".join(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    """The record class inside an annotation such as ``list[Sense] | None``, if there is one."""
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _model_in(argument)
        if found is not None:
            return found
    return None
