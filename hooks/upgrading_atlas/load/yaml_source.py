"""Read one YAML file safely into plain data, remembering where every value stands.

Only the safe core of YAML is accepted: mappings, sequences and scalars. Tags that ask for Python
objects, anchors and aliases (the means of "billion laughs" bombs), duplicate keys, deep nesting and
oversized files are refused with a located message instead of being constructed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .yaml_syntax import field_at_syntax_error

MAX_FILE_BYTES = 256 * 1024
"""Largest annotation file accepted; the biggest real one is a few kilobytes."""
MAX_DEPTH = 12
"""Deepest nesting of mappings and sequences accepted; the model needs five levels."""
MAX_NODES = 50_000
"""Most values in one file."""

# libyaml's C parser when PyYAML has it: the same documents, several times faster. A syntax error is
# re-read with the Python parser, whose messages are the ones the contributor guide documents.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

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


def _compose(text: str, loader: Any) -> Any:
    """The node tree of ``text``; aliases are refused before composing, because a "billion
    laughs" document is small until expanded."""
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(
                "anchors and aliases (& and *) are not allowed",
                "write the value out in full where it is needed",
                _pos(event.start_mark),
            )
    return yaml.compose(text, Loader=loader)


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
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise YamlProblem("the file is empty", "add the record's fields, or delete the file", Position(1, 1))
    try:
        node = _compose(text, _FAST_LOADER)
    except yaml.YAMLError:
        try:
            node = _compose(text, yaml.SafeLoader)  # for the Python parser's clearer message
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            raise YamlProblem(
                f"YAML syntax error: {error.problem or error.context}",
                "check indentation, colons and quotes on this line and the one before",
                _pos(mark),
                field_at_syntax_error(text),
            ) from None
        except yaml.YAMLError as error:
            raise YamlProblem(f"YAML syntax error: {error}", "check the file's syntax", Position(1, 1)) from None
    if node is None:
        raise YamlProblem("the file is empty", "add the record's fields, or delete the file", Position(1, 1))
    parsed = ParsedYaml(None)
    parsed.data = _Builder(parsed).build(node, (), 0)
    return parsed


class _Builder:
    """Turns a composed node tree into plain data, checking each node as it goes."""

    def __init__(self, parsed: ParsedYaml):
        self.parsed = parsed
        self.seen: set[int] = set()
        self.constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        position = _pos(node.start_mark)
        if id(node) in self.seen:
            raise YamlProblem(
                "anchors and aliases (& and *) are not allowed",
                "write the value out in full where it is needed",
                position,
                path,
            )
        self.seen.add(id(node))
        if len(self.seen) > MAX_NODES:
            raise YamlProblem(
                f"the file holds more than {MAX_NODES:,} values", "split it into smaller files", position, path
            )
        if depth > MAX_DEPTH:
            raise YamlProblem(
                f"values are nested more than {MAX_DEPTH} levels deep",
                "flatten the structure: the annotation model never nests that deep",
                position,
                path,
            )
        if node.tag not in _PLAIN_TAGS:
            raise YamlProblem(
                f"the tag {node.tag!r} is not allowed",
                "remove the tag (the part starting with !): annotations are plain text, numbers, lists and mappings",
                position,
                path,
            )
        self.parsed.positions.setdefault(path, position)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index), depth + 1) for index, item in enumerate(node.value)]
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value  # keep dates as written; the model wants text
        return self.constructor.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
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
            if key in result:
                raise YamlProblem(
                    f"the key {key!r} appears twice in this mapping",
                    "keep one of them: the second would silently replace the first",
                    key_position,
                    (*path, key),
                )
            self.parsed.positions[(*path, key)] = _pos(value_node.start_mark)
            result[key] = self.build(value_node, (*path, key), depth + 1)
            # a key's own position is where errors about the key (unknown field) point
            self.parsed.positions[(*path, key, "<key>")] = key_position
        return result
