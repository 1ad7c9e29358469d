"""``stage --builder-config``: the configuration that builds a staged folder with no hook, the way
Zensical builds it and the benchmark builds the floor it compares the hook with."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import copy_fixture_site, run_mkdocs_build
from upgrading_atlas.__main__ import main
from upgrading_atlas.stage.config import EXTENSION


def stage_with_config(site: Path, out: Path, builder: str) -> dict:
    config = out / f"{builder}.yml"
    assert main(["--annotations", str(site / "annotations"), "stage", str(out / "docs"), "--builder", builder,
                 "--docs", str(site / "docs"), "--config", str(site / "mkdocs.yml"),
                 "--builder-config", str(config), "--site-dir", str(out / "site")]) == 0
    return yaml.safe_load(config.read_text(encoding="utf-8"))


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_the_configuration_has_no_hook_and_loads_the_extension_with_the_staged_export(
    tmp_path: Path, builder: str
) -> None:
    site = copy_fixture_site(tmp_path)
    config = stage_with_config(site, tmp_path / "out", builder)
    assert "hooks" not in config
    assert config["markdown_extensions"][-1] == {EXTENSION: {"export": str(tmp_path / "out" / "docs" / "data" /
                                                                         "atlas.json")}}
    docs_dir = Path(config["docs_dir"])
    assert (docs_dir if docs_dir.is_absolute() else tmp_path / "out" / docs_dir).resolve() == tmp_path / "out" / "docs"


@pytest.mark.build
def test_mkdocs_builds_the_staged_folder_with_no_hook_into_the_same_site(tmp_path: Path) -> None:
    site = copy_fixture_site(tmp_path)
    hooked = run_mkdocs_build(site, tmp_path / "hooked")
    assert hooked.returncode == 0, hooked.stderr
    stage_with_config(site, tmp_path / "out", "mkdocs")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "out" /
                             "mkdocs.yml")], cwd=tmp_path / "out", capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr

    def files(folder: Path) -> dict[str, bytes]:
        return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*")
                if path.is_file() and path.name != "sitemap.xml.gz"}  # gzip stamps the time

    assert files(tmp_path / "out" / "site") == files(tmp_path / "hooked")
