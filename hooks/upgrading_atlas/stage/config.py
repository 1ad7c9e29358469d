"""Reading the site's configuration (``mkdocs.yml``) without a builder: the few keys staging needs."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import yaml


class _ConfigLoader(yaml.SafeLoader):
    """Safe YAML that reads the tags MkDocs configurations use: ``!ENV`` resolved from the
    environment as MkDocs resolves it, the others (``!!python/name:``, ``!relative``) as plain
    values instead of failing: staging needs none of them."""


def _environment(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """``!ENV NAME`` or ``!ENV [NAME, OTHER_NAME, default]``: the first variable that is set and not
    empty, else the default (the last item of a list, when it is not a name), else None."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    for name in names:
        value = os.environ.get(str(name))
        if value:
            return yaml.safe_load(value)
    return default


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_ConfigLoader.add_constructor("!ENV", _environment)
_ConfigLoader.add_multi_constructor("!", _tagged)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)


def read_site_config(path: Path) -> dict[str, Any]:
    """The configuration as plain data; empty when the file does not exist."""
    if not path.is_file():
        return {}
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 - a safe loader
    return data if isinstance(data, dict) else {}


EXTENSION = "upgrading_atlas.link.markdown_extension"
"""The Markdown extension by module name, as builders that load extensions by name take it."""


def zensical_config(config: dict[str, Any], root: Path, config_dir: Path, staged_dir: Path, site_dir: Path,
                    watch: list[Path]) -> dict[str, Any]:
    """The site's configuration for Zensical, which runs no hooks: it builds the staged folder, loads
    the atlas's Markdown extension by name with the staged export, and rebuilds when the annotations
    or the engine change (its cache knows nothing of them).

    Zensical wants ``docs_dir`` and ``site_dir`` inside the folder of its configuration file
    (``config_dir``), and keeps its cache there; every other path is written absolute, from the
    project's ``root``."""
    derived = _without_hooks(config, root, staged_dir)
    derived["docs_dir"] = os.path.relpath(staged_dir, config_dir)
    derived["site_dir"] = os.path.relpath(site_dir, config_dir)
    derived["watch"] = [str((root / path).resolve()) for path in [*config.get("watch", []), *watch]]
    theme = dict(derived.get("theme") or {})
    theme["variant"] = "classic"  # Material's look; the default "modern" variant fails axe's contrast checks
    derived["theme"] = theme
    return derived


def mkdocs_config(config: dict[str, Any], root: Path, staged_dir: Path, site_dir: Path) -> dict[str, Any]:
    """The site's configuration for MkDocs with no hook: the staged folder built as Zensical builds it,
    with the Markdown extension loaded by name. A folder staged for MkDocs needs nothing else; the
    benchmark builds it so to measure what the hook adds to a build. Paths are written absolute."""
    derived = _without_hooks(config, root, staged_dir)
    derived["docs_dir"] = str(staged_dir.resolve())
    derived["site_dir"] = str(site_dir.resolve())
    return derived


def _without_hooks(config: dict[str, Any], root: Path, staged_dir: Path) -> dict[str, Any]:
    """What any builder of the staged folder needs: the configuration less ``hooks``, ``docs_dir`` and
    ``site_dir``, its relative paths made absolute from ``root``, and the atlas's Markdown extension
    by name, reading the names to link from the staged export."""
    derived = {key: value for key, value in config.items() if key not in {"hooks", "docs_dir", "site_dir"}}
    theme = dict(derived.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((root / theme["custom_dir"]).resolve())
    derived["theme"] = theme
    if "plugins" in derived:  # when absent, the builder's default plugins (search) apply, as to the site's own build
        derived["plugins"] = [_absolute_plugin_paths(plugin, root) for plugin in derived["plugins"] or []]
    extensions = [_absolute_extension_paths(entry, root) for entry in derived.get("markdown_extensions") or []]
    extensions.append({EXTENSION: {"export": str((staged_dir / "data" / "atlas.json").resolve())}})
    derived["markdown_extensions"] = extensions
    return derived


def _absolute_plugin_paths(plugin: Any, root: Path) -> Any:
    """mkdocstrings' handler ``paths`` made absolute."""
    if isinstance(plugin, dict) and "mkdocstrings" in plugin:
        options = json.loads(json.dumps(plugin["mkdocstrings"] or {}))
        for handler in (options.get("handlers") or {}).values():
            if isinstance(handler, dict) and handler.get("paths"):
                handler["paths"] = [str((root / path).resolve()) for path in handler["paths"]]
        return {"mkdocstrings": options}
    return plugin


def _absolute_extension_paths(entry: Any, root: Path) -> Any:
    """Snippets' ``base_path`` made absolute."""
    if isinstance(entry, dict) and "pymdownx.snippets" in entry:
        options = dict(entry["pymdownx.snippets"] or {})
        if options.get("base_path"):
            options["base_path"] = [str((root / path).resolve()) for path in options["base_path"]]
        return {"pymdownx.snippets": options}
    return entry
