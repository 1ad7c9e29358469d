"""Which field a YAML syntax error interrupts, so that its message names a field like every other.

The parser stops at the broken spot without building anything; its event stream up to there says
whose value it was reading: the keys of the mappings still open, and the index of each list item
still open.
"""

from __future__ import annotations

from typing import Any

import yaml

Path_ = tuple[str | int, ...]


class _Open:
    """A mapping or a list the parser has started and not finished."""

    def __init__(self, is_mapping: bool):
        self.is_mapping = is_mapping
        self.count = 0
        """Events of its children seen so far: keys and values alternate in a mapping."""
        self.key: Any = None


def field_at_syntax_error(text: str) -> Path_:
    """The path of the field whose value the parser was reading when it met a syntax error; ``()``
    where it was reading no field (or the text has no error)."""
    stack: list[_Open] = []
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                stack.append(_Open(isinstance(event, yaml.MappingStartEvent)))
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                stack.pop()
                _child_done(stack)
            elif isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
                if stack and stack[-1].is_mapping and stack[-1].count % 2 == 0:
                    stack[-1].key = event.value if isinstance(event, yaml.ScalarEvent) else None
                    stack[-1].count += 1
                else:
                    _child_done(stack)
    except yaml.YAMLError:
        return _path(stack)
    return ()


def _child_done(stack: list[_Open]) -> None:
    if stack:
        stack[-1].count += 1


def _path(stack: list[_Open]) -> Path_:
    """The open containers' keys and item indices: each names the child being read."""
    path: list[str | int] = []
    for depth, container in enumerate(stack):
        inner_open = depth + 1 < len(stack)
        if container.is_mapping:
            if container.count % 2 == 1 and container.key is not None:
                path.append(str(container.key))
            elif not inner_open:
                break
        elif inner_open:
            path.append(container.count)
    return tuple(path)
