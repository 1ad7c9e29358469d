"""Property-based tests: the loader never crashes; the linker keeps HTML well formed and never
links inside code, headings or existing links."""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from upgrading_atlas.index.atlas_index import LinkTarget
from upgrading_atlas.link.linker import LinkContext, TermMatcher, link_mentions
from upgrading_atlas.link.safe_text import SafeMarkdown
from upgrading_atlas.link.urls import relative_path
from upgrading_atlas.load.records import load_file
from upgrading_atlas.load.yaml_source import YamlProblem, parse_yaml

NAMES = {
    "LIE": LinkTarget("concepts", "lie", "Leading innovative enterprise", 'A "firm" <b>&</b>'),
    "leading innovative enterprise": LinkTarget("concepts", "lie", "Leading innovative enterprise", "t"),
    "OEM": LinkTarget("concepts", "oem", "OEM", "t"),
    "global factory": LinkTarget("concepts", "global-factory", "Global factory", "t"),
    "Lenovo": LinkTarget("entities", "lenovo", "Lenovo", "t"),
}
MATCHER = TermMatcher(NAMES)
WORDS = st.sampled_from(["LIE", "LIEs", "OEM", "lie", "global", "factory", "global factory", "Lenovo", "the",
                         "`LIE`", "*OEM*", "[LIE](x)", "<b>", "&", "#", "##", "-", "\n", "\n\n", "{: #id}", "<!--",
                         "```", "    ", ">", "1.", "|", "\\", '"', "'", "leading innovative enterprises"])
PRINTABLE = st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="<", whitelist_characters="\n")
MARKDOWN_TEXT = st.lists(WORDS, max_size=60).map(" ".join) | st.text(PRINTABLE, max_size=300)
# hand-written pages may hold raw HTML, which Markdown passes through as written: leave it out here
PROSE_TEXT = st.lists(WORDS.filter(lambda word: "<" not in word), max_size=60).map(" ".join) | st.text(
    PRINTABLE, max_size=300
)
YAML_TEXT = st.text(alphabet=st.sampled_from(list("abc:-[]{}&*!#|>'\"\n ,0123?%@`\t")), max_size=200)


def convert(source: str) -> tuple[str, LinkContext]:
    context = LinkContext(href_for=lambda target: f"../{target.kind}/{target.id}/")

    class Linker(markdown.treeprocessors.Treeprocessor):
        def run(self, root):  # type: ignore[no-untyped-def]
            link_mentions(root, MATCHER, context)

    md = markdown.Markdown(extensions=["attr_list", "fenced_code", "tables"])
    md.treeprocessors.register(Linker(md), "linker", 7)
    return md.convert(source), context


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(YAML_TEXT | st.binary(max_size=300).map(lambda raw: raw.decode("latin-1")))
def test_parse_yaml_never_crashes(text: str) -> None:
    try:
        parse_yaml(text.encode("utf-8", "surrogatepass"))
    except YamlProblem as problem:
        assert problem.message and problem.fix and problem.position.line >= 1


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400) | YAML_TEXT.map(str.encode))
def test_load_file_never_raises(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "annotations" / "concepts" / "x.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    loaded, problems = load_file(path, tmp_path / "annotations")
    assert loaded is not None or problems
    for problem in problems:
        assert problem.message and problem.fix


@settings(max_examples=300, deadline=None)
@given(PROSE_TEXT)
def test_linked_html_is_well_formed_and_links_only_prose(source: str) -> None:
    html, context = convert(source)
    root = etree.fromstring(f"<root>{html}</root>".replace("&nbsp;", " "))
    made = 0
    for parent in root.iter():
        for child in parent:
            if child.get("class") == "atlas-mention":
                made += 1
                assert parent.tag not in {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}
                assert not list(child)  # a mention link holds only text
    ancestors = {child: parent for parent in root.iter() for child in parent}
    for link in root.iter("a"):
        if link.get("class") != "atlas-mention":
            continue
        node = ancestors.get(link)
        while node is not None:
            assert node.tag not in {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}
            node = ancestors.get(node)
    assert made == len(context.found)


@settings(max_examples=300, deadline=None)
@given(MARKDOWN_TEXT | st.text(max_size=200))
def test_safe_markdown_output_has_only_allowed_markup(text: str) -> None:
    html = str(SafeMarkdown().block(text))
    root = etree.fromstring(f"<root>{html}</root>")
    for element in root.iter():
        assert element.tag in {"root", "p", "em", "strong", "code", "ul", "ol", "li", "a", "br", "blockquote", "span"}
        for name, value in element.attrib.items():
            assert name in {"href", "title"}
            if name == "href":
                assert not value.lower().lstrip().startswith(("javascript", "data", "vbscript"))


SITE_PATHS = st.lists(st.sampled_from(["concepts", "lie", "papers", "chen.md", "index.md", ".", "a-and-b", ".."]),
                      max_size=5).map("/".join).map(lambda path: path or ".")


@given(SITE_PATHS, SITE_PATHS, st.booleans())
def test_relative_path_answers_as_relpath_does(path: str, start: str, trailing_slash: bool) -> None:
    path = path + "/" if trailing_slash else path
    assert relative_path(path, start) == posixpath.relpath(path, start)
