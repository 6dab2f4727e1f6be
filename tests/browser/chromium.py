"""The one headless-Chromium helper of the browser tests: Debian's chromium, the same flags, a fresh profile.

`--dump-dom` tests (GraphiQL, entity pages) call `dump_dom`; Playwright tests (the explorer) pass `FLAGS` to
playwright-core's `launchPersistentContext` with `executablePath` set, so no browser is ever downloaded. A missing
chromium skips loudly on a developer's machine and fails under CI (`CI=true`), where `make chromium` must work.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # anything but the server on loopback fails to resolve: the page must need nothing from outside
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]


def chromium() -> str:
    """The chromium executable; skips (loudly) when absent, except in CI, where that is a failure."""
    found = shutil.which("chromium")
    if found is None:
        message = "Debian's chromium is not installed and `make chromium` could not install it"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " (CI=true: browser tests must run)")
        pytest.skip("SKIPPED LOUDLY: " + message)
    return found


def dump_dom(url: str, profile: Path) -> str:
    """The DOM headless Chromium renders for `url`, after scripts ran."""
    completed = subprocess.run(
        [chromium(), *FLAGS, "--virtual-time-budget=15000", f"--user-data-dir={profile}", "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return completed.stdout
