"""What the browser tests need on the machine, and why they cannot run when something is missing.

Chromium comes from Debian's package (/usr/bin/chromium, or the path in CHROMIUM), never downloaded
by Playwright; axe-core comes from npm into node_modules/ (`make install-test` runs `npm ci` when npm
is present). scripts/check.sh prints the same reason in its summary.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from tests.browser.axe import AXE

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def in_ci() -> bool:
    """CI must run every browser test: there a missing tool is a failure, never a skip."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing_tools() -> str | None:
    """Why the browser tests cannot run on this machine, or None when they can."""
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        return (
            f"Chromium is not installed at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)"
        )
    if not AXE.exists():
        return f"axe-core is not installed at {AXE} (install npm, then `make install-test` runs npm ci)"
    return None


if __name__ == "__main__":
    reason = missing_tools()
    print(f"skipped: {reason}" if reason else "ran (Chromium and axe-core are installed)")
