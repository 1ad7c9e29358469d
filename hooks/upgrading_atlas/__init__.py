"""Upgrading Atlas: the annotation engine behind the site.

The pipeline, one folder a step: ``load`` annotation files into typed records, ``validate`` them
together, ``index`` them, ``stage`` the site (every generated page, fragment and data file written
as source for any builder), and ``link`` mentions while the builder renders each page. Nothing here
imports a site builder; ``mkdocs_hook.py`` beside this package is a thin adapter for MkDocs.
"""

from .atlas import Atlas, build_atlas
from .index import AtlasIndex, LinkTarget, build_index
from .link.linker import LinkContext, TermMatcher, link_mentions
from .link.markdown_extension import AtlasExtension
from .link.safe_text import SafeMarkdown
from .link.urls import UrlScheme
from .load import Loaded, LoadResult, load_annotations
from .problems import AnnotationError, Problem
from .stage.kit import GeneratedPage, PageKit
from .stage.site import MarkdownSettings, StagedSite, stage_site, write_staged
from .stage.stager import Stager, StageResult
from .validate import validate_references

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
    "MarkdownSettings",
    "PageKit",
    "Problem",
    "SafeMarkdown",
    "StageResult",
    "StagedSite",
    "Stager",
    "TermMatcher",
    "UrlScheme",
    "build_atlas",
    "build_index",
    "link_mentions",
    "load_annotations",
    "stage_site",
    "validate_references",
    "write_staged",
]
