"""Which page shows a problem in a preview: the page the problem's record makes, its kind's index,
or the home page when neither exists."""

from __future__ import annotations

import pytest

from upgrading_atlas.problems import Problem
from upgrading_atlas.stage.notices import add_notices, pages_affected

PAGES = {"index.md", "concepts/index.md", "concepts/lie.md", "entities/index.md", "papers/alpha.md",
         "crossrefs/index.md", "comparisons/index.md"}


def problem(file: str) -> Problem:
    return Problem(file, 3, 5, "field", "is wrong <b>", "fix it")


@pytest.mark.parametrize(
    ("file", "pages"),
    [
        ("annotations/concepts/lie.yml", ["concepts/lie.md", "concepts/index.md"]),
        ("annotations/concepts/gone.yml", ["concepts/index.md"]),
        ("annotations/entities/lenovo.yml", ["entities/index.md"]),
        ("annotations/papers/alpha.yml", ["papers/alpha.md"]),
        ("annotations/crossrefs/x.yml", ["crossrefs/index.md"]),
        ("annotations/tables/glance.yml", ["comparisons/index.md"]),
        ("annotations/stray.yml", ["index.md"]),
        ("docs/papers/alpha.md", ["papers/alpha.md"]),
    ],
)
def test_a_problem_is_shown_on_the_pages_it_concerns(file: str, pages: list[str]) -> None:
    assert pages_affected(problem(file), PAGES, {"glance": "comparisons/index.md"}) == pages


def test_the_notice_follows_the_front_matter_and_the_page_marker_and_escapes_the_problem() -> None:
    files = {"concepts/lie.md": b"---\ntitle: LIE\n---\n<!-- atlas:page concepts/lie.md -->\n# LIE\n",
             "index.md": b"# Home\n"}
    shown = add_notices(files, [problem("annotations/concepts/lie.yml")], {})
    assert shown == {"concepts/lie.md"}
    text = files["concepts/lie.md"].decode()
    assert text.startswith("---\ntitle: LIE\n---\n<!-- atlas:page concepts/lie.md -->\n<div class=\"admonition")
    assert "is wrong &lt;b&gt;" in text and "<b>" not in text
    assert files["index.md"] == b"# Home\n"
