"""Checks across files: unknown ids, duplicate names, impossible relations."""

from __future__ import annotations

import pytest

from conftest import MINIMAL
from upgrading_atlas.atlas import build_atlas

SECOND_CONCEPT = """
id: oem
term: Original equipment manufacturing
aliases: [OEM]
definition: Making goods to another firm's design.
senses:
  - paper: alpha
    term_used: OEM
    gist: One line.
    role: context
    meaning: Contract work.
    at: {section: s2}
"""


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"concepts/oem.yml": SECOND_CONCEPT.replace("paper: alpha", "paper: gamma")},
         "annotations/concepts/oem.yml:7:12: senses[0].paper: unknown paper 'gamma' — use one of: alpha"),
        ({"concepts/oem.yml": SECOND_CONCEPT.replace("section: s2", "section: s9")},
         "annotations/concepts/oem.yml:12:19: senses[0].at.section: paper 'alpha' has no section 's9'"
         " — use one of the ids listed in annotations/papers/alpha.yml: s1, s2"),
        ({"concepts/oem.yml": SECOND_CONCEPT.replace("section: s2", "section: '5.3.1'")},
         "senses[0].at.section: string should match pattern '^[a-z0-9]+(-[a-z0-9]+)*$' — a section's id is "
         "written with s and hyphens: `s5-3-1` for section 5.3.1 (the paper's file lists every id)"),
        ({"concepts/oem.yml": SECOND_CONCEPT.replace("section: s2", "section: §2.1")},
         "senses[0].at.section: string should match pattern '^[a-z0-9]+(-[a-z0-9]+)*$' — a section's id is "
         "written with s and hyphens: `s2-1` for section 2.1 (the paper's file lists every id)"),
        ({"concepts/oem.yml": SECOND_CONCEPT + "related:\n  - {concept: odm, relation: see-also}\n"},
         "related[0].concept: unknown concept 'odm' — use the id of a file in annotations/concepts/"),
        ({"concepts/oem.yml": SECOND_CONCEPT + "related:\n  - {concept: oem, relation: see-also}\n"},
         "related[0].concept: a concept cannot be related to itself"),
        ({"concepts/oem.yml": SECOND_CONCEPT.replace("aliases: [OEM]", "aliases: [OEM, LIE]")},
         "annotations/concepts/oem.yml:4:16: aliases[1]: the name 'LIE' is already used by concept 'lie'"),
        ({"concepts/oem.yml": SECOND_CONCEPT + "former_ids: [lie]\n"},
         "former_ids[0]: 'lie' is the id of an existing concept — remove it: a former id can never be reused"),
        ({"crossrefs/x.yml": """
            id: x
            relation: contrasts
            title: Same paper
            a: {paper: alpha, section: s1, claim: One.}
            b: {paper: alpha, section: s9, claim: Two.}
            note: Both in alpha.
            concepts: [nothing]
            """},
         "b.section: paper 'alpha' has no section 's9'"),
        ({"crossrefs/x.yml": """
            id: x
            relation: contrasts
            title: Same paper
            a: {paper: alpha, section: s1, claim: One.}
            b: {paper: alpha, section: s2, claim: Two.}
            note: Both in alpha.
            concepts: [nothing]
            """},
         "concepts[0]: unknown concept 'nothing'"),
        ({"tables/t.yml": """
            id: t
            title: T
            columns: [{id: industry, label: Industry}]
            rows:
              - label: Alpha
                paper: alpha
                cells:
                  industy: {text: Tools, at: [{section: s1}]}
            """},
         "rows[0].cells.industy: no column has the id 'industy' — use one of: industry"),
        ({"entities/e.yml": """
            id: e
            name: Lenovo
            kind: firm
            description: A firm.
            mentions:
              - {paper: alpha, at: {paper: beta, section: s1}, note: Here.}
            """},
         "mentions[0].at.paper: the location is in paper 'beta' but the entry is about 'alpha'"),
        ({"concepts/oem.yml": SECOND_CONCEPT + "reading_path:\n  - {paper: alpha, at: {section: s7}}\n"},
         "annotations/concepts/oem.yml:14:34: reading_path[0].at.section: paper 'alpha' has no section 's7'"),
        ({"concepts/oem.yml": SECOND_CONCEPT + "reading_path:\n  - {paper: beta, at: {section: s1}}\n",
          "papers/beta.yml": MINIMAL["papers/alpha.yml"].replace("alpha", "beta").replace("Alpha", "Beta")},
         "annotations/concepts/oem.yml:14:13: reading_path[0].paper: the reading path goes through paper 'beta',"
         " which has no sense of this concept — add a sense for 'beta' first, or use one of: alpha"),
    ],
)
def test_reference_problems(annotations, files: dict[str, str], expected: str) -> None:
    atlas = build_atlas(annotations(files))
    messages = [str(problem) for problem in atlas.problems]
    assert any(expected in message for message in messages), messages


def test_same_paper_crossref(annotations) -> None:
    atlas = build_atlas(annotations({"crossrefs/x.yml": """
        id: x
        relation: supports
        title: Same
        a: {paper: alpha, section: s1, claim: One.}
        b: {paper: alpha, section: s2, claim: Two.}
        note: N.
        """}))
    assert [problem.message for problem in atlas.problems] == ["both ends are in the same paper"]


def test_valid_tree_has_no_problems(annotations) -> None:
    atlas = build_atlas(annotations({"concepts/oem.yml": SECOND_CONCEPT}))
    assert atlas.problems == []
    assert set(atlas.index.concepts) == {"lie", "oem"}
    assert atlas.index.concepts_by_paper["alpha"] == ["lie", "oem"]


def test_duplicate_section_id_in_a_paper(annotations) -> None:
    atlas = build_atlas(annotations({"papers/beta.yml": """
        id: beta
        short_title: Beta
        gist: A paper.
        citation:
          type: report
          title: {value: Beta, source: text}
          authors: {value: [B. Beta], source: text}
          year: {unknown: true}
        sections:
          - {id: s1, label: "1"}
          - {id: s1, label: "1 again"}
        """}))
    assert [str(p) for p in atlas.problems] == [
        "annotations/papers/beta.yml:12:10: sections[1].id: the section id 's1' is used twice in this paper"
        " — give each section its own id"
    ]


@pytest.mark.parametrize("cell_at", ["[]", "[{section: s1}]"])
def test_unknown_row_paper_is_reported_once(annotations, cell_at: str) -> None:
    atlas = build_atlas(annotations({"tables/t.yml": f"""
        id: t
        title: T
        columns: [{{id: industry, label: Industry}}]
        rows:
          - label: Gamma
            paper: gamma
            cells:
              industry: {{text: Tools, at: {cell_at}}}
        """}))
    assert [str(problem) for problem in atlas.problems] == [
        "annotations/tables/t.yml:7:12: rows[0].paper: unknown paper 'gamma' — use one of: alpha"
    ]


ENTITY = """
id: lenovo
name: Lenovo
kind: firm
aliases: [Legend]
description: A firm.
mentions:
  - {paper: alpha, at: {section: s1}, note: Here.}
"""


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # two records, one id: the second would silently replace the first
        ({"concepts/oem.yml": SECOND_CONCEPT.replace("id: oem", "id: lie").replace("OEM]", "OEMs]")},
         "annotations/concepts/oem.yml:2:5: id: the id 'lie' is already the id of annotations/concepts/lie.yml"
         " — give each record its own id, in a file named after it"),
        # a record at an index page's address would replace it
        ({"concepts/index.yml": SECOND_CONCEPT.replace("id: oem", "id: index")},
         "annotations/concepts/index.yml:2:5: id: 'index' is the address of the concept index page, which this"
         " record would replace — choose another id (and rename the file to match)"),
        ({"entities/index.yml": ENTITY.replace("id: lenovo", "id: index")},
         "annotations/entities/index.yml:2:5: id: 'index' is the address of the entity index page"),
        # one old address cannot redirect to two pages
        ({"concepts/oem.yml": SECOND_CONCEPT + "former_ids: [old-name]\n",
          "concepts/odm.yml": SECOND_CONCEPT.replace("oem", "odm").replace("OEM", "ODM") + "former_ids: [old-name]\n"},
         "annotations/concepts/oem.yml:13:14: former_ids[0]: the former id 'old-name' is also a former id of concept"
         " 'odm' (annotations/concepts/odm.yml) — keep it on the one concept that had it"),
        ({"concepts/oem.yml": SECOND_CONCEPT + "former_ids: [index]\n"},
         "annotations/concepts/oem.yml:13:14: former_ids[0]: 'index' is the address of the concept index page"),
        ({"concepts/oem.yml": SECOND_CONCEPT + "former_ids: [old, old]\n"},
         "former_ids[1]: the former id 'old' is listed twice — remove one of them"),
        # look-alikes of a name another record has
        ({"entities/lenovo.yml": ENTITY, "entities/fake.yml": ENTITY.replace("lenovo", "fake").replace(
            "name: Lenovo", "name: Ｌｅｎｏｖｏ").replace("[Legend]", "[]")},
         "annotations/entities/fake.yml:3:7: name: the name 'Ｌｅｎｏｖｏ' looks the same as the name 'Lenovo' of"
         " entity 'lenovo' (annotations/entities/lenovo.yml), but is written with other characters ('Ｌ' (U+FF2C,"
         " FULLWIDTH LATIN CAPITAL LETTER L))"),
        ({"concepts/oem.yml": SECOND_CONCEPT.replace("[OEM]", "[OEM, ОЕМ]")},  # Cyrillic letters, in one record
         "annotations/concepts/oem.yml:4:16: aliases[1]: the name 'ОЕМ' looks the same as the name 'OEM' of concept"
         " 'oem' (annotations/concepts/oem.yml), but is written with other characters ('О' (U+041E, CYRILLIC CAPITAL"
         " LETTER O)) — write it with the same characters as the other name, or remove it"),
        ({"concepts/oem.yml": SECOND_CONCEPT.replace("[OEM]", "[OEM, Ｌｉｅ]")},
         "aliases[1]: the name 'Ｌｉｅ' looks the same as the name 'LIE' of concept 'lie'"),
        # names too short or too common to link without a decision
        ({"concepts/oem.yml": SECOND_CONCEPT.replace("term: Original equipment manufacturing", "term: The")},
         "annotations/concepts/oem.yml:3:7: term: the name 'The' is a common English word: the linker would link it"
         " wherever it appears — list it under `short_names_ok:` to confirm that it should be linked, or set"
         " `autolink: false`"),
        ({"concepts/oem.yml": SECOND_CONCEPT.replace("[OEM]", "[OEM, oe]")},
         "annotations/concepts/oem.yml:4:16: aliases[1]: the name 'oe' has fewer than 3 letters"),
        ({"concepts/oem.yml": SECOND_CONCEPT + "short_names_ok: [ODM]\n"},
         "annotations/concepts/oem.yml:13:18: short_names_ok[0]: 'ODM' is not one of this record's names"),
    ],
)
def test_ids_and_names_that_would_replace_or_mislead(annotations, files: dict[str, str], expected: str) -> None:
    messages = [str(problem) for problem in build_atlas(annotations(files)).problems]
    assert any(expected in message for message in messages), messages


def test_the_with_aliases_a_and_of_needs_one_confirmation_per_name(annotations) -> None:
    concept = SECOND_CONCEPT.replace("term: Original equipment manufacturing", "term: The").replace(
        "[OEM]", "[a, and, of]")
    problems = build_atlas(annotations({"concepts/oem.yml": concept})).problems
    assert [problem.field for problem in problems] == ["term", "aliases[0]", "aliases[1]", "aliases[2]"]
    confirmed = concept + "short_names_ok: [The, a, and, of]\n"
    assert build_atlas(annotations({"concepts/oem.yml": confirmed})).problems == []
    unlinked = concept + "autolink: false\n"
    assert build_atlas(annotations({"concepts/oem.yml": unlinked})).problems == []


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("How the senses differ. related:\n  - {concept: oem, relation: broader}", True),
        ("How the senses differ.\nreading_path:\n", True),
        ("Both read it so. note: {text: x}", True),
        ("The two are closely related:\n- one\n- two", False),
        ("The authors' note: [sic] marks the slip.", False),
        ("It asks: what drives learning?", False),
    ],
)
def test_text_holding_a_field_indented_into_it_is_refused(text: str, refused: bool) -> None:
    from pydantic import ValidationError

    from upgrading_atlas.model import Concept

    record = {"id": "x", "term": "X", "definition": "A concept.", "senses_compared": text,
              "senses": [{"paper": "alpha", "term_used": "x", "role": "context", "gist": "x", "meaning": "x",
                          "at": {"section": "s1"}}]}
    if refused:
        with pytest.raises(ValidationError, match="looks like a field indented into it"):
            Concept.model_validate(record)
    else:
        Concept.model_validate(record)
