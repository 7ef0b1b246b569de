"""Where the browser tests keep the pictures they take for a person to look at.

Inside the checkout (``.artifacts/``, ignored by git) unless ``BROWSER_ARTIFACTS`` says
otherwise: a fixed folder under ``/tmp`` was shared by every user and checkout of the machine, so
a second user's run could not write its pictures there.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("BROWSER_ARTIFACTS", ROOT / ".artifacts" / "browser"))
SCREENSHOTS = ARTIFACTS / "pages"  # one picture per page checked with axe-core
