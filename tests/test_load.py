"""Each record is checked on its own; every problem names file, line, field, and a fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL, write_annotations
from upgrading_atlas.atlas import build_atlas
from upgrading_atlas.load.records import load_annotations


def problems_for(tmp_path: Path, name: str, text: str, schema_line: bool = True) -> list[str]:
    folder = write_annotations(tmp_path, {name: text}, with_schema_line=schema_line)
    return [str(problem) for problem in load_annotations(folder).problems]


CONCEPT = """
id: lie
term: Leading innovative enterprise
definition: A firm that organizes innovation.
senses:
  - paper: alpha
    term_used: LIE
    gist: One line.
    role: mechanism
    meaning: The organizer.
    at: {section: s1}
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (CONCEPT.replace("term: Leading innovative enterprise\n", ""),
         "concepts/lie.yml:2:1: term: this field is required — add `term:` with a value"),
        (CONCEPT + "colour: blue\n",
         "concepts/lie.yml:12:1: colour: unknown field — remove it, or correct its spelling; the fields here are: id,"),
        (CONCEPT.replace("role: mechanism", "role: engine"),
         "concepts/lie.yml:9:11: senses[0].role: 'engine' is not an allowed value — use one of 'premise', 'mechanism',"
         " 'finding', 'foil', 'method', 'context'"),
        (CONCEPT.replace("    at: {section: s1}", "    at: {section: s1, sectoin: s2}"),
         "senses[0].at.sectoin: unknown field — remove it, or correct its spelling; the fields here are: paper,"
         " section, page, note"),
        (CONCEPT.replace("id: lie", "id: Lie"),
         "concepts/lie.yml:2:5: id: string should match pattern"),
        (CONCEPT.replace("A firm that organizes innovation.", "word " * 61),
         "definition: has 61 words; the limit is 60 — shorten it"),
        (CONCEPT.replace("term: Leading innovative enterprise", "term: <script>x</script>"),
         "term: contains the character '<', which is not allowed in a name or title — write it in plain words"),
        (CONCEPT.replace("senses:\n", "senses: []\n").split("  - paper")[0],
         "senses: list should have at least 1 item"),
        (CONCEPT.replace("    at: {section: s1}", "    at: {section: s1, page: many}"),
         "senses[0].at.page: input should be a valid integer"),
        ("- just\n- a list\n", "concepts/lie.yml:2:1: the file must hold a mapping of fields"),
        (CONCEPT.replace("id: lie", "id: oem"),
         "concepts/lie.yml:2:5: id: the id 'oem' differs from the file name 'lie.yml' — rename the file to oem.yml"),
    ],
)
def test_record_problems_are_located(tmp_path: Path, text: str, expected: str) -> None:
    problems = problems_for(tmp_path, "concepts/lie.yml", text)
    assert any(expected in problem for problem in problems), problems


def test_missing_schema_line_is_reported(tmp_path: Path) -> None:
    problems = problems_for(tmp_path, "concepts/lie.yml", CONCEPT.lstrip(), schema_line=False)
    assert problems == [
        "annotations/concepts/lie.yml:1:1: the first line does not name the schema — make the first line: "
        "# yaml-language-server: $schema=../../schema/concepts.schema.json"
    ]


def test_file_outside_a_kind_folder(tmp_path: Path) -> None:
    folder = tmp_path / "annotations"
    folder.mkdir()
    (folder / "stray.yml").write_text("id: x\n")
    [problem] = load_annotations(folder).problems
    assert "not in a folder of a known kind" in str(problem)
    assert str(problem).startswith("annotations/stray.yml:1:1:")


def test_all_problems_of_all_files_in_one_run(tmp_path: Path) -> None:
    folder = write_annotations(tmp_path, {
        "concepts/a.yml": "id: a\n",
        "concepts/b.yml": "id: b\nterm: [broken\n",
        "entities/c.yml": "",
    })
    problems = load_annotations(folder).problems
    files = {problem.file for problem in problems}
    assert files == {"annotations/concepts/a.yml", "annotations/concepts/b.yml", "annotations/entities/c.yml"}
    missing = {p.field for p in problems if p.file.endswith("a.yml")}
    assert missing == {"term", "definition", "senses"}


def test_valid_record_loads_with_its_source(tmp_path: Path) -> None:
    folder = write_annotations(tmp_path, {"concepts/lie.yml": CONCEPT})
    result = load_annotations(folder)
    assert result.problems == []
    [item] = result.records
    assert item.kind == "concepts"
    assert item.record.senses[0].at.section == "s1"
    assert item.source.position("senses", 0, "at").line == 11


@pytest.mark.parametrize("key", ["Definiton", "str", "int", "bool", "function-after", "a[0]", "list[str]", "known"])
def test_an_unknown_key_is_named_at_its_own_line(tmp_path: Path, key: str) -> None:
    text = CONCEPT.replace("senses:\n", f'"{key}": x\nsenses:\n')
    problems = problems_for(tmp_path, "concepts/lie.yml", text)
    assert problems == [
        f"annotations/concepts/lie.yml:5:1: {key}: unknown field — remove it, or correct its spelling; the fields"
        " here are: id, term, aliases, autolink, definition, explanation, senses, senses_compared, related,"
        " reading_path, former_ids, short_names_ok"
    ]


def test_several_unknown_keys_give_one_message_each(tmp_path: Path) -> None:
    text = CONCEPT.replace("senses:\n", "Term: x\nstr: y\nint: 3\nsenses:\n").replace(
        "    at: {section: s1}", "    at: {section: s1, Page: 2, str: 1}"
    )
    problems = problems_for(tmp_path, "concepts/lie.yml", text)
    assert [problem.split(" unknown field")[0] for problem in problems] == [
        "annotations/concepts/lie.yml:5:1: Term:",
        "annotations/concepts/lie.yml:6:1: str:",
        "annotations/concepts/lie.yml:7:1: int:",
        "annotations/concepts/lie.yml:14:23: senses[0].at.Page:",
        "annotations/concepts/lie.yml:14:32: senses[0].at.str:",
    ]


def test_a_key_holding_control_characters_is_shown_escaped(tmp_path: Path) -> None:
    text = CONCEPT + '"x\\r\\n2025-01-01 all files valid\\e]0;pwned\\a": 1\n'
    [problem] = problems_for(tmp_path, "concepts/lie.yml", text)
    assert problem.startswith("annotations/concepts/lie.yml:12:1: the key 'x\\r\\n2025-01-01")
    assert problem.isprintable()


def _listing(folder: Path) -> list[str]:
    return [str(problem) for problem in load_annotations(folder).problems]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("lie.yaml", "annotations/concepts/lie.yaml:1:1: the file name ends in '.yaml', and only '.yml' files are read"
                     " — rename it to lie.yml"),
        ("lie.YML", "annotations/concepts/lie.YML:1:1: the file name ends in '.YML', and only '.yml' files are read"),
        ("lie.yml.txt", "annotations/concepts/lie.yml.txt:1:1: the file name 'lie.yml.txt' does not end in '.yml',"
                        " so it is not read"),
        ("lie.yml ", "annotations/concepts/lie.yml :1:1: the file name 'lie.yml ' does not end in '.yml'"),
        ("lie.yml~", "the file name 'lie.yml~' does not end in '.yml'"),
        ("README.md", "annotations/concepts/README.md:1:1: 'README.md' is not an annotation file"),
    ],
)
def test_a_file_that_is_not_read_is_reported(tmp_path: Path, name: str, message: str) -> None:
    folder = write_annotations(tmp_path, {"concepts/oem.yml": CONCEPT.replace("id: lie", "id: oem")})
    (folder / "concepts" / name).write_text(CONCEPT)
    problems = _listing(folder)
    assert len(problems) == 1 and message in problems[0], problems


def test_a_file_name_with_a_line_break_is_shown_escaped(tmp_path: Path) -> None:
    folder = write_annotations(tmp_path, {"concepts/lie\n.yml": CONCEPT})
    problems = _listing(folder)
    assert problems[0].startswith("annotations/concepts/lie\\x0a.yml:2:5: id: the id 'lie' differs from the file name")
    assert all(problem.isprintable() for problem in problems)


def test_a_folder_where_a_file_belongs_is_reported(tmp_path: Path) -> None:
    folder = write_annotations(tmp_path, {"concepts/lie.yml/inner.yml": CONCEPT, "concept/oem.yml": CONCEPT})
    assert _listing(folder) == [
        "annotations/concept:1:1: the folder 'concept' is not the folder of a kind of annotation, so nothing in it is"
        " read — move its files into one of annotations/papers/, annotations/concepts/, annotations/entities/,"
        " annotations/crossrefs/, annotations/tables/",
        "annotations/concepts/lie.yml:1:1: 'lie.yml' is a folder; a kind's folder holds only files, so nothing in it is"
        " read — move its files up into annotations/concepts/, or remove it",
    ]


@pytest.mark.parametrize("target", ["outside.yml", "secrets.txt", "missing.yml", "elsewhere"])
def test_a_symbolic_link_is_reported_and_never_followed(tmp_path: Path, target: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "outside.yml").write_text(CONCEPT.replace("id: lie", "id: leak"))
    (outside / "secrets.txt").write_text("password: hunter2\n")
    (outside / "elsewhere").mkdir()
    folder = write_annotations(tmp_path, {"concepts/oem.yml": CONCEPT.replace("id: lie", "id: oem")})
    for link in (folder / "concepts" / "leak.yml", folder / "entities"):
        link.symlink_to(outside / target)
    result = load_annotations(folder)
    assert [item.record.id for item in result.records] == ["oem"]
    problems = [str(problem) for problem in result.problems]
    assert len(problems) == 2, problems
    assert problems[0].startswith("annotations/concepts/leak.yml:1:1: the entry is a symbolic link")
    assert problems[1].startswith("annotations/entities:1:1: the entry is a symbolic link")
    assert all("links are never followed" in problem and "hunter2" not in problem for problem in problems)




def test_an_optional_field_left_empty_is_reported_and_the_record_still_checked(annotations) -> None:
    folder = annotations({"concepts/lie.yml": MINIMAL["concepts/lie.yml"] + "explanation:\n"})
    messages = [str(problem) for problem in build_atlas(folder).problems]
    assert messages == ["annotations/concepts/lie.yml:13:13: explanation: this field is empty — write a value after "
                        "the colon (or delete the line if the field is optional)"]


def test_a_name_collision_is_reported_while_the_file_still_has_empty_fields(annotations) -> None:
    folder = annotations({"concepts/second.yml": """
        id: second
        term: Second
        aliases: [LIE]
        definition:
        senses:
          - {paper: alpha, term_used: x, role: context, meaning: x, at: {section: s1}}
        """})
    messages = [str(problem) for problem in build_atlas(folder).problems]
    assert "annotations/concepts/second.yml:4:11: aliases[0]: the name 'LIE' is already used by concept 'lie'" \
        " (annotations/concepts/lie.yml) — remove it here or there, so that every mention has one target" in messages
    assert any(": definition: this field is empty" in message for message in messages)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("id: broken\nterm: [Broken\n", "term"),
        ("id: x\nsenses:\n  - paper: chen\n    at: {section: s1\n", "senses[0].at"),
        ("id: x\nsenses:\n  - {paper: chen}\n  - paper: x\n    at: [\n", "senses[1].at"),
        ("id: x\n  term: y\n", ""),
    ],
)
def test_a_yaml_syntax_error_names_the_field_being_read(tmp_path: Path, text: str, field: str) -> None:
    folder = write_annotations(tmp_path, {"concepts/x.yml": text})
    [problem] = build_atlas(folder).problems
    assert problem.message.startswith("YAML syntax error") and problem.field == field
