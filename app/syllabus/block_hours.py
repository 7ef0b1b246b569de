"""The hours an outline block states: on its line, in a table cell, or in a field under it (pure)."""

from __future__ import annotations

import re

from app.syllabus.activities import activity_total
from app.syllabus.columns import mode_parts_duration
from app.syllabus.durations import (
    Duration,
    find_duration,
    find_durations,
    strip_duration,
)
from app.syllabus.fields import heading_field, names_a_length
from app.syllabus.outline import Node

REFERENCE_KEYS = (
    "competenc",
    "core competenc",
    "aligns",
    "aligned",
    "alignment",
    "covers",
    "maps to",
    "standards",
    "cc",
)


ASSESSMENT_KEYS = ("assessment", "assessed", "evaluation", "evaluacion", "how assessed")


DURATION_KEYS = (
    "duration",
    "length",
    "time",
    "hours",
    "contact hours",
    "horas",
    "duracion",
    "tiempo",
    "instruction hours",
    "instructional hours",
    "session length",
    "total hours",
    "course length",
    "program length",
    "training length",
)


CREDIT_KEYS = (
    "credit",
    "credits",
    "creditos",
    "ce hours",
    "ce credit",
    "ceus",
    "ceu",
    "contact hours",
)


def bare_hours(text: str) -> Duration | None:
    """Hours given as a bare number or range under an hours key ("40 · …", "160-180")."""
    head = text.strip().split(" ")[0] if text.strip() else ""
    low, dash, high = head.partition("-") if "-" in head else head.partition("–")
    first, last = bare_number(low), bare_number(high)
    if dash and first is not None and last is not None:
        return Duration(first, head, 0, len(head), maximum=last if last > first else None)
    value = bare_number(text) or leading_number(text)
    return None if value is None else Duration(value, text.strip()[:40], 0, len(text))


def leading_number(text: str) -> float | None:
    """The number a value starts with ("40 · Prerequisite: …"), as hours."""
    head = text.strip().split(" ")[0] if text.strip() else ""
    return bare_number(head.rstrip(".,;·"))


def bare_number(text: str) -> float | None:
    """A cell or value that is only a number ("6", "5.5", "2,5", "~3"), as hours."""
    cleaned = text.strip().lstrip("~≈").strip().replace(",", ".")
    if not cleaned or len(cleaned) > 6:
        return None
    if not all(ch.isdigit() or ch == "." for ch in cleaned) or cleaned.count(".") > 1:
        return None
    if cleaned == ".":
        return None
    value = float(cleaned)
    return value if 0 < value <= 200 else None


def is_reference_key(key: str) -> bool:
    return any(
        key == k or key.startswith(k + " ") or key.startswith(k) for k in REFERENCE_KEYS
    ) and (
        "competenc" in key
        or key in ("cc", "covers", "standards", "maps to")
        or key.startswith("align")
    )


def is_duration_key(key: str) -> bool:
    return key in DURATION_KEYS or key.endswith((" length", " duration")) or names_a_length(key)


def node_text(node: Node) -> str:
    if node.kind == "row":
        return node.cells.get("title", "") or node.text
    return node.text


def duration_of(node: Node, *, fields: bool = True) -> Duration | None:
    """The node's own duration: from its line, a table cell, or a 'Duration:' field under it."""
    if node.kind == "row":
        return _row_duration(node)
    found = _line_duration(node.text)
    if found is not None or not fields:
        return found
    return _duration_below(node)


def _row_duration(node: Node) -> Duration | None:
    """A table row's hours: its hour columns read by their header, start and end columns, else
    its hours, time or title cell."""
    if node.stated_hours is not None:
        return node.stated_hours
    if node.cells.get("time") and node.cells.get("end") and "hours" not in node.cells:
        # Start and end in columns of their own: "| 9:00 | 10:30 | Topic |"
        found = find_duration(f"{node.cells['time']} - {node.cells['end']}")
        if found is not None and found.clock:
            return found
    for role in ("hours", "time", "title"):
        cell = node.cells.get(role, "")
        found = find_duration(cell) if cell else None
        if found is not None:
            return found
        if role == "hours" and cell and (bare := bare_number(cell)) is not None:
            return Duration(bare, cell.strip(), 0, len(cell))
        if role == "hours" and ZERO_CELL.match(cell):
            # "0.0" in the hours column of a cancelled session: no hours, whatever its times say.
            return Duration(0.0, cell.strip(), 0, len(cell))
    return None


ZERO_CELL = re.compile(r"^\s*0(?:[.,]0{1,2})?\s*$")


def _line_duration(text: str) -> Duration | None:
    """The first duration of a line; two or more clock ranges and nothing else make one unit
    ("9:00–12:00 and 1:00–4:00")."""
    values = find_durations(text)
    if not values:
        return None
    if len(values) > 1 and all(v.clock for v in values):
        total = sum(v.hours for v in values)
        start, end = values[0].start, values[-1].end
        return Duration(total, text[start:end], start, end, clock=True)
    return values[0]


def _duration_below(node: Node) -> Duration | None:
    """Hours on the line under a title ("3 hours" copied from a PDF), in a "Duration:" field, or
    the sum of its parts by delivery mode ("Asynchronous: 2 h", "Live: 3 h")."""
    items = [child.text for child in node.children if child.kind == "item"]
    if items and (parts := mode_parts_duration(items)) is not None:
        return parts
    for child in node.children:
        if child.kind == "para" and (value := _para_hours(child.text)) is not None:
            return value
        own_field = is_duration_key(child.field_key) or heading_field(child)
        if child.kind == "field" and own_field and not total_field(child):
            found = find_duration(child.text)
            bare = bare_number(child.text) if found is None else None
            if bare is not None and child.field_key.endswith(("hours", "horas", "hrs")):
                found = Duration(bare, child.text.strip(), 0, len(child.text))
            if found is not None:
                return found
    return None


def _para_hours(text: str) -> Duration | None:
    return bare_duration_line(text) or activity_total(text)


def bare_duration_line(text: str) -> Duration | None:
    """A line that is only a duration ("3 hours", "(90 minutes)"), else None."""
    value = find_duration(text)
    if value is None or strip_duration(text, value).strip(" ()[].:-–—"):
        return None
    return value


def field_duration(node: Node) -> Duration | None:
    if not is_duration_key(node.field_key) and not total_field(node):
        return None
    found = find_duration(node.text)
    if found is None and ("hour" in node.field_key or "horas" in node.field_key):
        found = bare_hours(node.text)
    if found is None:
        return None
    parent = node.parent
    # "Duration: 2 hrs" under a module gives the module its hours (read with the module).
    under_part = (
        parent is not None
        and parent.kind != "root"
        and duration_of_line(parent) is None
        and not total_field(node)
        and bool(parent.label or parent.kind in ("item", "row") or parent.key[0] > 1)
    )
    return None if under_part else found


def duration_of_line(node: Node) -> Duration | None:
    return find_duration(node_text(node)) if node.kind != "root" else None


def total_field(node: Node) -> bool:
    key = node.field_key
    if heading_field(node):
        return False  # "Contact hours: 5" under each module heading: each module's hours
    words = key.split()
    if key.startswith(CREDIT_KEYS) or (words[-1:] == ["credited"] and "hours" in words):
        return True  # "Credit: 6 CE hours", "Instruction hours credited: 40"
    if "office" in words:
        return False  # "Training office hours: Tues & Thurs 1:00–4:00 p.m." is when to call
    course_length = words[:1] in (["course"], ["program"], ["training"]) and words[-1:] in (
        ["length"],
        ["hours"],
        ["duration"],
    )
    return "total" in key or course_length


def from_total_field(node: Node) -> bool:
    """True when a child field of ``node`` that states the course total gives it its hours."""
    return any(child.kind == "field" and total_field(child) for child in node.children)


def holds_parts(node: Node) -> bool:
    """True when timed headings or table rows (not bullets) sit below ``node``."""
    return any(
        child.kind in ("heading", "row") and duration_of(child) is not None
        for child in node.walk()
        if child is not node
    )


def range_maximum(value: Duration) -> float | None:
    return value.maximum if value.is_range else None
