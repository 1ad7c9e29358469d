"""Shared helpers: small annotation trees written to temporary folders, and site builds."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SITE = ROOT / "tests" / "fixtures" / "site"
PAPERS_DIR = Path(os.environ.get("ATLAS_PAPERS") or ROOT.parent / "shared" / "papers")
"""The papers' full texts, which are not in the repository (they are not ours to publish): set
ATLAS_PAPERS to their folder, or keep the maintainers' ``shared/papers/`` beside the clone."""
VERBATIM_CHECK = Path(os.environ.get("ATLAS_VERBATIM_CHECK") or PAPERS_DIR.parent / "tools" / "verbatim_check.py")
"""The maintainers' tool that finds text copied from the papers; kept beside their texts, not here."""
SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/{kind}.schema.json\n"

MINIMAL = {
    "papers/alpha.yml": """
        id: alpha
        short_title: Alpha (2001)
        gist: A paper.
        citation:
          type: report
          title: {value: Alpha, source: text}
          authors: {value: [A. Alpha], source: text}
          year: {value: 2001, source: text}
        sections:
          - {id: s1, label: "1", title: Introduction}
          - {id: s2, label: "2", title: Findings}
        """,
    "concepts/lie.yml": """
        id: lie
        term: Leading innovative enterprise
        aliases: [LIE, LIEs]
        definition: A firm that organizes innovation among its suppliers.
        senses:
          - paper: alpha
            term_used: LIE
            gist: One line.
            role: mechanism
            meaning: The organizer of a network.
            at: {section: s1}
        """,
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite the golden files from the output")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def write_annotations(root: Path, files: dict[str, str], with_schema_line: bool = True) -> Path:
    """Write ``files`` (path under annotations/ to YAML text) into ``root/annotations``."""
    folder = root / "annotations"
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        body = textwrap.dedent(text).lstrip("\n")
        header = SCHEMA_LINE.format(kind=name.split("/")[0]) if with_schema_line else ""
        path.write_text(header + body, encoding="utf-8")
    return folder


@pytest.fixture
def annotations(tmp_path: Path):
    """A factory: ``annotations({...})`` writes the minimal tree plus the given files."""

    def make(files: dict[str, str] | None = None, replace: bool = False) -> Path:
        return write_annotations(tmp_path, files if replace else {**MINIMAL, **(files or {})})

    return make


def copy_fixture_site(destination: Path) -> Path:
    """A copy of the fixture site whose hook path points at this checkout."""
    site = destination / "site-src"
    shutil.copytree(FIXTURE_SITE, site)
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("../../../hooks/mkdocs_hook.py", str(ROOT / "hooks" / "mkdocs_hook.py"))
    )
    return site


BUILDERS = ("mkdocs", "zensical")
"""The builders the site is built with: the same staging, two renderers."""


def build_real_site(builder: str, work: Path) -> Path:
    """The real site built strictly with ``builder`` (the way ``make build`` and ``make build-zensical``
    do) into a folder under ``work``; returns the built site."""
    if builder == "mkdocs":
        commands = [[sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(work / "site")]]
    else:
        config = work / "zensical.yml"
        commands = [
            [sys.executable, "-m", "upgrading_atlas", "stage", str(work / "docs"), "--builder", "zensical",
             "--builder-config", str(config)],
            [str(Path(sys.executable).parent / "zensical"), "build", "--clean", "--strict", "-f", str(config)],
        ]
    for command in commands:
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False, timeout=900)
        assert result.returncode == 0, " ".join(command) + "\n" + result.stdout + result.stderr
    return work / "site"


_BUILT: dict[str, Path] = {}


def _site_built_with(builder: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if builder not in _BUILT:
        _BUILT[builder] = build_real_site(builder, tmp_path_factory.mktemp(f"real-site-{builder}"))
    return _BUILT[builder]


@pytest.fixture(scope="session", params=BUILDERS)
def builder(request: pytest.FixtureRequest) -> str:
    """Each builder in turn."""
    return str(request.param)


@pytest.fixture(scope="session")
def real_site(builder: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per builder, for every test that reads it."""
    return _site_built_with(builder, tmp_path_factory)


@pytest.fixture(scope="session")
def mkdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site built with MkDocs, for tests of what only MkDocs does."""
    return _site_built_with("mkdocs", tmp_path_factory)


def run_mkdocs_build(site: Path, output: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of ``site`` into ``output``."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(output)],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


class TagCollector(HTMLParser):
    """Every start tag of a document, with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _UnderPrefix(_QuietHandler):
    """Serves the site under a path prefix; anything outside it is not found."""

    def __init__(self, prefix: str, *args: Any, **kwargs: Any) -> None:
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        if path != self.prefix and not path.startswith(self.prefix + "/"):
            return str(Path(self.directory) / "__outside_the_prefix__")
        return super().translate_path(path[len(self.prefix):] or "/")


@contextlib.contextmanager
def served(site: Path, prefix: str = "") -> Iterator[str]:
    """``site`` served on 127.0.0.1 for the duration, at ``/`` or under ``/<prefix>/`` as a project
    site is: yields its base URL, ending in ``/``."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    if prefix:
        handler = functools.partial(_UnderPrefix, f"/{prefix}", directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/" + (f"{prefix}/" if prefix else "")
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def base_url(real_site: Path) -> Iterator[str]:
    """The real site (once per builder) served on 127.0.0.1."""
    with served(real_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """The system's Chromium, driven by Playwright (``browser.py`` says when tests are skipped)."""
    from browser import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A page at 390 × 844, with touch."""
    from browser import PHONE

    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser: Any) -> Iterator[Any]:
    """A page at 1280 × 800."""
    from browser import DESKTOP

    context = browser.new_context(**DESKTOP)
    yield context.new_page()
    context.close()
