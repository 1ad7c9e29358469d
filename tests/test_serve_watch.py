"""``make serve`` watches each folder once: a folder watched twice (by a ``--watch`` of the Makefile
and by the hook's ``on_serve``) reported each edit twice."""

from __future__ import annotations

import importlib.util
import re
import shlex
from pathlib import Path
from types import SimpleNamespace

from conftest import ROOT


class RecordingServer:
    """Stands in for MkDocs' LiveReloadServer: keeps the paths it is asked to watch."""

    def __init__(self, watched: list[str]):
        self.watched = watched

    def watch(self, path: str) -> None:
        self.watched.append(str(Path(path).resolve()))

    def unwatch(self, path: str) -> None:
        self.watched.remove(str(Path(path).resolve()))


def serve_watches() -> list[str]:
    """The paths ``make serve`` watches: MkDocs' own, the Makefile's ``--watch`` and the hook's."""
    recipe = re.search(r"^serve:.*\n\t(.*)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert recipe, "no serve target in the Makefile"
    words = shlex.split(recipe[1])
    flags = [words[index + 1] for index, word in enumerate(words) if word in ("--watch", "-w")]
    watched = [str((ROOT / "docs").resolve()), str((ROOT / "mkdocs.yml").resolve())]  # what MkDocs watches
    watched += [str((ROOT / flag).resolve()) for flag in flags]
    spec = importlib.util.spec_from_file_location("mkdocs_hook_under_test", ROOT / "hooks" / "mkdocs_hook.py")
    assert spec and spec.loader
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    hook.on_serve(RecordingServer(watched), SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml")), None)
    return watched


def test_make_serve_watches_no_folder_twice() -> None:
    watched = serve_watches()
    assert str((ROOT / "annotations").resolve()) in watched
    assert any(Path(path).is_relative_to(ROOT / "hooks") for path in watched), "the engine is not watched"
    overlapping = [(first, second) for index, first in enumerate(watched) for other, second in enumerate(watched)
                   if index != other and Path(first).is_relative_to(second)]
    assert overlapping == []
