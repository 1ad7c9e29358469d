"""Reading paths: where a paper's page discusses each of its sections, the paths' steps and their
links, the index page and the data the paper pages' script reads; and the folds of a paper's back
matter."""

from __future__ import annotations

import json
import textwrap

import pytest

from upgrading_atlas.atlas import build_atlas
from upgrading_atlas.stage.discussion import cited_sections, discussion_anchors
from upgrading_atlas.stage.folds import fold_sections
from upgrading_atlas.stage.kit import PageKit
from upgrading_atlas.stage.pages.reading_paths import reading_paths_index
from upgrading_atlas.stage.reading_paths import reading_path, reading_paths_json

PAPER = """
    id: {id}
    short_title: {title}
    gist: A paper about clusters.
    citation:
      type: report
      title: {{value: {title}, source: text}}
      authors: {{value: [A. {title}, B. Other], source: text}}
      year: {{value: 2001, source: text}}
    sections:
      - {{id: intro, label: Introduction}}
      - {{id: s1, label: "1", title: Background}}
      - {{id: s2, label: "2", title: Cases}}
      - {{id: s2-1, label: "2.1", title: One case}}
      - {{id: s3, label: "3", title: CONCLUSION}}
    """
CONCEPT = """
    id: cluster
    term: Industrial cluster
    definition: Firms of one industry near each other.
    senses:
      - {paper: alpha, term_used: cluster, role: foil, gist: argued against,
         meaning: Argued against., at: {section: s2}}
      - {paper: beta, term_used: cluster, role: context, gist: background,
         meaning: Background., at: {section: s1}}
      - {paper: gamma, term_used: cluster, role: mechanism, gist: drives learning,
         meaning: What drives learning., at: {section: s2}}
    """
PAGE = """\
---
atlas_paper: alpha
---
# Alpha

## In brief {#in-brief}

Alpha argues against clusters (§2, §3).

## The question {#question}

It asks why (Introduction, §1). It is not He & Wang's question (Beta §2).

## The argument, step by step {#argument}

### 1. Clusters fail {#argument-clusters}

One case shows it (§2.1; see Beta §1).

### 2. Something else {#argument-else}

Nothing here about clusters (Gamma §2).

## In conversation with the other papers {#conversation}

### With Beta {#with-beta}

Alpha's cases (§2) meet Beta's (Beta §2).

## Notes on the text {#notes-on-the-text}

- A misprint (§1).
"""


def _papers() -> dict[str, str]:
    files = {f"papers/{paper}.yml": PAPER.format(id=paper, title=paper.capitalize())
             for paper in ("alpha", "beta", "gamma")}
    return {**files, "concepts/cluster.yml": CONCEPT}


@pytest.fixture
def kit(annotations) -> PageKit:
    atlas = build_atlas(annotations(_papers(), replace=True))
    assert atlas.problems == []
    return PageKit(atlas.index, paper_pages={"alpha": PAGE})


def test_only_the_papers_own_sections_count_and_only_outside_its_conversation(kit: PageKit) -> None:
    cited = [(c.heading, c.section) for c in cited_sections(PAGE, kit.index.papers["alpha"])]
    assert cited == [("in-brief", "s2"), ("in-brief", "s3"), ("question", "intro"), ("question", "s1"),
                     ("argument-clusters", "s2-1")]


def test_a_range_counts_as_its_first_section_and_a_citation_may_run_over_two_lines(kit: PageKit) -> None:
    page = "## Findings {#findings}\n\nA range (§2–§3) and a citation over two lines (Beta §1; see\n§1).\n"
    cited = [(c.heading, c.section) for c in cited_sections(page, kit.index.papers["alpha"])]
    assert cited == [("findings", "s2"), ("findings", "s1")]


@pytest.mark.parametrize(
    ("section", "heading"),
    [
        ("s2-1", "argument-clusters"),  # a step of the argument
        ("s2", "argument-clusters"),    # cited in the summary, but discussed, through §2.1, in the argument
        ("intro", "question"),          # the body before the summaries
        ("s1", "question"),             # its mention in the notes on our copy does not count
        ("s3", "in-brief"),             # cited only in the summary
    ],
)
def test_a_section_lands_where_the_page_discusses_it(kit: PageKit, section: str, heading: str) -> None:
    assert discussion_anchors(PAGE, kit.index.papers["alpha"])[section] == heading


def test_a_section_the_page_never_cites_has_no_landing_place(kit: PageKit) -> None:
    assert discussion_anchors("## Summary {#summary}\n\nNothing cited.\n", kit.index.papers["alpha"]) == {}


def test_steps_link_where_the_page_discusses_them_and_carry_the_path(kit: PageKit) -> None:
    data = json.loads(reading_paths_json(kit))["paths"]["cluster"]
    assert data["title"] == "Industrial cluster"
    assert data["href"] == "concepts/cluster/#reading-path"
    # mechanism first, foil last; alpha's §2 lands on its argument, the others on their sections' entries
    assert [step["href"] for step in data["steps"]] == [
        "papers/gamma/?path=cluster&step=1#s2",
        "papers/beta/?path=cluster&step=2#s1",
        "papers/alpha/?path=cluster&step=3#argument-clusters",
    ]
    assert [step["label"] for step in data["steps"]] == ["Gamma, §2", "Beta, §1", "Alpha, §2"]
    assert data["steps"][0]["title"] == "Gamma, §2: Cases"


def test_the_index_lists_every_path_at_an_anchor_of_its_own(kit: PageKit) -> None:
    page = reading_paths_index(kit)
    assert page.source == "reading-paths/index.md"
    assert "## Industrial cluster {#cluster}" in page.markdown
    assert '<a href="../papers/gamma/?path=cluster&amp;step=1#s2">Start at step 1</a>' in page.markdown
    assert '<a href="../concepts/cluster/#reading-path">' in page.markdown


def test_a_concept_of_fewer_papers_has_no_path(kit: PageKit, annotations) -> None:
    assert reading_path(kit.index, "cluster") is not None
    atlas = build_atlas(annotations())
    assert reading_path(atlas.index, "lie") is None
    assert "{#lie}" not in reading_paths_index(PageKit(atlas.index)).markdown


# --- folds -----------------------------------------------------------------------------------------

FOLDED_PAGE = textwrap.dedent("""\
    ## Limits {#limits}

    Stays open.

    ## In conversation with the other papers {#conversation}

    ### With Beta {#with-beta}

    Text about *Beta*.

    ### With Gamma & Delta {#with-gamma}

    Text about Gamma.

    ## Notes on the text {#notes-on-the-text}

    - One remark.
    - Another.

    <!-- atlas:crossrefs alpha -->
    """).splitlines()


def test_back_matter_folds_under_its_heading_with_a_summary_of_what_it_holds() -> None:
    text = "\n".join(fold_sections(FOLDED_PAGE))
    conversation = text.split("{#conversation}", 1)[1].split("## Notes", 1)[0]
    assert conversation.lstrip().startswith('<details class="atlas-fold" markdown>\n'
                                            "<summary>With Beta · With Gamma &amp; Delta</summary>")
    assert "### With Beta {#with-beta}" in conversation and conversation.rstrip().endswith("</details>")
    notes = text.split("{#notes-on-the-text}", 1)[1]
    assert "<summary>2 remarks on our copy of the text</summary>" in notes
    # the fold ends before the marker, whose generated content has a heading of its own
    assert notes.index("</details>") < notes.index("<!-- atlas:crossrefs alpha -->")
    assert "Stays open." in text.split("<details", 1)[0]


def test_an_empty_section_does_not_fold() -> None:
    lines = ["## Notes on the text {#notes-on-the-text}", "", "## Next {#next}"]
    assert fold_sections(lines) == lines
