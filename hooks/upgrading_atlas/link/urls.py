"""Where generated pages live, and links between pages as a page must write them."""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass

KIND_FOLDERS = {"concepts": "concepts", "entities": "entities", "papers": "papers"}


@dataclass(frozen=True)
class UrlScheme:
    """Maps source files to URLs the way MkDocs (and Zensical) do."""

    directory_urls: bool = True
    site_url: str | None = None
    """Where the site is published, if the configuration says."""
    links_from_source: bool = False
    """Write links relative to the page's source file rather than to its URL: builders that rewrite
    links in raw HTML (Zensical) read them so."""

    def source(self, kind: str, record_id: str) -> str:
        """The source path of a record's page, such as ``concepts/lie.md``."""
        return f"{KIND_FOLDERS[kind]}/{record_id}.md"

    def url(self, source: str) -> str:
        """The URL of a source path, relative to the site root: ``concepts/lie/``."""
        stem, _ = posixpath.splitext(source)
        if posixpath.basename(stem) in {"index", "README"}:
            folder = posixpath.dirname(stem)
            return f"{folder}/" if folder else ""
        return f"{stem}/" if self.directory_urls else f"{stem}.html"

    def absolute(self, url: str) -> str:
        """``url`` (relative to the site root) as a full address; site-rooted (``/concepts/lie/``)
        when the site's address is not configured."""
        if self.site_url:
            return self.site_url.rstrip("/") + "/" + url
        return "/" + url

    def record_url(self, kind: str, record_id: str, anchor: str | None = None) -> str:
        """The URL of a record's page (cross-references and sections live on a shared page)."""
        if kind == "crossrefs":
            return self.url("crossrefs/index.md") + f"#{record_id}"
        base = self.url(self.source(kind, record_id))
        return base + (f"#{anchor}" if anchor else "")

    def source_link(self, from_source: str, kind: str, record_id: str) -> str:
        """A Markdown link between source files (``../concepts/lie.md``), which the builder turns
        into a URL and checks: for links made inside the Markdown tree rather than in raw HTML."""
        if kind == "crossrefs":
            target, anchor = "crossrefs/index.md", record_id
        else:
            target, anchor = self.source(kind, record_id), ""
        link = relative_path(target, posixpath.dirname(from_source) or ".")
        return link + (f"#{anchor}" if anchor else "")

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - the scheme is frozen and lives for a build
    def relative(self, from_source: str, to_url: str) -> str:
        """A link from the page built from ``from_source`` to ``to_url``."""
        path, _, anchor = to_url.partition("#")
        if self.links_from_source:
            folder = posixpath.dirname(from_source)
            base = folder + "/" if folder else ""
        else:
            here = self.url(from_source)
            base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
        if not base:
            link = path
        else:
            link = relative_path(path or ".", base.rstrip("/") or ".")
            if (path.endswith("/") or not path) and not link.endswith("/"):
                link += "/"
        return link + (f"#{anchor}" if anchor else "")


def relative_path(path: str, start: str) -> str:
    """``posixpath.relpath(path, start)`` for two paths relative to the site's root, computed from the
    strings alone: ``relpath`` reads the working directory twice per call, a tenth of a cold staging
    at 10× the atlas's size. A path that climbs out of the root (``..`` first) goes to ``relpath``."""
    path_parts = [part for part in posixpath.normpath(path).split("/") if part not in {"", "."}]
    start_parts = [part for part in posixpath.normpath(start).split("/") if part not in {"", "."}]
    if path_parts[:1] == [".."] or start_parts[:1] == [".."]:
        return posixpath.relpath(path, start)
    common = 0
    for own, other in zip(path_parts, start_parts, strict=False):
        if own != other:
            break
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + path_parts[common:]) or "."
