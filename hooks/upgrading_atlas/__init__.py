"""Upgrading Atlas: the annotation engine behind the site.

Load annotation files, check them, index them, link mentions and render generated pages, with no
dependency on any site builder. ``mkdocs_hook.py`` beside this package wires it into MkDocs.
"""

from .atlas import Atlas, build_atlas
from .index.atlas_index import AtlasIndex, LinkTarget, build_index
from .link.linker import LinkContext, TermMatcher, link_mentions
from .link.markdown_extension import AtlasExtension
from .link.safe_text import SafeMarkdown
from .link.urls import UrlScheme
from .load.records import Loaded, LoadResult, load_annotations
from .problems import AnnotationError, Problem
from .stage.render import GeneratedPage, Mention, Renderer
from .validate.references import validate_references

__all__ = [
    "AnnotationError",
    "Atlas",
    "AtlasExtension",
    "AtlasIndex",
    "GeneratedPage",
    "LinkContext",
    "LinkTarget",
    "LoadResult",
    "Loaded",
    "Mention",
    "Problem",
    "Renderer",
    "SafeMarkdown",
    "TermMatcher",
    "UrlScheme",
    "build_atlas",
    "build_index",
    "link_mentions",
    "load_annotations",
    "validate_references",
]
