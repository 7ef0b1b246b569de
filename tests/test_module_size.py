"""The house stays walkable: no application module grows past a size a newcomer reads whole."""

from __future__ import annotations

from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app"
MAX_LINES = 800


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_module_in_app_is_over_800_lines():
    too_long = {
        str(path.relative_to(APP.parent)): _lines(path)
        for path in APP.rglob("*.py")
        if _lines(path) > MAX_LINES
    }
    assert not too_long, f"split by concern: {too_long}"


def test_the_count_sees_every_module():
    assert _lines(APP / "__init__.py") > 0
    assert len(list(APP.rglob("*.py"))) > 100
