"""Unsafe or broken YAML is refused with a located message, never constructed or expanded."""

from __future__ import annotations

import pytest

from upgrading_atlas.load.yaml_source import MAX_DEPTH, MAX_FILE_BYTES, YamlProblem, parse_yaml

BOMB = b"""a: &a ["x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]
"""


@pytest.mark.parametrize(
    ("raw", "message", "line"),
    [
        (b"id: lie\nterm: [unclosed\n", "YAML syntax error", 3),
        (b"id: lie\n  term: bad indent\n", "YAML syntax error", 2),
        (b"", "the file is empty", 1),
        (b"# only a comment\n\n", "the file is empty", 1),
        (b"id: lie\nterm: caf\xe9\n", "not UTF-8", 2),
        (BOMB, "anchors and aliases", 2),
        (b"id: !!python/object/apply:os.system [echo pwned]\n", "tag", 1),
        (b"id: !custom thing\n", "tag", 1),
        (b"id: lie\nid: oem\n", "appears twice", 2),
        (b"base: &b {x: 1}\nother:\n  <<: *b\n", "anchors and aliases", 3),
        (b"base: {x: 1}\nother:\n  <<: {y: 2}\n", "merge keys", 3),
        (b"a:" + b" [" * (MAX_DEPTH + 2) + b"]" * (MAX_DEPTH + 2) + b"\n", "nested more than", 1),
        (b"x: " + b"y" * (MAX_FILE_BYTES + 1), "the limit is", 1),
    ],
)
def test_refuses_with_located_message(raw: bytes, message: str, line: int) -> None:
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(raw)
    assert message in caught.value.message
    assert caught.value.position.line == line
    assert caught.value.fix


def test_keeps_positions_of_values_and_keys() -> None:
    parsed = parse_yaml(b"id: lie\nsenses:\n  - paper: alpha\n    at: {section: s1}\n")
    assert parsed.data == {"id": "lie", "senses": [{"paper": "alpha", "at": {"section": "s1"}}]}
    assert parsed.position_of(("senses", 0, "paper")).line == 3
    assert parsed.position_of(("senses", 0, "at", "section")).line == 4
    assert parsed.position_of(("senses", 0, "missing")).line == 3  # nearest enclosing value


def test_dates_stay_text_and_numbers_stay_numbers() -> None:
    parsed = parse_yaml(b"when: 2007-11-13\nyear: 2009\nok: true\n")
    assert parsed.data == {"when": "2007-11-13", "year": 2009, "ok": True}
