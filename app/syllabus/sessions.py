"""Which blocks of the outline are sessions, frames around sessions, or statements of the total (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from app.messages import Message
from app.syllabus.activities import activity_total
from app.syllabus.block_hours import (
    bare_duration_line,
    duration_of,
    field_duration,
    from_total_field,
    holds_parts,
    is_duration_key,
    node_text,
    range_maximum,
    total_field,
)
from app.syllabus.calendar_rows import calendar_row
from app.syllabus.daily import MIN_DAILY_ITEMS, daily_sessions, day_items
from app.syllabus.durations import (
    Duration,
)
from app.syllabus.kinds import classify
from app.syllabus.levels import levels_doubt, peers_not_parts
from app.syllabus.model import DeclaredTotal, Module
from app.syllabus.outline import MODULE_RANK, Node
from app.syllabus.state import Reading
from app.syllabus.totals import (
    at_edge,
    mentions_total,
    read_inline_totals,
    read_prose,
    several_sentences,
)
from app.syllabus.units import make_module


def is_frame(node: Node, value: Duration, inner: list[Module]) -> bool:
    """A week, day or clock range around timed parts (or around breaks) is a frame, not a session."""
    if node.frame_rank < MODULE_RANK:
        return True
    if node.kind == "heading" and holds_parts(node):
        return True
    return bool(value.clock and any(m.from_clock for m in inner))


@dataclass
class _Step:
    """One block with a duration, the sessions read below it, and what the reading knows."""

    node: Node
    value: Duration
    inner: list[Module]
    reading: Reading
    title: Node | None

    @cached_property
    def outside(self) -> bool:
        """Outside every part: under the title or headings that are not parts themselves."""
        title = self.title
        return self.node is title or all(
            a is title
            or (a.kind == "heading" and not a.label and duration_of(a, fields=False) is None)
            for a in self.node.ancestors()
        )

    def total(self, text: str, source: str) -> list[Module]:
        """The block states a declared total: record it; the sessions below stand as read."""
        value = self.value
        self.reading.totals.append(
            DeclaredTotal(value.hours, text, self.node.line, source, range_maximum(value))
        )
        return self.inner


def collect(node: Node, reading: Reading, title: Node | None) -> list[Module]:
    """The sessions at or below ``node`` (see app.syllabus.parser for how they are decided)."""
    inner: list[Module] = []
    for child in node.children:
        inner.extend(collect(child, reading, title))
    if node.kind == "root":
        return inner
    if node is title:
        value = duration_of(node, fields=False)
    else:
        value = duration_of(node) if node.kind != "field" else field_duration(node)
    if value is None:
        if node.kind == "para" and ":" in node.text:
            read_inline_totals(node, reading)
        return inner
    step = _Step(node, value, inner, reading, title)
    for decide in _DECISIONS:
        decided = decide(step)
        if decided is not None:
            return decided
    return _as_part(step)


def _as_title(step: _Step) -> list[Module] | None:
    return step.total(step.value.text, "title") if step.node is step.title else None


def _as_field(step: _Step) -> list[Module] | None:
    """A "Duration:" or "Total hours:" field outside every part states the total."""
    node = step.node
    if node.kind != "field":
        return None
    header = is_duration_key(node.field_key) and (step.outside or node.parent is step.title)
    if total_field(node) or header:
        return step.total(f"{node.field_key}: {node.text}", "header")
    return step.inner


def _as_stated_total(step: _Step) -> list[Module] | None:
    """ "Total: 80 hours", "Course length: 6 hours" on a line of its own."""
    if not mentions_total(step.node, step.value) or several_sentences(step.node):
        return None
    source = "header" if step.outside and not step.inner else "statement"
    return step.total(node_text(step.node)[:160], source)


def _as_parent_hours(step: _Step) -> list[Module] | None:
    """ "3 hours" on the line under a part: that part's duration, read with it."""
    node = step.node
    if node.kind != "para" or node.parent is None or node.parent.kind == "root":
        return None
    if bare_duration_line(node.text) is not None and duration_of(node.parent) is step.value:
        return step.inner
    if activity_total(node.text) is not None and duration_of(node.parent) is activity_total(
        node.text
    ):
        return step.inner  # "Activities: Lecture 60 min · Debrief 30 min" gave the part its hours
    return None


def _as_daily_lead(step: _Step) -> list[Module] | None:
    """ "Live evenings (5:30–8:30 p.m.):" over weekday items: each day is a session."""
    node, value = step.node, step.value
    if node.kind != "para" or not value.clock:
        return None
    if classify(node.text) != "instruction":  # not "Lunch 12:00–12:30 p.m." above the days
        return None
    days = day_items(node)
    if len(days) < MIN_DAILY_ITEMS:
        return None
    return [*step.inner, *daily_sessions(node, value, days, step.reading)]


def _as_prose(step: _Step) -> list[Module] | None:
    """A duration inside a sentence belongs to the sentence: a total or a remark, not a session."""
    node, value = step.node, step.value
    if node.kind != "para":
        return None
    clock_inside = value.clock and node.text[: value.start].strip(" *_-–—•")
    if clock_inside and calendar_row(node, value):
        return None  # "Tue Sep 1   6:00-8:00 pm   Topic": a calendar's meeting, a session
    if clock_inside or not at_edge(node.text, value) or several_sentences(node):
        read_prose(node, value, step.outside, step.reading)
        return step.inner
    return None


def _as_leaf(step: _Step) -> list[Module] | None:
    """Nothing timed below: the block is a session (or a daily time over weekday items)."""
    if any(m.hours is not None for m in step.inner):
        return None
    days = day_items(step.node) if step.value.clock else []
    if len(days) >= MIN_DAILY_ITEMS:
        return daily_sessions(step.node, step.value, days, step.reading)
    return [make_module(step.node, step.value, step.reading, set())]


def _as_course_heading(step: _Step) -> list[Module] | None:
    """ "## Peer Support Refresher Training (40 hours)" over its sessions: the course's total,
    unless the hours came from a "Program length:" line under it, which states it itself."""
    node = step.node
    if node.kind != "heading" or node.label or node.key[0] > 2 or not holds_parts(node):
        return None
    if duration_of(node, fields=False) is not None or not from_total_field(node):
        return step.total(node_text(node)[:160], "title")
    return step.inner


_DECISIONS = (
    _as_title,
    _as_field,
    _as_stated_total,
    _as_parent_hours,
    _as_daily_lead,
    _as_prose,
    _as_leaf,
    _as_course_heading,
)


def _as_part(step: _Step) -> list[Module]:
    """A timed block over timed blocks: a frame around sessions, or a session they refine."""
    node, value, inner = step.node, step.value, step.inner
    module = make_module(node, value, step.reading, set())
    if module.kind != "instruction":
        return [module]  # a practicum's parts are the practicum's
    if is_frame(node, value, inner):
        module.kind = "frame"
        counted = sum(m.counted_hours for m in inner)
        module.reason = Message(
            "Not counted itself: it frames timed parts, which are counted instead "
            "(%(counted)s h of instruction inside %(hours)s h).",
            counted=counted,
            hours=value.hours,
        )
        return [module, *inner]
    # Breaks, exams and the like inside a module are set aside on their own; the rest refine it.
    apart = [m for m in inner if m.kind != "instruction"]
    refinements = [m for m in inner if m.kind == "instruction" and m.hours is not None]
    below = sum(m.hours or 0.0 for m in refinements)
    if peers_not_parts(node, module, below):
        step.reading.doubts.append(levels_doubt(module, refinements))
        for peer in inner:  # the cue heading is beside them, not above them
            peer.path = [part for part in peer.path if part != node_text(node)]
        return [module, *inner]
    module.refinements = refinements
    if below:
        module.reason = Message(
            "%(reason)s Its sub-items' hours (%(below)s h) refine it and are not added.",
            reason=module.reason,
            below=below,
        )
    return [module, *apart]
