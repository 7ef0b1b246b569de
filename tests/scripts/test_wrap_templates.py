"""The template wrapper keeps every value a sentence names."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "wrap_templates.py"
_spec = importlib.util.spec_from_file_location("wrap_templates", SCRIPT)
wrap_templates = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(wrap_templates)


def test_a_value_whose_name_ends_another_keeps_its_argument():
    wrapped = wrap_templates.wrap_run(
        [
            ("text", "Version "),
            ("expr", "{{ item.version_number }}"),
            ("text", " replaces "),
            ("expr", "{{ change.version.number }}"),
        ]
    )
    assert "version_number=item.version_number" in wrapped
    assert "number=change.version.number" in wrapped
    assert '"Version %(version_number)s replaces %(number)s"' in wrapped


def test_the_same_value_twice_is_one_argument():
    wrapped = wrap_templates.wrap_run(
        [("expr", "{{ peer.name }}"), ("text", " and "), ("expr", "{{ peer.name }}")]
    )
    assert wrapped.count("name=peer.name") == 1
