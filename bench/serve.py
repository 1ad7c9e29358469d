"""Save-to-page latency and memory of the preview server, as ``make serve`` runs it.

On a copy of a site, ``mkdocs serve --livereload --dirty`` runs in a child process. Each edit
changes one concept's ``definition`` or one sense's ``meaning`` (a new word at the start of the
text), and is timed from the moment the file is written to the moment the concept's page, polled
on the local server, holds the new word. The serve process's resident memory (``VmRSS`` from
``/proc/<pid>/status``) is read after the first build and after every rebuild.

Usage: ``python bench/serve.py SITE [--edits 10] [--rebuilds 50]`` (SITE is copied first); prints JSON.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sites import ENV, copy_project

WORD = "Benchedit{:03d}"
"""The word an edit puts at the start of a text; unique to the edit, so its page is known to be new."""
PREVIOUS_WORD = re.compile(r"Benchedit\d{3} ")
POLL_SECONDS = 0.02
SETTLE_SECONDS = 1.0
"""Between edits: longer than MkDocs' file polling interval (0.5 s), so no edit falls into the
previous rebuild."""
TIMEOUT_SECONDS = 120.0


@dataclass(frozen=True)
class Place:
    """A text that an edit changes, and the page that shows it."""

    path: Path
    field: str
    """``definition`` or ``meaning`` (the first sense's)."""
    line: int
    """The line (0-based) where the text starts."""
    column: int
    page: str
    """The URL path of the page that shows the text: the concept's page."""

    def edit(self, word: str) -> None:
        """Put ``word`` at the start of the text, in place of an earlier edit's word."""
        lines = self.path.read_text(encoding="utf-8").split("\n")
        text = lines[self.line]
        rest = PREVIOUS_WORD.sub("", text[self.column:], count=1)
        lines[self.line] = text[:self.column] + word + " " + rest
        self.path.write_text("\n".join(lines), encoding="utf-8")


def places(annotations: Path, definitions: int, meanings: int) -> list[Place]:
    """Texts to edit, each in a different concept, from concepts spread over the alphabet: first a
    definition, then a sense's meaning, and so on."""
    files = sorted((annotations / "concepts").glob("*.yml"))
    spread = files[::max(1, len(files) // max(1, definitions + meanings))] + files
    found: dict[str, list[Place]] = {"definition": [], "meaning": []}
    used: set[Path] = set()
    for field_name, count in (("definition", definitions), ("meaning", meanings)):
        for path in spread:
            if len(found[field_name]) == count:
                break
            start = None if path in used else _text_start(path.read_text(encoding="utf-8").split("\n"), field_name)
            if start is not None:
                found[field_name].append(Place(path, field_name, *start, f"concepts/{path.stem}/"))
                used.add(path)
    pairs = itertools.zip_longest(found["definition"], found["meaning"])
    return [place for pair in pairs for place in pair if place is not None]


def _text_start(lines: list[str], field_name: str) -> tuple[int, int] | None:
    """Where the first ``field_name`` text starts (line, column): after the key for a plain value, on
    the next line for a block scalar (``>-``, ``|``); None for a quoted value or none."""
    key = re.compile(rf"^(?P<key>\s*(?:- )?{field_name}:\s*)(?P<value>.*)$")
    for number, line in enumerate(lines):
        match = key.match(line)
        if not match:
            continue
        value = match["value"]
        if value[:1] in {">", "|"}:
            following = lines[number + 1]
            return number + 1, len(following) - len(following.lstrip(" "))
        if value and value[:1] not in {"'", '"'}:
            return number, len(match["key"])
        return None
    return None


@dataclass
class ServeResult:
    """What one serve session measured."""

    first_build_seconds: float = 0.0
    latencies: list[dict[str, object]] = field(default_factory=list)
    """The timed edits: field, page, seconds from the write to the new text served."""
    rss_mib: dict[int, float] = field(default_factory=dict)
    """Resident memory of the serve process after n rebuilds (0: after the first build)."""
    rebuild_seconds: list[float] = field(default_factory=list)
    """MkDocs' own ``Documentation built in`` figure of each rebuild, from its log (staging included)."""
    staging_seconds: list[float] = field(default_factory=list)
    """The hook's ``staged in`` figure of each rebuild, from the log."""
    error: str = ""

    @property
    def median(self) -> float:
        return statistics.median(float(str(item["seconds"])) for item in self.latencies)

    @property
    def maximum(self) -> float:
        return max(float(str(item["seconds"])) for item in self.latencies)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 - our own local server
            return str(response.read().decode("utf-8", errors="replace"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, word: str | None, since: float) -> float:
    """Seconds from ``since`` until ``url`` is served (holding ``word``, if given)."""
    while True:
        body = fetch(url)
        now = time.perf_counter()
        if body is not None and (word is None or word in body):
            return now - since
        if now - since > TIMEOUT_SECONDS:
            raise TimeoutError(f"{url} did not show {word!r} within {TIMEOUT_SECONDS:.0f} s")
        time.sleep(POLL_SECONDS)


def resident_mib(pid: int) -> float:
    """The process's resident memory now, from ``/proc``."""
    status = Path(f"/proc/{pid}/status").read_text()
    found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) / 1024 if found else float("nan")


def measure_serve(site: Path, edits: int = 10, rebuilds: int = 50, samples: tuple[int, ...] = (1, 10, 50),
                  progress: Callable[[str], None] | None = None) -> ServeResult:
    """Serve ``site`` (a copy the caller owns: it is edited), time ``edits`` edits (half definitions,
    half meanings), and go on to ``rebuilds`` rebuilds in all, reading memory after each."""
    say = progress or (lambda message: None)
    result = ServeResult()
    targets = places(site / "annotations", (edits + 1) // 2, edits // 2)
    if not targets:
        result.error = "no concept with a block-scalar definition or meaning to edit"
        return result
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dirty", "--dev-addr",
                                   f"127.0.0.1:{port}"], cwd=site, stdout=log, stderr=subprocess.STDOUT, env=ENV)
        try:
            _edit_and_measure(result, server, base, targets, edits, rebuilds, samples, say, start)
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            log.seek(0)
            text = log.read().decode(errors="replace")
    built = [float(value) for value in re.findall(r"Documentation built in ([\d.]+) seconds", text)]
    result.rebuild_seconds = built[1:]
    result.staging_seconds = [float(value) for value in re.findall(r"staged in ([\d.]+) s", text)][1:]
    if result.error:
        result.error += "\n" + "\n".join(text.splitlines()[-15:])
    return result


def _edit_and_measure(result: ServeResult, server: subprocess.Popen[bytes], base: str, targets: list[Place],
                      edits: int, rebuilds: int, samples: tuple[int, ...], say: Callable[[str], None],
                      start: float) -> None:
    try:
        result.first_build_seconds = wait_for(base, None, start)
        result.rss_mib[0] = resident_mib(server.pid)
        say(f"  serve: first build {result.first_build_seconds:.1f} s, {result.rss_mib[0]:.0f} MiB")
        for number in range(1, rebuilds + 1):
            place = targets[(number - 1) % len(targets)]
            word = WORD.format(number)
            time.sleep(SETTLE_SECONDS)
            place.edit(word)
            seconds = wait_for(base + place.page, word, time.perf_counter())
            if number <= edits:
                result.latencies.append({"field": place.field, "page": place.page, "seconds": seconds})
            time.sleep(SETTLE_SECONDS / 2)  # let the rebuild's garbage be collected before reading memory
            result.rss_mib[number] = resident_mib(server.pid)
            if number <= edits or number in samples:
                say(f"  serve: edit {number} ({place.field}, {place.page}) {seconds:.2f} s, "
                    f"{result.rss_mib[number]:.0f} MiB")
            if server.poll() is not None:
                raise RuntimeError("the server stopped")
    except (TimeoutError, RuntimeError) as error:
        result.error = str(error)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a site folder (copied first); the real project if omitted",
                        nargs="?")
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--rebuilds", type=int, default=50)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="atlas-serve-") as temp:
        copy = Path(temp) / "site"
        if args.site is None:
            copy_project(copy)
        else:
            import shutil

            shutil.copytree(args.site, copy, ignore=shutil.ignore_patterns(".cache", "site"))
        result = measure_serve(copy, args.edits, max(args.edits, args.rebuilds),
                               progress=lambda message: print(message, file=sys.stderr, flush=True))
    print(json.dumps(asdict(result), indent=2))
    return 0 if not result.error else 1


if __name__ == "__main__":
    raise SystemExit(main())
