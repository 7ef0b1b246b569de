"""The document's title and the details of its header (provider, program, delivery) (pure)."""

from __future__ import annotations

from typing import Any

from app.syllabus.block_hours import duration_of, node_text
from app.syllabus.outline import Node
from app.syllabus.totals import speaks_of_course

TOP_KEYS = {
    "program",
    "provider",
    "title",
    "course",
    "course title",
    "version",
    "delivery",
    "language",
    "prerequisite",
    "prerequisites",
    "format",
}


def header_meta(root: Node, meta: dict[str, Any], meta_lines: dict[str, int]) -> None:
    """Key: value lines before the first part fill the document's details (provider, program…)."""
    for child in root.children:
        if child.kind == "heading" and child.key[0] == 1 and not child.label:
            header_meta(child, meta, meta_lines)
            continue
        if child.kind != "field":
            if child.kind in ("heading", "item", "row"):
                break
            continue
        key = child.field_key
        if key in TOP_KEYS:
            name = "title" if key in ("course", "course title") else key
            if name not in meta:
                meta[name] = child.text
                meta_lines[name] = child.line


def title_node(root: Node, meta: dict[str, Any]) -> Node | None:
    """The document's title: its first level-1 heading, or an unlabelled first line before the parts."""
    first = next((c for c in root.children if c.kind != "field"), None)
    if first is None:
        return None
    level_one = [c for c in root.children if c.kind == "heading" and c.key[0] == 1]
    if first.kind == "heading" and first.key[0] == 1 and not first.label:
        timed = [h for h in level_one if duration_of(h, fields=False) is not None]
        if len(timed) <= 1:
            return first
    if (first.kind == "para" or first.key[0] == 7) and not first.label and "title" not in meta:
        value = duration_of(first, fields=False)
        if value is not None and not speaks_of_course(node_text(first), value):
            return None  # "Ethics and boundaries (3 hours)" on the first line is a session
        has_more = len(root.children) > 1 or bool(first.children)
        if has_more and first.key[0] != 1:
            return first
    return None
