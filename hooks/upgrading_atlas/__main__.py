"""The atlas's command line: validate the annotations, scaffold new ones, and write what the site and
other tools read. Run it from the project root. The Makefile runs each command for you: make check,
make new KIND=concept ID=my-concept, make export, make urls, make schema.
"""

from __future__ import annotations

import argparse
import sys
from importlib import metadata
from pathlib import Path

import yaml

from .atlas import build_atlas
from .link.urls import UrlScheme
from .model import KIND_MODELS
from .registry import read_registry, site_urls, write_registry
from .scaffold import KIND_ALIASES, ScaffoldError, new_annotation
from .stage.config import mkdocs_config, read_site_config, zensical_config
from .stage.export import export_json, json_schemas
from .stage.site import MarkdownSettings
from .stage.stager import Stager

PROG = "python -m upgrading_atlas"
DEFAULT_ANNOTATIONS = Path("annotations")
DOCS_HELP = "the hand-written pages, checked against the annotations (default: docs/ beside the annotations folder)"
EPILOG = """\
Every problem is printed as file:line:column: field: what is wrong — how to fix it.
Exit status: 0 when all is well, 1 when the annotations have problems, 2 when the
command cannot run as asked."""


def _version() -> str:
    try:
        return metadata.version("upgrading-atlas")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed: run `make check` once)"


class _DescriptionWrapped(argparse.HelpFormatter):
    """Wraps a command's description to the terminal, keeps the epilog's own lines."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text == EPILOG:
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command, with a description and help for each option."""
    parser = argparse.ArgumentParser(
        prog=PROG, description=__doc__, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    # --annotations is accepted before or after the command: the shared parent gives it to every
    # command, without a default there, so that a value given before the command is not overwritten
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--annotations", type=Path, default=argparse.SUPPRESS, metavar="FOLDER",
                        help="the annotations folder (default: annotations)")
    parser.add_argument("--annotations", type=Path, default=DEFAULT_ANNOTATIONS, metavar="FOLDER",
                        help="the annotations folder (default: annotations)")
    common.add_argument("--docs", type=Path, default=argparse.SUPPRESS, metavar="FOLDER", help=DOCS_HELP)
    parser.add_argument("--docs", type=Path, default=None, metavar="FOLDER", help=DOCS_HELP)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                     title="commands (each has --help)")

    def command(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, parents=[common], help=summary, description=description, epilog=EPILOG,
                                   formatter_class=_DescriptionWrapped)

    command("check", "validate every annotation file; print each problem, located",
            "Read every annotation file, check each one and all of them together (ids, papers, sections, "
            "names), and print every problem at once. Nothing is written.")
    export = command("export", "write all annotations as one JSON document",
                     "Write every annotation as one JSON document (the site publishes the same at "
                     "/data/atlas.json). Nothing is written if the annotations have problems.")
    export.add_argument("--output", "-o", type=Path, metavar="FILE",
                        help="the file to write, its folder created if needed (default: standard output)")
    schema = command("schema", "write the JSON Schema of each kind of annotation file",
                     "Write the JSON Schema of each kind of annotation file, generated from the model; "
                     "editors use them to complete and check the files as you type.")
    schema.add_argument("--output-dir", type=Path, default=Path("schema"), metavar="FOLDER",
                        help="the folder to write the schemas into (default: schema)")
    schema.add_argument("--check", action="store_true",
                        help="write nothing; fail if the files in the folder differ from the model")
    new = command("new", "create an annotation file from a template",
                  "Create annotations/<kind>/<id>.yml from its template, with its schema line and id, and every "
                  "field to fill in left empty: `check` reports each one until it is filled.")
    new.add_argument("kind", choices=sorted(set(KIND_ALIASES) - {"cross-reference"}),
                     help="what the file holds: concept, entity, crossref or table")
    new.add_argument("id", help="the new record's permanent id, which becomes its URL, such as global-factory")
    new.add_argument("--term", metavar="TEXT", help="the term, name or title (default: made from the id)")
    stage = command(
        "stage", "validate, then write the complete source folder of the site for a builder",
        "Validate the annotations, then write into OUT every page (hand-written and generated), "
        "the JSON export, the schemas, the citation files and the redirect pages, for MkDocs or Zensical. "
        "Only files whose content changed are rewritten. Exits non-zero, with every problem located, if "
        "anything is wrong.")
    stage.add_argument("out", type=Path, help="the folder to write (created if needed)")
    stage.add_argument("--builder", choices=["mkdocs", "zensical"], default="mkdocs",
                       help="the builder that will read OUT (default: mkdocs)")
    stage.add_argument("--config", type=Path, default=Path("mkdocs.yml"), metavar="FILE",
                       help="the site's configuration, for its Markdown extensions and URLs (default: mkdocs.yml)")
    stage.add_argument("--builder-config", type=Path, metavar="FILE",
                       help="also write a configuration that builds OUT with the builder and no hook, derived "
                       "from --config (for Zensical, OUT and --site-dir must lie inside FILE's folder)")
    stage.add_argument("--site-dir", type=Path, metavar="FOLDER",
                       help="with --builder-config: where the builder writes the site (default: site/ beside FILE)")
    urls = command("urls", "add the URLs of a built site to the registry of published URLs",
                   "Add every URL that a built site serves (pages, and the anchors syllabi link to) to the "
                   "registry of published URLs. URLs already listed are kept: a published URL may leave the "
                   "site only as a redirect, and the tests fail if one is no longer served.")
    urls.add_argument("--site", type=Path, default=Path("site"), metavar="FOLDER",
                      help="the built site (default: site, written by `make build`)")
    urls.add_argument("--registry", type=Path, default=Path("published-urls.txt"), metavar="FILE",
                      help="the registry to add to (default: published-urls.txt)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; the exit status is 0 when all is well, 1 when the annotations have problems,
    2 when the command cannot run as asked."""
    parser = build_parser()
    args = parser.parse_args(argv)

    if args.command == "urls":
        return _register_urls(args.site, args.registry)
    if args.command == "new":
        try:
            path = new_annotation(args.annotations, args.kind, args.id, args.term)
        except ScaffoldError as error:
            print(error, file=sys.stderr)
            return 2
        print(f"created {path} — fill in its empty fields (`make check` names each one still empty), "
              "then run `make check`")
        return 0
    if args.command == "schema":
        return _schema(args.output_dir, args.check)
    if args.command == "stage":
        if args.builder_config:
            _write_builder_config(args)
        return _stage(args.annotations, args.docs or args.annotations.parent / "docs", args.out, args.builder,
                      args.config)
    if not args.annotations.is_dir():
        print(f"{args.annotations}: no such folder — run from the project root or pass --annotations", file=sys.stderr)
        return 2
    docs = args.docs or args.annotations.parent / "docs"
    if not docs.is_dir():
        if args.docs:
            print(f"{docs}: no such folder — pass the site's pages folder with --docs", file=sys.stderr)
            return 2
        print(f"{docs}: no such folder — tables and paper pages not checked (pass --docs)", file=sys.stderr)
    atlas = build_atlas(args.annotations, docs if docs.is_dir() else None)
    for problem in atlas.problems:
        print(problem, file=sys.stderr)
    if args.command == "check":
        count = len(atlas.records)
        if atlas.problems:
            print(f"{len(atlas.problems)} problem(s) in {args.annotations}/ — each message is explained in "
                  "docs/contribute/errors.md", file=sys.stderr)
            return 1
        print(f"{count} annotation files are valid")
        return 0
    if atlas.problems:
        return 1
    text = export_json(atlas.index)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        counts = ", ".join(f"{len(getattr(atlas.index, kind))} {kind}" for kind in KIND_MODELS)
        print(f"wrote {args.output}: {counts}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _register_urls(site: Path, registry: Path) -> int:
    if not site.is_dir():
        print(f"{site}: no built site — run `make build` first (`make urls` does both)", file=sys.stderr)
        return 2
    found, _ = site_urls(site)
    before = set(read_registry(registry))
    added = sorted(found - before)
    write_registry(registry, found)
    for url in added:
        print(f"  + {url}")
    print(f"{registry}: {len(added)} URL(s) added, {len(before | found)} in all"
          + (f" — commit {registry} with your change" if added else ""))
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
    site_dir = args.site_dir or folder / "site"
    site_config = read_site_config(args.config)
    if args.builder == "zensical":
        config = zensical_config(site_config, root, folder, args.out, site_dir,
                                 watch=[args.annotations, Path(__file__).parent])
    else:
        config = mkdocs_config(site_config, root, args.out, site_dir)
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
