"""What the browser tests share: the system's Chromium, its flags, and the two screen sizes.

Playwright's own browser download does not work everywhere, so the tests drive the system's
Chromium (Debian's ``chromium`` package). Without it they are skipped with a message, unless
``ATLAS_BROWSER_TESTS=required`` (as in CI), where a missing browser is a failure. The fixtures
(``browser``, ``base_url``, ``phone``, ``desktop``) are in ``conftest.py``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT

CHROMIUM = os.environ.get("ATLAS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
HOW_TO_RUN = ("install Chromium (Debian: `apt-get install chromium`) or set ATLAS_CHROMIUM to a Chromium "
              "binary, then run `make test`")
# Chromium, as root and on a closed network, needs these to start quietly
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}


def require_chromium() -> None:
    """Skip the calling test module (or fail, where browser tests are required) without Chromium."""
    if not Path(CHROMIUM).is_file():
        if os.environ.get("ATLAS_BROWSER_TESTS") == "required":
            pytest.fail(f"no Chromium at {CHROMIUM}: {HOW_TO_RUN}", pytrace=False)
        pytest.skip(f"browser tests skipped, no Chromium at {CHROMIUM}: {HOW_TO_RUN}", allow_module_level=True)
