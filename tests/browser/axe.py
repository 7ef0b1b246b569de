"""Accessibility checks with axe-core (installed from the npm registry into node_modules/)."""

from __future__ import annotations

import json
from pathlib import Path

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def assert_accessible(page) -> None:
    """Fail listing every WCAG 2.1 A/AA violation axe-core finds on the current page.

    The script is evaluated in the page rather than added as a <script> tag, because the app's
    strict Content-Security-Policy (script-src 'self') rightly refuses inline scripts.
    """
    assert AXE.exists(), f"{AXE} is missing: run `npm ci` (scripts/test.sh does)"
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    violations = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]
    assert violations == [], f"{page.url}: {json.dumps(violations, indent=2)}"
