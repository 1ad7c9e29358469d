"""Read one YAML file safely into plain data, remembering where every value stands.

Only the safe core of YAML is accepted: mappings, sequences and scalars. Tags that ask for Python
objects, anchors and aliases (the means of "billion laughs" bombs), duplicate keys, deep nesting and
oversized files are refused with a located message instead of being constructed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..characters import describe, first_refused
from .yaml_syntax import field_at_syntax_error

MAX_FILE_BYTES = 256 * 1024
"""Largest annotation file accepted; the biggest real one is a few kilobytes."""
MAX_DEPTH = 12
"""Most mappings and sequences open at once; the model needs seven."""
MAX_NODES = 50_000
"""Most values in one file."""
PYTHON_PARSER_MAX_BYTES = 32 * 1024
"""A file up to this size that libyaml cannot read is read again by PyYAML's Python parser, whose
messages the contributor guide documents; a bigger one is not: on a hostile file that parser can
take minutes (its simple-key bookkeeping is quadratic)."""

# libyaml's C parser when PyYAML has it: the same documents, several times faster.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str": "text",
    "tag:yaml.org,2002:int": "a whole number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true or false",
    "tag:yaml.org,2002:null": "an empty value",
    "tag:yaml.org,2002:timestamp": "a date",
}
"""The scalar tags accepted, with what each value must be, for messages."""
_COLLECTION_TAGS = {"tag:yaml.org,2002:map": yaml.MappingNode, "tag:yaml.org,2002:seq": yaml.SequenceNode}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in a file."""

    line: int
    column: int


@dataclass
class ParsedYaml:
    """Plain data from a YAML file, with the position of each value and each mapping key."""

    data: Any
    positions: dict[Path_, Position] = field(default_factory=dict)

    def position_of(self, path: Path_) -> Position:
        """The position of the value at ``path``, or of its nearest enclosing value."""
        for end in range(len(path), -1, -1):
            found = self.positions.get(tuple(path[:end]))
            if found:
                return found
        return Position(1, 1)


class YamlProblem(Exception):
    """The file cannot be read as safe YAML."""

    def __init__(self, message: str, fix: str, position: Position, path: Path_ = ()):
        super().__init__(message)
        self.message = message
        self.fix = fix
        self.position = position
        self.path = path


def _pos(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)


def _position_at(text: str, index: int) -> Position:
    """The line and column of ``text[index]``, counting line breaks as YAML does."""
    breaks = list(_LINE_BREAK.finditer(text, 0, index))
    line_start = breaks[-1].end() if breaks else 0
    return Position(len(breaks) + 1, index - line_start + 1)


def _check_events(text: str, loader: Any) -> None:
    """Refuse aliases, deep nesting and too many values from the event stream, before any node is
    composed: a "billion laughs" document is small until expanded, and libyaml's composer recurses
    once per level (30,000 nested brackets crash it)."""
    depth = 0
    values = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(
                "anchors and aliases (& and *) are not allowed",
                "write the value out in full where it is needed",
                _pos(event.start_mark),
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlProblem(
                    f"values are nested more than {MAX_DEPTH} levels deep",
                    "flatten the structure: the annotation model never nests that deep",
                    _pos(event.start_mark),
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if isinstance(event, yaml.NodeEvent):
            values += 1
            if values > MAX_NODES:
                raise YamlProblem(
                    f"the file holds more than {MAX_NODES:,} values", "split it into smaller files",
                    _pos(event.start_mark),
                )


def _compose(text: str, loader: Any) -> Any:
    _check_events(text, loader)
    return yaml.compose(text, Loader=loader)


def _syntax_problem(text: str, error: yaml.YAMLError) -> YamlProblem:
    """The located message for a file libyaml could not read."""
    if _FAST_LOADER is not yaml.SafeLoader and len(text) <= PYTHON_PARSER_MAX_BYTES:
        try:
            _compose(text, yaml.SafeLoader)
        except YamlProblem as problem:
            return problem
        except yaml.YAMLError as python_error:
            error = python_error
        except Exception:  # noqa: S110 - the Python parser has bugs of its own (chr() past U+10FFFF); keep libyaml's
            pass
    if isinstance(error, yaml.MarkedYAMLError):
        return YamlProblem(
            f"YAML syntax error: {error.problem or error.context}",
            "check indentation, colons and quotes on this line and the one before",
            _pos(error.problem_mark or error.context_mark),
            _field_at(text),
        )
    return YamlProblem(f"YAML syntax error: {error}", "check the file's syntax", Position(1, 1))


def _field_at(text: str) -> tuple[str | int, ...]:
    """The field a syntax error interrupts, where the Python parser can tell it cheaply and safely:
    it re-reads the text, so not past the size it is trusted with, and never raising."""
    if len(text) > PYTHON_PARSER_MAX_BYTES:
        return ()
    try:
        return field_at_syntax_error(text)
    except Exception:  # the Python parser has bugs of its own (chr() past U+10FFFF): no field then
        return ()


def parse_yaml(raw: bytes) -> ParsedYaml:
    """Parse the bytes of one annotation file; raise ``YamlProblem`` with a position if unsafe."""
    if len(raw) > MAX_FILE_BYTES:
        raise YamlProblem(
            f"the file has {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}",
            "split it into several files, one record each",
            Position(1, 1),
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise YamlProblem(
            f"the file is not UTF-8 (byte 0x{raw[error.start]:02x} cannot be decoded)",
            "save the file as UTF-8 in your editor",
            Position(line, column),
        ) from None
    text = text.removeprefix("\ufeff")
    refused = first_refused(text)
    if refused:
        raise YamlProblem(
            f"the file holds the character {describe(refused.group())}, which no annotation may contain",
            "delete it (an editor may show it as a box, a space or nothing at all)",
            _position_at(text, refused.start()),
        )
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise YamlProblem("the file is empty", "add the record's fields, or delete the file", Position(1, 1))
    try:
        node = _compose(text, _FAST_LOADER)
    except yaml.YAMLError as error:
        raise _syntax_problem(text, error) from None
    if node is None:
        raise YamlProblem("the file is empty", "add the record's fields, or delete the file", Position(1, 1))
    parsed = ParsedYaml(None)
    parsed.data = _Builder(parsed).build(node, ())
    return parsed


def _excerpt(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


class _Builder:
    """Turns a composed node tree into plain data, checking each node as it goes."""

    def __init__(self, parsed: ParsedYaml):
        self.parsed = parsed
        self.constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node, path: Path_) -> Any:
        position = _pos(node.start_mark)
        self._check_tag(node, position, path)
        self.parsed.positions.setdefault(path, position)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node, position, path)

    def _check_tag(self, node: yaml.Node, position: Position, path: Path_) -> None:
        kind = _COLLECTION_TAGS.get(node.tag, yaml.ScalarNode if node.tag in _SCALAR_TAGS else None)
        if kind is None:
            raise YamlProblem(
                f"the tag {node.tag!r} is not allowed",
                "remove the tag (the part starting with !): annotations are plain text, numbers, lists and mappings",
                position,
                path,
            )
        if not isinstance(node, kind):
            raise YamlProblem(
                f"the tag {node.tag!r} does not fit this value",
                "remove the tag (the part starting with !)",
                position,
                path,
            )

    def _scalar(self, node: yaml.ScalarNode, position: Position, path: Path_) -> Any:
        if node.tag == "tag:yaml.org,2002:timestamp":
            value: Any = node.value  # keep dates as written; the model wants text
        else:
            try:
                value = self.constructor.construct_object(node, deep=True)
            except Exception:
                # PyYAML's constructors fail in many ways on a value their tag cannot hold: "!!bool maybe"
                # (KeyError), "!!int one" or 4,301 digits (ValueError), "!!int" with no value (IndexError)
                raise YamlProblem(
                    f"{_excerpt(node.value)!r} cannot be read as {_SCALAR_TAGS[node.tag]}",
                    "put the value in quotes to keep it as text, or write a valid value",
                    position,
                    path,
                ) from None
        if isinstance(value, str):
            self._check_text(value, "the value", "\r", position, path)
        return value

    @staticmethod
    def _check_text(text: str, what: str, also: str, position: Position, path: Path_) -> None:
        # quoted escapes ("\x1b", "\u202e", "\0") reach here: the file itself held none
        refused = first_refused(text, also)
        if refused:
            raise YamlProblem(
                f"{what} holds the character {describe(refused.group())}, which no annotation may contain",
                "remove it, or the escape in quotes that writes it",
                position,
                path,
            )

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_position = _pos(key_node.start_mark)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem(
                    "merge keys (<<) are not allowed", "write the fields out in full", key_position, path
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(
                    "a key must be a plain word", "write the key as text followed by a colon", key_position, path
                )
            key = str(key_node.value)
            self._check_text(key, f"the key {_excerpt(key)!r}", "\t\n\r", key_position, path)
            if key in result:
                raise YamlProblem(
                    f"the key {key!r} appears twice in this mapping",
                    "keep one of them: the second would silently replace the first",
                    key_position,
                    (*path, key),
                )
            self.parsed.positions[(*path, key)] = _pos(value_node.start_mark)
            result[key] = self.build(value_node, (*path, key))
            # a key's own position is where errors about the key (unknown field) point
            self.parsed.positions[(*path, key, "<key>")] = key_position
        return result
