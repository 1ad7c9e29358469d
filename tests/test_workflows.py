"""The GitHub workflow and issue-form files pass real linters: check-jsonschema's vendored GitHub
schemas, and zizmor's static analysis of workflows (offline)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted(p for p in (ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail(f"{name} is not installed in the virtual environment: run `make test`, which installs it")
    return found


@pytest.mark.parametrize(
    ("schema", "files"),
    [("vendor.github-workflows", WORKFLOWS), ("vendor.github-issue-forms", ISSUE_FORMS),
     ("vendor.github-issue-config", [ROOT / ".github" / "ISSUE_TEMPLATE" / "config.yml"])],
)
def test_files_match_github_schemas(schema: str, files: list[Path]) -> None:
    assert files
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_pass_zizmor() -> None:
    result = subprocess.run([tool("zizmor"), "--offline", "--no-progress", str(ROOT / ".github" / "workflows")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_run_the_readme_commands() -> None:
    pull_request = (ROOT / ".github" / "workflows" / "pull-request.yml").read_text()
    for command in ("make check", "make build", "make test"):
        assert f"run: {command}" in pull_request
    assert "deploy-pages" in (ROOT / ".github" / "workflows" / "deploy.yml").read_text()
