"""The hook across the builds of one process (``mkdocs serve``): it keeps the theme's compiled
templates, compiling a template again when its source changes, and keeps no build alive."""

from __future__ import annotations

import gc
import importlib.util
import weakref
from pathlib import Path
from types import ModuleType

import jinja2
import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("atlas_hook_under_test", ROOT / "hooks" / "mkdocs_hook.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fresh_environment(hook: ModuleType, folder: Path, cache: jinja2.BytecodeCache) -> jinja2.Environment:
    """A new environment for each build, as MkDocs makes one, given the hook's cache in ``on_env``."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), extensions=["jinja2.ext.i18n"])
    env.install_null_translations(newstyle=True)
    return hook.on_env(env, config=None, files=None)


def test_a_later_build_reuses_the_compiled_template_until_its_source_changes(
    hook: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hook, "_theme_templates", hook._CompiledTemplates())
    (tmp_path / "page.html").write_text("<p>{{ _('Hello') }}, {{ name }}</p>")
    compiled: list[str | None] = []
    original = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, name: str | None = None, *args: object) -> object:
        compiled.append(name)
        return original(self, source, name, *args)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    first = fresh_environment(hook, tmp_path, hook._theme_templates).get_template("page.html").render(name="a")
    second = fresh_environment(hook, tmp_path, hook._theme_templates).get_template("page.html").render(name="a")
    assert first == second == "<p>Hello, a</p>"
    assert compiled == ["page.html"]
    (tmp_path / "page.html").write_text("<p>{{ name }}!</p>")
    third = fresh_environment(hook, tmp_path, hook._theme_templates).get_template("page.html").render(name="b")
    assert third == "<p>b!</p>"
    assert compiled == ["page.html", "page.html"]
    assert len(hook._theme_templates.compiled) == 1


def test_after_a_build_no_environment_of_it_stays_in_mkdocstrings_python(hook: ModuleType) -> None:
    rendering = pytest.importorskip("mkdocstrings_handlers.python._internal.rendering")
    env = jinja2.Environment(loader=jinja2.DictLoader({"exists.html": ""}))
    assert rendering._test_existing_template(env, "exists.html")
    build = weakref.ref(env)
    del env
    gc.collect()
    assert build() is not None  # held by the plugin's cache, and through it the build that made it
    hook.on_post_build(config=None)
    gc.collect()
    assert build() is None


def test_after_a_build_no_class_of_it_stays_in_griffe(hook: ModuleType, tmp_path: Path) -> None:
    griffe = pytest.importorskip("griffe")
    dataclasses = pytest.importorskip("griffe._internal.extensions.dataclasses")
    code = "from dataclasses import dataclass\n@dataclass\nclass Record:\n    field: int\n"
    module = griffe.visit("records", filepath=tmp_path / "records.py", code=code)
    assert [parameter.name for parameter in dataclasses._dataclass_parameters(module["Record"])] == ["field"]
    build = weakref.ref(module)
    del module
    gc.collect()
    assert build() is not None  # held by griffe's cache, through the class
    hook.on_post_build(config=None)
    gc.collect()
    assert build() is None
