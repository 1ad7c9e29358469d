"""A contributor's whole flow, as the guide tells it, in a copy of the repository: ``make new`` for a
concept and a cross-reference, fill them in, ``make check``, ``make urls``, then the checks the test
suite runs on the real annotations. A scaffold left unfilled must fail ``make check`` with one located
message per empty field, and publish nothing.

The make targets run as written in the Makefile, with this test's virtual environment (``BIN``) and
a stamp that says it is ready (``STAMP``), so that the copy installs nothing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from test_scaffold import leaves

from conftest import PAPERS_DIR, ROOT, VERBATIM_CHECK
from upgrading_atlas.atlas import build_atlas
from upgrading_atlas.problems import field_path

pytestmark = pytest.mark.build

CONCEPT = "contributor-flow-example"
CROSSREF = "contributor-flow-example-crossref"
LEFT_OUT = {".git", ".venv", "site", "site-zensical", ".cache", "build", "screenshots", ".pytest_cache",
            ".mypy_cache", ".ruff_cache", ".hypothesis"}
"""What a fresh clone does not have, at the top of the repository."""
SUITE_CHECKS = ["tests/test_site.py", "tests/test_concept_map.py", "tests/test_schema.py", "tests/test_fidelity.py"]
"""The tests that check the real annotations and the site made of them. In the copy they run with
MkDocs only, and without the link checker (minutes; the anchor test and the strict build cover the
links of a new page) or the reproducibility build, which do not depend on what was added."""


def copy_repository(destination: Path) -> Path:
    def left_out(folder: str, names: list[str]) -> set[str]:
        top = Path(folder).resolve() == ROOT
        return {name for name in names if name == "__pycache__" or (top and name in LEFT_OUT)}

    copy = destination / "atlas"
    shutil.copytree(ROOT, copy, ignore=left_out)
    (copy / ".venv-ready").touch()  # newer than the lock file: make's bootstrap sees nothing to do
    return copy


def make(copy: Path, *args: str) -> subprocess.CompletedProcess[str]:
    bin_dir = Path(sys.executable).parent
    return subprocess.run(
        ["make", "--no-print-directory", *args, f"BIN={bin_dir}", "STAMP=.venv-ready"],
        cwd=copy, capture_output=True, text=True, check=False, timeout=900,
    )


def empty_fields(path: Path) -> list[str]:
    return [field_path(where) for where, value in leaves(yaml.safe_load(path.read_text(encoding="utf-8")))
            if value is None]


def two_papers(copy: Path) -> list[tuple[str, str]]:
    """Two papers of the copy, each with its first section: wherever the corpus stands."""
    papers = build_atlas(copy / "annotations").index.papers
    assert len(papers) >= 2
    return [(paper.id, paper.sections[0].id) for paper in list(papers.values())[:2]]


def fill_in(copy: Path) -> None:
    (first, first_section), (second, second_section) = two_papers(copy)
    folder = copy / "annotations"
    schema = "# yaml-language-server: $schema=../../schema/{}.schema.json\n"
    (folder / "concepts" / f"{CONCEPT}.yml").write_text(schema.format("concepts") + textwrap.dedent(f"""\
        id: {CONCEPT}
        term: Contributor flow example
        definition: A concept written by the test of the contributor's flow, in its own words.
        senses:
          - paper: {first}
            term_used: contributor flow example
            role: context
            gist: The test's own sense.
            meaning: What the test means by it, in its own words.
            at: {{section: {first_section}}}
          - paper: {second}
            term_used: flow example
            role: context
            gist: The same sense, for the second paper.
            meaning: The same, as the second paper would have it.
            at: {{section: {second_section}}}
        """), encoding="utf-8")
    (folder / "crossrefs" / f"{CROSSREF}.yml").write_text(schema.format("crossrefs") + textwrap.dedent(f"""\
        id: {CROSSREF}
        relation: supports
        title: Two papers on the flow example
        a:
          paper: {first}
          section: {first_section}
          claim: The first paper's claim, stated by the test.
        b:
          paper: {second}
          section: {second_section}
          claim: The second paper's claim, which supports the first.
        note: Both claims are the test's own, related so that a reader could disagree.
        concepts: [{CONCEPT}]
        """), encoding="utf-8")


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_repository(tmp_path_factory.mktemp("contributor"))


def test_an_unfilled_scaffold_fails_check_once_per_empty_field_and_publishes_nothing(copy: Path) -> None:
    created = make(copy, "new", "KIND=concept", f"ID={CONCEPT}")
    assert created.returncode == 0, created.stdout + created.stderr
    path = copy / "annotations" / "concepts" / f"{CONCEPT}.yml"
    checked = make(copy, "check")
    assert checked.returncode != 0
    messages = [line for line in checked.stderr.splitlines() if line.startswith(f"annotations/concepts/{CONCEPT}.yml:")]
    located = [re.match(rf"annotations/concepts/{CONCEPT}\.yml:\d+:\d+: (\S+): this field is empty — ", line)
               for line in messages]
    assert all(located), messages
    assert sorted(match[1] for match in located if match) == sorted(empty_fields(path))
    built = make(copy, "build")
    assert built.returncode != 0
    assert not (copy / "site" / "concepts" / CONCEPT).exists()


def test_the_documented_flow_ends_green(copy: Path) -> None:
    if not (copy / "annotations" / "concepts" / f"{CONCEPT}.yml").exists():
        assert make(copy, "new", "KIND=concept", f"ID={CONCEPT}").returncode == 0
    created = make(copy, "new", "KIND=crossref", f"ID={CROSSREF}")
    assert created.returncode == 0, created.stderr
    fill_in(copy)
    checked = make(copy, "check")
    assert checked.returncode == 0, checked.stderr
    registered = make(copy, "urls")
    assert registered.returncode == 0, registered.stderr
    assert f"  + concepts/{CONCEPT}/\n" in registered.stdout
    assert f"crossrefs/#{CROSSREF}" in (copy / "published-urls.txt").read_text()

    environment = {**os.environ, "ATLAS_PAPERS": str(PAPERS_DIR), "ATLAS_VERBATIM_CHECK": str(VERBATIM_CHECK)}
    suite = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not browser",
         "-k", "not zensical and not linkchecker and not reproducible", *SUITE_CHECKS],
        cwd=copy, capture_output=True, text=True, check=False, timeout=900, env=environment,
    )
    assert suite.returncode == 0, suite.stdout[-6000:] + suite.stderr[-2000:]
    assert re.search(r"\b\d{2,} passed", suite.stdout), suite.stdout[-2000:]

    # and a published URL still may not disappear: the concept removed, the registry test fails on it
    (copy / "annotations" / "concepts" / f"{CONCEPT}.yml").unlink()
    (copy / "annotations" / "crossrefs" / f"{CROSSREF}.yml").unlink()
    lost = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_site.py",
         "-k", "test_no_published_url_disappears and mkdocs"],
        cwd=copy, capture_output=True, text=True, check=False, timeout=900,
    )
    assert lost.returncode != 0
    assert f"concepts/{CONCEPT}/" in lost.stdout
