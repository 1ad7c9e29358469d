"""Command line: ``python -m upgrading_atlas check | export | schema``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from .atlas import build_atlas
from .link.urls import UrlScheme
from .registry import read_registry, site_urls, write_registry
from .scaffold import ScaffoldError, new_annotation
from .stage.config import read_site_config, zensical_config
from .stage.export import export_json, json_schemas
from .stage.site import MarkdownSettings
from .stage.stager import Stager


def main(argv: list[str] | None = None) -> int:
    """Run one command; the exit status is 0 when the annotations are valid."""
    parser = argparse.ArgumentParser(prog="python -m upgrading_atlas", description=__doc__)
    parser.add_argument("--annotations", type=Path, default=Path("annotations"), help="the annotations folder")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate every annotation file; print each problem, located")
    export = commands.add_parser("export", help="write all annotations as one JSON document")
    export.add_argument("--output", "-o", type=Path, help="a file to write (default: standard output)")
    schema = commands.add_parser("schema", help="write the JSON Schema of each kind of annotation file")
    schema.add_argument("--output-dir", type=Path, default=Path("schema"))
    schema.add_argument("--check", action="store_true", help="fail if the files on disk differ")
    new = commands.add_parser("new", help="create an annotation file from a template")
    new.add_argument("kind", choices=["concept", "entity", "crossref", "table"])
    new.add_argument("id", help="the new record's id, such as global-factory")
    new.add_argument("--term", help="the term, name or title (default: from the id)")
    stage = commands.add_parser(
        "stage", help="validate, then write the complete source folder of the site for a builder",
        description="Validate the annotations, then write into OUT every page (hand-written and generated), "
        "the JSON export, the schemas, the citation files and the redirect pages, for MkDocs or Zensical. "
        "Only files whose content changed are rewritten. Exits non-zero, with every problem located, if "
        "anything is wrong.")
    stage.add_argument("out", type=Path, help="the folder to write (created if needed)")
    stage.add_argument("--builder", choices=["mkdocs", "zensical"], default="mkdocs")
    stage.add_argument("--docs", type=Path, default=Path("docs"), help="the hand-written pages (default: docs)")
    stage.add_argument("--config", type=Path, default=Path("mkdocs.yml"),
                       help="the site's configuration, for its Markdown extensions and URLs (default: mkdocs.yml)")
    stage.add_argument("--builder-config", type=Path, metavar="FILE",
                       help="for Zensical: also write the configuration that builds OUT, derived from --config; "
                       "OUT and --site-dir must lie inside FILE's folder")
    stage.add_argument("--site-dir", type=Path, help="with --builder-config: where the builder writes the site")
    urls = commands.add_parser("urls", help="add the URLs of a built site to the registry of published URLs")
    urls.add_argument("--site", type=Path, default=Path("site"), help="the built site")
    urls.add_argument("--registry", type=Path, default=Path("published-urls.txt"))
    args = parser.parse_args(argv)

    if args.command == "urls":
        if not args.site.is_dir():
            print(f"{args.site}: no built site — run `make build` first", file=sys.stderr)
            return 2
        found, _ = site_urls(args.site)
        before = set(read_registry(args.registry))
        write_registry(args.registry, found)
        print(f"{args.registry}: {len(found - before)} URL(s) added, {len(before | found)} in all")
        return 0

    if args.command == "new":
        try:
            path = new_annotation(args.annotations, args.kind, args.id, args.term)
        except ScaffoldError as error:
            print(error, file=sys.stderr)
            return 2
        print(f"created {path} — fill in the empty fields, then run `make check`")
        return 0
    if args.command == "schema":
        return _schema(args.output_dir, args.check)
    if args.command == "stage":
        if args.builder_config:
            _write_builder_config(args)
        return _stage(args.annotations, args.docs, args.out, args.builder, args.config)
    if not args.annotations.is_dir():
        print(f"{args.annotations}: no such folder — run from the project root or pass --annotations", file=sys.stderr)
        return 2
    atlas = build_atlas(args.annotations)
    for problem in atlas.problems:
        print(problem, file=sys.stderr)
    if args.command == "check":
        count = len(atlas.records)
        if atlas.problems:
            print(f"{len(atlas.problems)} problem(s) in {args.annotations}/", file=sys.stderr)
            return 1
        print(f"{count} annotation files are valid")
        return 0
    if atlas.problems:
        return 1
    text = export_json(atlas.index)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _stage(annotations: Path, docs: Path, out: Path, builder: str, config_path: Path) -> int:
    config = read_site_config(config_path)
    settings = MarkdownSettings.from_config(config.get("markdown_extensions") or [])
    # site_url comes from the environment (``!ENV ATLAS_SITE_URL`` in mkdocs.yml), read by read_site_config
    urls = UrlScheme(config.get("use_directory_urls", True) is not False, config.get("site_url") or None)
    result = Stager(annotations, builder).stage(docs, out, urls=urls, markdown_settings=settings)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if result.problems:
        print(f"{len(result.problems)} problem(s); {out}/ was written, but do not build it", file=sys.stderr)
        return 1
    print(f"staged {out}/ for {builder} in {result.seconds:.2f} s: {len(result.written)} file(s) written, "
          f"{len(result.removed)} removed")
    return 0


def _write_builder_config(args: argparse.Namespace) -> None:
    root = args.config.parent
    folder = args.builder_config.parent
    config = zensical_config(read_site_config(args.config), root, folder, args.out, args.site_dir or folder / "site",
                             watch=[args.annotations, Path(__file__).parent])
    folder.mkdir(parents=True, exist_ok=True)
    text = "# Written by `python -m upgrading_atlas stage --builder-config`; edit mkdocs.yml instead.\n"
    args.builder_config.write_text(text + yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _schema(folder: Path, check: bool) -> int:
    stale = []
    for name, text in json_schemas().items():
        path = folder / name
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path)
        else:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for path in stale:
        print(f"{path}: differs from the model — run `python -m upgrading_atlas schema`", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
