"""Unsafe or broken YAML is refused with a located message, never constructed or expanded."""

from __future__ import annotations

import time

import pytest

from upgrading_atlas.load.yaml_source import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    PYTHON_PARSER_MAX_BYTES,
    YamlProblem,
    parse_yaml,
)

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
        # crashes and tracebacks of the past: each now a located message
        (b"id: x\nterm: " + b"[" * 30_000, "nested more than", 2),  # libyaml's composer segfaulted
        (b"a: !!bool maybe\n", "'maybe' cannot be read as true or false", 1),
        (b"a: !!float many\n", "'many' cannot be read as a number", 1),
        (b"id: x\na: !!int one\n", "'one' cannot be read as a whole number", 2),
        (b"a: " + b"1" * 4301 + b"\n", "cannot be read as a whole number", 1),
        (b"a: !!map plain\n", "does not fit this value", 1),
        (b"id: !!int \nterm: x\n", "'' cannot be read as a whole number", 1),  # found by the fuzzer
        (b'a: "\\U00110000"\n', "YAML syntax error: found invalid Unicode character escape code", 1),
        (b'a: "\\ud800"\n', "YAML syntax error", 1),
        # control, separator and bidirectional characters, at the line they stand on
        (b"id: x\nb: c\nd: e\nf: g\x00\n", "the file holds the character '\\x00' (U+0000, NULL)", 4),
        (b"id: x\nb: c\nd: e\n\x1b]0;owned\x07: g\n", "'\\x1b' (U+001B, ESCAPE)", 4),
        (b"id: x\r\nb: c\r\nd: \x08\r\n", "'\\x08' (U+0008, BACKSPACE)", 3),
        ("id: x\nterm: a\u202eb\n".encode(), "'\\u202e' (U+202E, RIGHT-TO-LEFT OVERRIDE)", 2),
        ("id: x\nterm: a\u2028b\n".encode(), "U+2028, LINE SEPARATOR", 2),
        (b'id: x\nterm: "a\\eb"\n', "the value holds the character '\\x1b' (U+001B, ESCAPE)", 2),
        (b'id: x\nterm: "\\x02wzxhzdk:0\\x03"\n', "'\\x02' (U+0002)", 2),
        (b'id: x\n"a\\r\\nb": 1\n', "the key 'a\\r\\nb' holds the character '\\x0d'", 2),
    ],
)
def test_refuses_with_located_message(raw: bytes, message: str, line: int) -> None:
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(raw)
    assert message in caught.value.message
    assert caught.value.position.line == line
    assert caught.value.fix


@pytest.mark.parametrize(
    "raw",
    [b"[" * (MAX_FILE_BYTES - 1), b"a: [" + b"x, " * (MAX_FILE_BYTES // 3 - 2), b"{" * (PYTHON_PARSER_MAX_BYTES - 1),
     b"[" + b"a, " * (PYTHON_PARSER_MAX_BYTES // 3 - 1), b"a: '" + b"x" * (MAX_FILE_BYTES - 10)],
    ids=["256k-open-brackets", "256k-open-list", "32k-open-braces", "32k-open-list", "256k-open-quote"],
)
def test_a_hostile_file_costs_well_under_a_second(raw: bytes) -> None:
    # 256 KiB of "[" once took 14 minutes: PyYAML's Python parser read the file again after libyaml
    started = time.process_time()
    with pytest.raises(YamlProblem):
        parse_yaml(raw)
    assert time.process_time() - started < 1.5


def test_keeps_positions_of_values_and_keys() -> None:
    parsed = parse_yaml(b"id: lie\nsenses:\n  - paper: alpha\n    at: {section: s1}\n")
    assert parsed.data == {"id": "lie", "senses": [{"paper": "alpha", "at": {"section": "s1"}}]}
    assert parsed.position_of(("senses", 0, "paper")).line == 3
    assert parsed.position_of(("senses", 0, "at", "section")).line == 4
    assert parsed.position_of(("senses", 0, "missing")).line == 3  # nearest enclosing value


def test_dates_stay_text_and_numbers_stay_numbers() -> None:
    parsed = parse_yaml(b"when: 2007-11-13\nyear: 2009\nok: true\n")
    assert parsed.data == {"when": "2007-11-13", "year": 2009, "ok": True}
