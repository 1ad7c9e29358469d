"""The benchmark's corpus generator: its corpora are valid, build strictly, and are reproducible."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_mkdocs_build
from upgrading_atlas import build_atlas

sys.path.insert(0, str(ROOT / "bench"))
generate_corpus = importlib.import_module("generate_corpus")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bench") / "corpus"
    generate_corpus.generate(folder, scale=1, seed=generate_corpus.DEFAULT_SEED)
    return folder


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_corpus_of_scale_1_has_the_real_atlas_size(corpus: Path) -> None:
    counts = {kind: len(list((corpus / "annotations" / kind).glob("*.yml")))
              for kind in ("papers", "concepts", "entities", "crossrefs", "tables")}
    assert counts["papers"] == 5 and counts["concepts"] == 50 and counts["entities"] == 25
    assert counts["crossrefs"] > 0 and counts["tables"] > 0
    for path in (corpus / "annotations").rglob("*.yml"):
        kind = path.parent.name
        assert path.read_text(encoding="utf-8").startswith(
            f"# yaml-language-server: $schema=../../schema/{kind}.schema.json\n"
        ), path


@pytest.mark.parametrize(("scale", "papers", "records"), [(1, 5, 75), (10, 50, 548), (100, 500, 4000)])
def test_sizes(scale: float, papers: int, records: int) -> None:
    size = generate_corpus.CorpusSize.of(scale)
    assert (size.papers, size.concepts + size.entities) == (papers, records)


def test_paper_pages_have_realistic_length(corpus: Path) -> None:
    for path in (corpus / "docs" / "papers").glob("*.md"):
        if path.name != "index.md":
            assert 1_500 <= len(path.read_text(encoding="utf-8").split()) <= 3_300, path


def test_corpus_validates_with_no_problems(corpus: Path) -> None:
    assert build_atlas(corpus / "annotations").problems == []


def test_same_seed_writes_identical_files(corpus: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    generate_corpus.generate(again, scale=1, seed=generate_corpus.DEFAULT_SEED)
    assert files_of(again) == files_of(corpus)
    other = tmp_path / "other"
    generate_corpus.generate(other, scale=1, seed=generate_corpus.DEFAULT_SEED + 1)
    assert files_of(other) != files_of(corpus)


@pytest.mark.build
def test_small_corpus_builds_strictly(tmp_path: Path) -> None:
    site = tmp_path / "site-src"
    generate_corpus.generate(site, scale=0.4, seed=generate_corpus.DEFAULT_SEED)
    result = run_mkdocs_build(site, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "papers" / "index.html").read_text(encoding="utf-8")
    assert 'id="table-papers-at-a-glance"' in html
    concepts = list((tmp_path / "out" / "concepts").glob("*/index.html"))
    assert concepts and "atlas:backlinks" not in concepts[0].read_text(encoding="utf-8")
