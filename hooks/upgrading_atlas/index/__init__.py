"""Index: every valid record by id, and what refers to what."""

from .atlas_index import AtlasIndex, LinkTarget, build_index, linker_names, plain_text

__all__ = ["AtlasIndex", "LinkTarget", "build_index", "linker_names", "plain_text"]
