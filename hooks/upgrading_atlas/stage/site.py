"""Stage the whole site: hand-written pages and annotations in, one complete source folder out.

Every output file is a pure function of its inputs, so that a rebuild rewrites only what changed
and any builder can read the result: generated pages with their backlinks filled, hand-written
pages with their markers expanded, the JSON export, the schemas, the citation files and the
redirect pages. What still happens while a page renders is mention linking, done by the Markdown
extension (``link.markdown_extension``) from the page's first line; staging converts each
hand-written page once with the same extension to learn which links it will get, for backlinks.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import posixpath
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from ..front_matter import split_front_matter
from ..index import AtlasIndex, LinkTarget
from ..link.linker import TermMatcher
from ..link.markdown_extension import page_marker
from ..link.urls import UrlScheme
from ..problems import Problem, display_path
from .backlinks import Mention, fill_backlinks
from .builders import BUILDERS, Builder
from .citations import highwire_meta
from .export import export_json, json_schemas
from .folds import fold_sections
from .fragments import MARKER, MarkerError, expand_marker_lines
from .fragments.citation import citation_files
from .kit import GeneratedPage, PageKit
from .memo import Memo
from .mention_finder import MarkdownSettings, MentionFinder
from .page_assets import with_page_assets
from .pages.compare import compare_pages
from .pages.concept import concept_page
from .pages.crossrefs import crossrefs_page
from .pages.entity import entity_page
from .pages.indexes import concepts_index, entities_index
from .pages.map import map_page
from .pages.reading_paths import reading_paths_index
from .reading_paths import DATA_PATH as READING_PATHS_PATH
from .reading_paths import reading_paths_json
from .redirects import redirect_pages

CONTRIBUTOR_FOLDER = "contribute/"
"""Pages for contributors, kept out of the search readers use and out of backlinks (they have their
own tab in the menu)."""
EXPORT_PATH = "data/atlas.json"
"""The stable URL of the JSON export of all annotations."""
SCHEMA_FOLDER = "schema"


@dataclass
class StagedSite:
    """The staged source folder, as files in memory, and the problems met while staging."""

    files: dict[str, bytes] = field(default_factory=dict)
    """Each file's path relative to the folder (``concepts/lie.md``) and its content."""
    problems: list[Problem] = field(default_factory=list)
    """Problems in the hand-written pages, located in the docs folder."""
    matcher: TermMatcher | None = None
    """The names the Markdown extension links, as staging found them."""
    table_pages: dict[str, str] = field(default_factory=dict)
    """For each table, the hand-written page that places it."""


@dataclass(frozen=True)
class HandWrittenPage:
    """A page from the docs folder, staged."""

    text: str
    title: str
    mentions: list[tuple[LinkTarget, Mention]]
    """Each link the page makes, made by staging (in fragments) or to be made by the extension."""


class StageMemory:
    """What a staging run leaves for the next one in the same process (``mkdocs serve``)."""

    def __init__(self) -> None:
        self.prose: Memo[Markup] = Memo()
        self.finder: MentionFinder | None = None
        self.settings: MarkdownSettings | None = None

    def finder_for(self, settings: MarkdownSettings) -> MentionFinder:
        """The mention finder for ``settings``, made once."""
        if self.finder is None or self.settings != settings:
            self.finder, self.settings = MentionFinder(settings), settings
        return self.finder


def stage_site(
    index: AtlasIndex, docs_dir: Path, *, builder: Builder = BUILDERS["mkdocs"], urls: UrlScheme | None = None,
    markdown_settings: MarkdownSettings | None = None, template_dirs: Iterable[Path] = (),
    memory: StageMemory | None = None,
) -> StagedSite:
    """The complete source folder for ``builder``: ``docs_dir``'s files and everything the atlas adds.
    With ``memory``, what earlier runs made and nothing since changed is reused."""
    memory = memory or StageMemory()
    docs = _docs_files(docs_dir)
    pages = {path: content.decode("utf-8") for path, content in docs.items() if path.endswith(".md")}
    kit = PageKit(index, urls or UrlScheme(), template_dirs, builder, table_pages=_table_pages(pages),
                  prose=memory.prose, paper_pages=_paper_pages(pages))
    memory.prose.start(index.names)
    finder = memory.finder_for(markdown_settings or MarkdownSettings())
    finder.start(kit)
    staged = StagedSite(matcher=kit.matcher, table_pages=kit.table_pages)
    mentions: dict[str, list[Mention]] = defaultdict(list)
    generated = [page for page in generated_pages(kit) if page.source not in pages]
    for page in generated:
        title = _generated_title(page.markdown) or page.source
        for target in page.mentions:
            mentions[f"{target.kind}/{target.id}"].append(Mention(page.source, title))
    for source, text in sorted(pages.items()):
        written = stage_page(kit, finder, source, text, lambda problem: staged.problems.append(
            dataclasses.replace(problem, file=display_path(docs_dir / problem.file, docs_dir))))
        staged.files[source] = with_page_assets(written.text).encode("utf-8")
        if source.startswith(CONTRIBUTOR_FOLDER):
            continue  # a contributor page's examples are not what a reader asking "what links here" wants
        for target, mention in written.mentions:
            mentions[f"{target.kind}/{target.id}"].append(mention)
    for page in generated:
        text = with_page_assets(fill_backlinks(kit, page.markdown, page.source, mentions))
        staged.files[page.source] = text.encode("utf-8")
    for path, content in docs.items():
        if not path.endswith(".md"):
            staged.files[path] = content
    staged.files.update(data_files(kit))
    memory.prose.finish()
    finder.memo.finish()
    return staged


def generated_pages(kit: PageKit) -> list[GeneratedPage]:
    """Every page the atlas generates."""
    pages = [concept_page(kit, concept_id) for concept_id in kit.index.concepts]
    pages += [entity_page(kit, entity_id) for entity_id in kit.index.entities]
    pages += [concepts_index(kit), entities_index(kit), crossrefs_page(kit), map_page(kit), reading_paths_index(kit)]
    pages += compare_pages(kit)
    return pages


def data_files(kit: PageKit) -> dict[str, bytes]:
    """The export, the reading paths, the schemas, the citation files and the redirect pages."""
    files = {EXPORT_PATH: export_json(kit.index).encode("utf-8"),
             READING_PATHS_PATH: reading_paths_json(kit).encode("utf-8")}
    files.update({f"{SCHEMA_FOLDER}/{name}": text.encode("utf-8") for name, text in json_schemas().items()})
    for paper in kit.index.papers.values():
        files.update({path: text.encode("utf-8") for path, text in citation_files(paper)})
    files.update({path: html.encode("utf-8") for path, html in redirect_pages(kit)})
    return files


def stage_page(
    kit: PageKit, finder: MentionFinder, source: str, text: str, report: Callable[[Problem], None]
) -> HandWrittenPage:
    """A hand-written page with its markers expanded (a paper's page with its back matter folded,
    ``folds``), its paper's citation tags in its front matter, and the line that tells the Markdown
    extension which page it is."""
    page = split_front_matter(text)
    meta, front, body, body_line = page.meta, page.yaml, page.body, page.body_line
    context = kit.link_context(source)

    def on_error(number: int, line: str, error: MarkerError) -> str:
        marker = MARKER.match(line)
        field = f"atlas:{marker['name']}" if marker else "marker"
        report(Problem(source, body_line + number - 1, 1, field, error.message, error.fix))
        return '<p class="atlas-error">This generated block could not be built.</p>'

    lines = expand_marker_lines(kit, body.splitlines(), source, context, on_error)
    paper = kit.index.papers.get(str(meta.get("atlas_paper", "")))
    if paper is not None:
        lines = fold_sections(lines)
        # read by overrides/main.html: Highwire Press tags, so reference managers save the paper
        front += "atlas_head_meta: " + json.dumps(highwire_meta(paper), ensure_ascii=False) + "\n"
    if source.startswith(CONTRIBUTOR_FOLDER) and "search" not in meta:
        front += "search:\n  exclude: true\n"
    autolink = meta.get("atlas_autolink", True) is not False
    body = "\n".join(lines) + "\n"
    links, found = finder.find(source, body, autolink)
    title = str(meta.get("title") or links.title or posixpath.splitext(posixpath.basename(source))[0])
    mentions = [(target, Mention(source, title)) for target, _ in context.found]
    mentions += [(target, Mention(source, title, heading, links.headings.get(heading or "")))
                 for target, heading in found]
    # the marker carries a digest of what the page links: when a definition changes, so does the
    # staged page, and a builder that rebuilds only changed pages rebuilds it (new tooltips)
    marker = page_marker(source, _digest(target for target, _ in found)) + "\n" if autolink else ""
    staged = (f"---\n{front}---\n" if front else "") + marker + body
    return HandWrittenPage(staged, title, mentions)


def _digest(targets: Iterable[LinkTarget]) -> str:
    """A short digest of the targets a page links, and of what their links show."""
    text = "\n".join(sorted({f"{t.kind}/{t.id}\t{t.label}\t{t.tooltip}" for t in targets}))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _docs_files(docs_dir: Path) -> dict[str, bytes]:
    """Every file of the docs folder by its path inside it; hidden files and folders left out."""
    files = {}
    for path in sorted(docs_dir.rglob("*")):
        relative = path.relative_to(docs_dir)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            files[relative.as_posix()] = path.read_bytes()
    return files


def _table_pages(pages: dict[str, str]) -> dict[str, str]:
    """For each table placed by a marker, the first page (in path order) that places it."""
    placed: dict[str, str] = {}
    for source in sorted(pages):
        for match in MARKER.finditer(pages[source]):
            if match["name"] == "table" and match["argument"]:
                placed.setdefault(match["argument"], source)
    return placed


TITLE_LINE = re.compile(r"^title: (?P<title>.+)$", re.MULTILINE)
"""A generated page's title: a JSON string where it holds a name, plain words otherwise."""


def _generated_title(markdown: str) -> str | None:
    match = TITLE_LINE.search(markdown.split("\n---\n", 1)[0])
    if match is None:
        return None
    title = match["title"].strip()
    return str(json.loads(title)) if title.startswith('"') else title


def _paper_pages(pages: dict[str, str]) -> dict[str, str]:
    """For each paper, the Markdown of the page that names it in its front matter (``atlas_paper``)."""
    found: dict[str, str] = {}
    for source in sorted(pages):
        paper = split_front_matter(pages[source]).meta.get("atlas_paper")
        if isinstance(paper, str):
            found.setdefault(paper, pages[source])
    return found


def write_staged(staged: StagedSite, out_dir: Path) -> tuple[list[str], list[str]]:
    """Write the staged files into ``out_dir``, touching only those whose content changed (so that
    a builder's incremental rebuild sees only them), and remove files no longer staged.
    Returns (written, removed) paths."""
    written, removed = [], []
    for path, content in staged.files.items():
        target = out_dir / path
        if target.is_file() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written.append(path)
    if out_dir.is_dir():
        for target in sorted(out_dir.rglob("*"), reverse=True):
            relative = target.relative_to(out_dir).as_posix()
            if target.is_file() and relative not in staged.files:
                target.unlink()
                removed.append(relative)
            elif target.is_dir() and not any(target.iterdir()):
                target.rmdir()
    return written, removed
