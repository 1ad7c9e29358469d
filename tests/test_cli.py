"""The command line and its make targets, as a contributor runs them: results, help texts and exit codes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINIMAL, ROOT, write_annotations
from upgrading_atlas.__main__ import build_parser, main
from upgrading_atlas.atlas import build_atlas


def test_check_reports_problems_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_annotations(tmp_path, {"concepts/x.yml": "id: x\n"})
    assert main(["--annotations", str(folder), "check"]) == 1
    err = capsys.readouterr().err
    assert "annotations/concepts/x.yml:2:1: term: this field is required — add `term:` with a value" in err
    assert "problem(s) in" in err


def test_check_passes_on_valid_tree(annotations, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--annotations", str(annotations()), "check"]) == 0
    assert "2 annotation files are valid" in capsys.readouterr().out


def test_export_writes_versioned_json(annotations, tmp_path: Path) -> None:
    output = tmp_path / "atlas.json"
    assert main(["--annotations", str(annotations()), "export", "-o", str(output)]) == 0
    document = json.loads(output.read_text())
    assert document["version"] == "1.2"
    assert [concept["id"] for concept in document["concepts"]] == ["lie"]
    assert document["concepts"][0]["senses"][0]["at"] == {"section": "s1"}


@pytest.mark.parametrize("kind", ["concept", "entity", "crossref", "table"])
def test_new_creates_a_file_that_names_its_schema_and_asks_to_be_filled(
    annotations, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = annotations()
    assert main(["--annotations", str(folder), "new", kind, "fresh-one", "--term", "Fresh one"]) == 0
    [path] = [p for p in folder.rglob("fresh-one.yml")]
    first_line = path.read_text().splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema=../../schema/{path.parent.name}.schema.json"
    problems = [p for p in build_atlas(folder).problems if p.file.endswith("fresh-one.yml")]
    assert problems and all("empty" in p.message or "required" in p.message for p in problems), problems
    assert "created" in capsys.readouterr().out


def test_new_refuses_bad_id_and_existing_file(annotations, capsys: pytest.CaptureFixture[str]) -> None:
    folder = annotations()
    assert main(["--annotations", str(folder), "new", "concept", "Bad Id"]) == 2
    assert main(["--annotations", str(folder), "new", "concept", "lie"]) == 2
    err = capsys.readouterr().err
    assert "is not a valid id" in err and "already exists" in err


def test_schema_check_detects_drift(tmp_path: Path) -> None:
    assert main(["schema", "--output-dir", str(tmp_path)]) == 0
    assert main(["schema", "--output-dir", str(tmp_path), "--check"]) == 0
    (tmp_path / "concepts.schema.json").write_text("{}")
    assert main(["schema", "--output-dir", str(tmp_path), "--check"]) == 1


# --- help and exit codes ---------------------------------------------------------------------------

COMMANDS = ["check", "export", "schema", "new", "stage", "urls"]


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """The command line as a contributor runs it, in a process of its own."""
    return subprocess.run([sys.executable, "-m", "upgrading_atlas", *args], cwd=cwd, capture_output=True,
                          text=True, check=False, timeout=120)


def test_top_level_help_lists_every_command_in_plain_text() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    assert "``" not in result.stdout and ":command:" not in result.stdout
    listed = re.findall(r"^    (\w+) +\S", result.stdout, re.MULTILINE)
    assert listed == COMMANDS
    assert set(listed) == set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_a_description_and_every_option_help(command: str) -> None:
    result = run_cli(command, "--help")
    assert result.returncode == 0
    description = result.stdout.split("\n\n")[1]
    assert not description.startswith(("positional arguments", "options")), f"{command} has no description"
    assert len(description.split()) >= 8, description
    commands = next(action for action in build_parser()._actions if action.dest == "command")
    for action in commands.choices[command]._actions:  # type: ignore[index]
        assert action.help, f"{command}: {action.option_strings or action.dest} has no help"
        for option in action.option_strings:
            assert option in result.stdout


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and re.fullmatch(r"python -m upgrading_atlas \S+\n", result.stdout)


@pytest.mark.parametrize("where", ["before", "after"])
def test_annotations_option_before_or_after_the_command(annotations, where: str) -> None:
    folder = str(annotations())
    args = ["--annotations", folder, "check"] if where == "before" else ["check", "--annotations", folder]
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    assert "2 annotation files are valid" in result.stdout


@pytest.mark.parametrize(
    ("args", "status", "said"),
    [
        (["check"], 1, "problem(s) in"),
        (["check", "--annotations", "no-such-folder"], 2, "no-such-folder: no such folder"),
        (["no-such-command"], 2, "invalid choice"),
        ([], 2, "the following arguments are required: COMMAND"),
        (["new", "concept"], 2, "the following arguments are required: id"),
        (["new", "concept", "lie"], 2, "already exists — choose another id, or edit that file"),
        (["urls", "--site", "no-such-site"], 2, "no built site — run `make build` first"),
    ],
)
def test_exit_codes(tmp_path: Path, args: list[str], status: int, said: str) -> None:
    write_annotations(tmp_path, {"concepts/x.yml": "id: x\n"} if args == ["check"] else MINIMAL)
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == status, result.stderr
    assert said in result.stderr


def test_export_writes_into_a_new_folder_and_says_what_it_wrote(annotations, tmp_path: Path) -> None:
    output = tmp_path / "build" / "atlas.json"
    result = run_cli("--annotations", str(annotations()), "export", "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert json.loads(output.read_text())["concepts"]
    assert f"wrote {output}: 1 papers, 1 concepts, 0 entities, 0 crossrefs, 0 tables" in result.stderr


def test_make_export_writes_where_git_ignores_it() -> None:
    dry = make("-n", "export")
    target = re.search(r"export -o (\S+)", dry.stdout)
    assert target, dry.stdout
    ignored = subprocess.run(["git", "check-ignore", "-q", target[1]], cwd=ROOT, check=False)
    assert ignored.returncode == 0, f"{target[1]} is not ignored by git"


def make(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``make`` in the project root, with the virtual environment this test runs in."""
    environment = {**os.environ, **env}
    return subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True,
                          check=False, timeout=120, env=environment)


@pytest.mark.parametrize("variables", [[], ["KIND=concept"], ["ID=my-concept"]])
def test_make_new_without_kind_or_id_prints_the_make_form(variables: list[str]) -> None:
    result = make("new", *variables)
    assert result.returncode != 0
    assert "usage: make new KIND=concept|entity|crossref|table ID=" in result.stderr
    assert "python -m upgrading_atlas" not in result.stderr


def test_make_new_passes_a_name_given_on_the_command_line_only() -> None:
    named = make("-n", "new", "KIND=concept", "ID=my-concept", "NAME=My own concept")
    assert 'new concept my-concept --term "My own concept"' in named.stdout
    from_environment = make("-n", "new", "KIND=concept", "ID=my-concept", NAME="a-host-name", TERM="xterm")
    assert "--term" not in from_environment.stdout


@pytest.mark.parametrize(
    ("value", "environment", "expected"),
    [
        ("!ENV [ATLAS_TEST_URL, null]", {"ATLAS_TEST_URL": "https://example.org/atlas/"}, "https://example.org/atlas/"),
        ("!ENV [ATLAS_TEST_URL, null]", {}, None),
        ("!ENV [ATLAS_TEST_URL, null]", {"ATLAS_TEST_URL": ""}, None),
        ("!ENV [ATLAS_TEST_URL, ATLAS_OTHER_URL, https://default.org/]", {"ATLAS_OTHER_URL": "https://b.org/"},
         "https://b.org/"),
        ("!ENV [ATLAS_TEST_URL, https://default.org/]", {}, "https://default.org/"),
        ("!ENV ATLAS_TEST_URL", {"ATLAS_TEST_URL": "https://a.org/"}, "https://a.org/"),
    ],
)
def test_the_configuration_reads_the_site_address_from_the_environment_as_mkdocs_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, environment: dict[str, str], expected: str | None
) -> None:
    """The deploy workflow sets ATLAS_SITE_URL; staging for Zensical must see what MkDocs sees."""
    from upgrading_atlas.stage.config import read_site_config, zensical_config

    for name in ("ATLAS_TEST_URL", "ATLAS_OTHER_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, setting in environment.items():
        monkeypatch.setenv(name, setting)
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(f"site_name: X\nsite_url: {value}\n", encoding="utf-8")
    config = read_site_config(config_file)
    assert config["site_url"] == expected
    derived = zensical_config(config, tmp_path, tmp_path, tmp_path / "docs", tmp_path / "site", watch=[])
    assert derived["site_url"] == expected
