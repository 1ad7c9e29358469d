"""Every quotation on the site matches its paper, is short and is located; summaries are our own words.

The papers' full texts are not in the repository: they are not ours to publish. Only a maintainer who
holds them can run these checks, with ``ATLAS_PAPERS=/path/to/papers make test`` (or with the texts
in ``../shared/papers/`` beside the clone). Everywhere else (a contributor's clone, the pull-request
workflow on GitHub) they are skipped with a message saying so, and the reviewer's checklist asks a
maintainer to run them before merging.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from conftest import PAPERS_DIR, ROOT, VERBATIM_CHECK
from upgrading_atlas.atlas import build_atlas
from upgrading_atlas.model import QUOTATION_MAX_WORDS, Concept, CrossReference
from upgrading_atlas.validate.quotations import PAPER_FILES, PaperTexts, page_quotations

SKIPPED_WHY = (
    "the papers' full texts are not in this repository, nor at {where}; a maintainer who holds them runs "
    "these checks with ATLAS_PAPERS=/path/to/papers make test (the reviewer's checklist asks for it)"
)
pytestmark = pytest.mark.skipif(not PAPERS_DIR.is_dir(), reason=SKIPPED_WHY.format(where=PAPERS_DIR))


@pytest.fixture(scope="module")
def texts() -> PaperTexts:
    return PaperTexts(PAPERS_DIR)


def annotation_quotations() -> Iterator[tuple[str, str, str]]:
    """(where, paper, quotation) for every quotation in the annotations."""
    atlas = build_atlas(ROOT / "annotations")
    for item in atlas.records:
        record = item.record
        if isinstance(record, Concept):
            for index, sense in enumerate(record.senses):
                if sense.quote:
                    paper = sense.quote.at.paper if sense.quote.at and sense.quote.at.paper else sense.paper
                    yield f"{item.source.file}: senses[{index}].quote", paper, sense.quote.text
        elif isinstance(record, CrossReference):
            for end in ("a", "b"):
                claim = getattr(record, end)
                if claim.quote:
                    yield f"{item.source.file}: {end}.quote", claim.paper, claim.quote.text


def page_paper(path: Path) -> str | None:
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        meta = yaml.safe_load(text.split("---\n")[1]) or {}
        return meta.get("atlas_paper")
    return None


def page_quotation_cases() -> Iterator[tuple[str, str | None, str, bool]]:
    for path in sorted((ROOT / "docs").rglob("*.md")):
        if "contribute" in path.parts:
            continue  # the guide's examples are not quotations
        paper = page_paper(path)
        for quotation in page_quotations(path.read_text(encoding="utf-8")):
            where = f"{path.relative_to(ROOT)}:{quotation.line}"
            yield where, paper, quotation.text, quotation.located


def test_annotation_quotations_match_their_paper(texts: PaperTexts) -> None:
    failures = []
    cases = list(annotation_quotations())
    for where, paper, quotation in cases:
        result = texts.check(quotation, paper)
        if not result.found:
            failures.append(f"{where}\n  quotation: {quotation}\n  closest in {paper}: {result.closest}")
        elif result.too_long:
            failures.append(f"{where}: {result.words} words; at most {QUOTATION_MAX_WORDS}")
    assert not failures, f"{len(failures)} of {len(cases)} quotations fail:\n" + "\n".join(failures)


def test_page_quotations_match_and_are_located(texts: PaperTexts) -> None:
    failures = []
    cases = list(page_quotation_cases())
    for where, paper, quotation, located in cases:
        # a paper page mostly quotes its own paper, and may quote another (located in that paper)
        papers = [paper, *(p for p in PAPER_FILES if p != paper)] if paper else list(PAPER_FILES)
        results = [texts.check(quotation, candidate) for candidate in papers]
        found = next((result for result in results if result.found), None)
        if found is None:
            closest = max(results, key=lambda result: len(result.closest))
            failures.append(f"{where}\n  quotation: {quotation}\n  closest in {closest.paper}: {closest.closest}")
        elif found.too_long:
            failures.append(f"{where}: {found.words} words; at most {QUOTATION_MAX_WORDS}")
        elif paper and not located and len(quotation.split()) > 3:
            failures.append(f"{where}: “{quotation}” has no location, such as (§4.1), after it")
    assert cases, "no quotations found on the pages: the extraction is broken"
    assert not failures, f"{len(failures)} of {len(cases)} page quotations fail:\n" + "\n".join(failures)


def test_quotation_check_reports_a_miss_with_the_closest_passage(texts: PaperTexts) -> None:
    result = texts.check("formalized Corporate Production Systems (CPS) are emblematic", "herrigel-wittke-voskamp")
    assert not result.found
    assert "corporate production systems (cpss)" in result.closest.lower()


def test_no_text_copied_word_for_word() -> None:
    if not VERBATIM_CHECK.is_file():
        pytest.skip(f"the maintainers' verbatim check is not in this repository, nor at {VERBATIM_CHECK}; a "
                    "maintainer who holds it runs it with ATLAS_VERBATIM_CHECK=/path/to/verbatim_check.py make test")
    command = [sys.executable, str(VERBATIM_CHECK), str(ROOT), "--papers", str(PAPERS_DIR)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
