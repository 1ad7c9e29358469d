"""Fuzzing the whole engine with hostile input: bytes that are barely YAML, and records whose names
and prose hold control characters, Markdown's own placeholders, deep nesting and long runs.

Whatever comes in, no exception escapes; either every problem is located, on one printable line, or
the site renders, through the same Markdown pipeline as a build, with no page losing generated
content and no attribute broken open; and no input costs more than a few seconds.

``make test`` runs a few dozen examples of each; ``make fuzz`` runs each for ten minutes
(``ATLAS_FUZZ_MINUTES`` sets how long) and prints how many examples each tried.
"""

from __future__ import annotations

import os
import re
import shutil
import time
import xml.etree.ElementTree as etree
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import FIXTURE_SITE
from upgrading_atlas.atlas import Atlas, build_atlas
from upgrading_atlas.characters import BIDI_CONTROLS
from upgrading_atlas.link.markdown_extension import AtlasExtension
from upgrading_atlas.link.safe_text import SafeMarkdown
from upgrading_atlas.markdown_budget import within_budget
from upgrading_atlas.stage.site import MarkdownSettings, stage_site

FUZZ_MINUTES = float(os.environ.get("ATLAS_FUZZ_MINUTES", "0"))
"""How long each fuzzer runs (``make fuzz``); without it, each runs one small batch."""
BATCH = 500
"""Examples in one batch of a long run."""
EXAMPLES_TRIED: dict[str, int] = {}
SECONDS_PER_EXAMPLE = 5.0
"""The most processor time one example may take, loading, checking and rendering a small site included
(processor time, not the clock's: the machine may be busy with other work)."""
PROBLEM_LINE = re.compile(r"^annotations/\S.*?:\d+:\d+: \S")
SITE_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
                   "pymdownx.details", "pymdownx.superfences", "pymdownx.smartsymbols"]
"""The real site's Markdown extensions (mkdocs.yml), but snippets, which reads files."""
UNSAFE_TAGS = {"script", "iframe", "img", "object", "embed", "style", "base", "meta", "link"}


def fuzz(default: int) -> Any:
    """Hypothesis settings: ``default`` examples in the test suite, batches of ``BATCH`` in a long run."""
    return settings(max_examples=BATCH if FUZZ_MINUTES else default, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))


# --- what the fuzzers write -----------------------------------------------------------------------

CONTROL = st.characters(max_codepoint=0x1F) | st.sampled_from(
    ["\x7f", "\x85", "\u2028", "\u2029", "\u202e", "\u2066", "\u200b", "\ufeff", "\u00ad", "\x02", "\x03"]
)
PLACEHOLDER = (st.integers(0, 40).map(lambda n: f"\x02wzxhzdk:{n}\x03") | st.integers(0, 300).map(
    lambda n: f"\x02{n}\x03") | st.just("\x02klzzwxh:0001\x03") | st.just("\x02amp\x03"))
MARKDOWN_TOKEN = st.sampled_from([
    "*", "_", "**", "__", "`", "``", "[", "]", "(", ")", "![", "](", "]:", "- ", "* ", "+ ", "1. ", "1) ", "> ",
    "    ", "\t", "\n", "\n\n", "# ", "## ", "=", "---", "***", "<", ">", "&", "&lt;", "&#92;", "&#x2F;", "&amp;",
    "\\", "\\[", "{: #x onclick=alert(1)}", "{#id}", "<!-- atlas:table fixture-glance -->",
    "<!-- atlas:backlinks concepts/lie -->", "{!LIE!}", "|", "~~", "==", ":smile:", "$", "(c)", "-->", "1/2",
    "wzxhzdk", "klzzwxh", "amp", "42", "LIE", "OEM", "Lenovo", "the", " ", "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>', "javascript:alert(1)", "/\\evil.example", "//evil.example", "https://a.org",
    "!!! danger", "    indented", "```", "~~~", "::: x", "?", "'", '"', "“", "联想",
])
RUN_UNIT = st.sampled_from(["[", "*", "_", "`", "- ", "> ", "(", "![", "[a](", "[`]` ", "\\", "  ", "1. ", "a\n=\n",
                            "***\n", "*_", "&", "<", "#", "]", "\n", "    - x\n", "- " * 3 + "\n"])
SHORT_RUN = st.tuples(RUN_UNIT, st.integers(1, 8)).map(lambda pair: pair[0] * pair[1])
LONG_RUN = st.tuples(RUN_UNIT, st.integers(40, 4000)).map(lambda pair: pair[0] * pair[1])
PLAIN = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters=BIDI_CONTROLS),
                max_size=12)
CLEAN_TEXT = st.lists(st.one_of(MARKDOWN_TOKEN, SHORT_RUN, PLAIN), max_size=25).map(
    lambda parts: "Text " + "".join(parts)
)
"""Prose that validation may well accept: Markdown syntax of every kind, short runs, any visible text."""
DIRTY_TEXT = st.lists(st.one_of(MARKDOWN_TOKEN, LONG_RUN, CONTROL, PLACEHOLDER, st.text(max_size=12)),
                      min_size=1, max_size=25).map("".join)
"""Prose that validation should refuse: control characters, placeholders, runs past the budget."""
NAME_PART = st.sampled_from([
    "wzxhzdk", "klzzwxh", "amp", "42", "atlas", "backlinks", "table", "index", "LIE", "OEM", "Lenovo", "The", "of",
    "联想", "*", "**", "_", "__", "#", "!", "(", ")", "-", "--", "+", ".", "1.", "&", "|", "~~", "==", ":", "$", "'",
    "’", "“", "/", "1/2", "(c)", "->", "=", "^", "%", "@", "?", " ", "  ", "x", "Know-how", "C#", "!!! danger",
])
CLEAN_NAME = st.lists(NAME_PART, max_size=6).map(lambda parts: "Name " + "".join(parts))
DIRTY_NAME = st.lists(NAME_PART | MARKDOWN_TOKEN | CONTROL | PLACEHOLDER | st.text(max_size=8), min_size=1,
                      max_size=6).map("".join) | st.sampled_from(
    ["Ｌｅｎｏｖｏ", "Lеnovo", "a", "x\u200by", "a\u202eb", "Innocent\n\n!!! danger\n\n    pwned", "Lenovo"])
YAML_TOKEN = st.sampled_from([
    b"[", b"]", b"{", b"}", b"[" * 3000, b"{a: " * 2000, b"- " * 2000, b": ", b"- ", b"? ", b"&a ", b"*a", b"<<: ",
    b"!!int ", b"!!bool ", b"!!float ", b"!!map ", b"!!str ", b"!!python/object:os.system ", b"!x ",
    b'"\\x1b"', b'"\\U00110000"', b'"\\ud800"', b'"\\x02wzxhzdk:0\\x03"', b'"\\u202e"', b"\x00", b"\x1b", b"\r",
    b"\r\n", b"\t", b"\xef\xbb\xbf", b"\xe2\x80\xae", b"\xe2\x80\xa8", b"\xc2\x85", b"\xff", b"\xc3", b"\n", b"  ",
    b"#", b"%YAML 1.1\n", b"---\n", b"...\n", b"1" * 4400, b"'", b'"', b"|", b">-", b"term", b"aliases",
    b"senses", b"Term", b"str", b"function-after", b"a[0]", b"x" * 3000,
])


@st.composite
def yaml_bytes(draw: st.DrawFn) -> bytes:
    """A valid concept file, cut and spliced at random places with bytes and YAML tokens."""
    raw = bytearray((FIXTURE_SITE / "annotations" / "concepts" / "lie.yml").read_bytes())
    for _ in range(draw(st.integers(0, 4))):
        position = draw(st.integers(0, len(raw)))
        cut = draw(st.integers(0, 4))
        insert = draw(YAML_TOKEN | st.binary(max_size=8))
        raw[position : position + cut] = insert
    return bytes(raw)


@st.composite
def yaml_values(draw: st.DrawFn) -> bytes:
    """A valid concept file with the values of a few of its lines replaced: its shape mostly kept."""
    lines = (FIXTURE_SITE / "annotations" / "concepts" / "lie.yml").read_bytes().split(b"\n")
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(1, len(lines) - 1))
        key, colon, _ = lines[index].partition(b": ")
        if colon:
            lines[index] = key + colon + draw(YAML_TOKEN | st.binary(max_size=8))
    return b"\n".join(lines)


NAME_FIELDS = ("term", "alias", "title", "year")
TEXT_FIELDS = ("definition", "explanation", "meaning", "differs", "claim", "cell")


@st.composite
def hostile_record(draw: st.DrawFn) -> dict[str, Any]:
    """Names and prose for the fixture's records: tricky but valid, and half the time one field that
    must be refused."""
    values: dict[str, Any] = {field: draw(CLEAN_NAME) for field in NAME_FIELDS}
    values |= {field: draw(CLEAN_TEXT) for field in TEXT_FIELDS}
    values["definition"] = " ".join(values["definition"].split(" ")[:40])  # a definition has at most 60 words
    if draw(st.booleans()):
        field = draw(st.sampled_from(NAME_FIELDS + TEXT_FIELDS))
        values[field] = draw(DIRTY_NAME if field in NAME_FIELDS else DIRTY_TEXT)
    return values


# --- the site they go into ------------------------------------------------------------------------

def fixture_copy(tmp_path: Path) -> Path:
    """A fresh copy of the fixture site's annotations and pages."""
    site = tmp_path / f"site-{time.perf_counter_ns()}"
    shutil.copytree(FIXTURE_SITE, site)
    return site


def write_record(path: Path, kind: str, record: dict[str, Any]) -> None:
    path.write_text(f"# yaml-language-server: $schema=../../schema/{kind}.schema.json\n"
                    + yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")


def plant(site: Path, values: dict[str, Any]) -> None:
    """Write the fuzzed names and prose into the fixture's concept, entity, cross-reference, table and paper."""
    annotations = site / "annotations"
    concept = yaml.safe_load((annotations / "concepts" / "lie.yml").read_text())
    concept.update(term=values["term"], aliases=["LIE", values["alias"]], definition=values["definition"],
                   explanation=values["explanation"])
    concept["senses"][0]["meaning"] = values["meaning"]
    concept["senses"][1]["differs"] = values["differs"]
    write_record(annotations / "concepts" / "lie.yml", "concepts", concept)
    crossref = yaml.safe_load((annotations / "crossrefs" / "organizer-or-buyer.yml").read_text())
    crossref.update(title=values["title"])
    crossref["a"]["claim"] = values["claim"]
    write_record(annotations / "crossrefs" / "organizer-or-buyer.yml", "crossrefs", crossref)
    table = yaml.safe_load((annotations / "tables" / "fixture-glance.yml").read_text())
    table["rows"][0]["cells"]["industry"]["text"] = values["cell"]
    write_record(annotations / "tables" / "fixture-glance.yml", "tables", table)
    paper = yaml.safe_load((annotations / "papers" / "alpha.yml").read_text())
    paper["citation"]["year"] = {"value": values["year"], "source": "text"}
    write_record(annotations / "papers" / "alpha.yml", "papers", paper)


# --- what must hold -------------------------------------------------------------------------------

def check_site(site: Path) -> Atlas:
    """Check the site; assert that its problems are located, or that it renders whole."""
    started = time.process_time()
    atlas = build_atlas(site / "annotations", site / "docs")
    for problem in atlas.problems:
        line = str(problem)
        assert line.isprintable() and PROBLEM_LINE.match(line), line
        assert problem.line >= 0 and problem.column >= 0 and problem.message and problem.fix
    if atlas.problems:
        event("refused with located problems")
    else:
        event("rendered")
        render_site(atlas, site)
    assert time.process_time() - started < SECONDS_PER_EXAMPLE
    return atlas


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def render_site(atlas: Atlas, site: Path) -> None:
    """The site staged, then every page through the site's Markdown with the atlas's extension, as a
    builder converts it."""
    staged = stage_site(atlas.index, site / "docs", markdown_settings=MarkdownSettings(tuple(SITE_EXTENSIONS)))
    extension = AtlasExtension(matcher=staged.matcher)
    md = markdown.Markdown(extensions=[*SITE_EXTENSIONS, extension])
    tooltips = {target.tooltip for target in atlas.index.names.values()}
    for source, content in staged.files.items():
        if not source.endswith(".md"):
            continue
        text = content.decode("utf-8")
        body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL)
        assert "<!-- atlas:backlinks " not in body, source  # every backlinks list filled in
        md.reset()
        html = md.convert(body)
        assert "\x02" not in html and "\x03" not in html, source  # a placeholder left where content belongs
        for wanted in _generated_ids(body):
            assert f'id="{wanted}"' in html, (source, wanted)  # generated content lost
        collector = _Tags()
        collector.feed(html)
        for tag, attributes in collector.tags:
            assert tag not in UNSAFE_TAGS, (source, tag, attributes)
            assert not any(name.startswith("on") for name in attributes), (source, tag, attributes)
            if attributes.get("class") == "atlas-mention":
                assert attributes.get("title") in tooltips, (source, attributes)  # an attribute broken open


def _generated_ids(body: str) -> set[str]:
    """The ids a staged page's generated parts and headings write, which its HTML must still hold."""
    return set(re.findall(r'\bid="([\w-]+)"', body)) | set(re.findall(r"^#+ .*\{#([\w-]+)\}$", body, re.MULTILINE))


# --- the fuzzers ----------------------------------------------------------------------------------

def run_fuzzer(name: str, fuzzer: Any) -> None:
    """Run ``fuzzer`` (a Hypothesis test) once; with ``ATLAS_FUZZ_MINUTES``, batch after batch, each
    freshly random, until that long has passed. Prints how many examples it tried."""
    started = time.monotonic()
    EXAMPLES_TRIED[name] = 0
    fuzzer()
    while time.monotonic() - started < FUZZ_MINUTES * 60:
        fuzzer()
    print(f"\n{name}: {EXAMPLES_TRIED[name]:,} examples in {time.monotonic() - started:,.0f} s")


def test_fuzz_bytes_of_an_annotation_file(tmp_path_factory: pytest.TempPathFactory) -> None:
    @fuzz(default=25)
    @given(raw=yaml_bytes() | yaml_values() | st.binary(max_size=600))
    def fuzzer(raw: bytes) -> None:
        EXAMPLES_TRIED["bytes"] += 1
        site = fixture_copy(tmp_path_factory.mktemp("bytes"))
        (site / "annotations" / "concepts" / "lie.yml").write_bytes(raw)
        try:
            atlas = check_site(site)
            assert atlas.problems or "lie" in atlas.index.concepts
        finally:
            shutil.rmtree(site.parent)

    run_fuzzer("bytes", fuzzer)


def test_fuzz_names_and_prose(tmp_path_factory: pytest.TempPathFactory) -> None:
    @fuzz(default=25)
    @given(values=hostile_record())
    def fuzzer(values: dict[str, Any]) -> None:
        EXAMPLES_TRIED["names and prose"] += 1
        site = fixture_copy(tmp_path_factory.mktemp("prose"))
        plant(site, values)
        try:
            check_site(site)
        finally:
            shutil.rmtree(site.parent)

    run_fuzzer("names and prose", fuzzer)


def test_fuzz_safe_markdown() -> None:
    @fuzz(default=60)
    @given(text=CLEAN_TEXT | DIRTY_TEXT)
    def fuzzer(text: str) -> None:
        EXAMPLES_TRIED["safe markdown"] += 1
        started = time.process_time()
        html = str(SafeMarkdown().block(text))
        event("within the budget" if within_budget(text) else "beyond the budget")
        if within_budget(text):
            assert time.process_time() - started < 1.5, len(text)
        assert "\x02" not in html and "\x03" not in html
        root = etree.fromstring(f"<root>{html}</root>")
        for element in root.iter():
            assert element.tag in ALLOWED_FROM_PROSE, element.tag
            assert set(element.attrib) <= {"href", "title"}, element.attrib
            href = element.get("href", "")
            assert "\\" not in href and not href.lstrip().lower().startswith(("javascript", "data", "vbscript", "//"))

    run_fuzzer("safe markdown", fuzzer)


ALLOWED_FROM_PROSE = {"root", "p", "em", "strong", "code", "ul", "ol", "li", "a", "br", "blockquote", "span"}
