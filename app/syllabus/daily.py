"""Daily times over weekday items ("Monday to Thursday, 9:00 a.m. to 1:00 p.m." over "Mon: …") (pure)."""

from __future__ import annotations

from app.messages import Message
from app.syllabus.block_hours import duration_of
from app.syllabus.durations import (
    NUMBER_WORDS,
    Duration,
    find_durations,
)
from app.syllabus.kinds import classify
from app.syllabus.limits import MAX_SESSIONS
from app.syllabus.model import Module
from app.syllabus.outline import Node, fold
from app.syllabus.sentences import prose_sentences as _prose_sentences
from app.syllabus.state import Reading
from app.syllabus.units import make_module

MIN_DAILY_ITEMS = 2


# Weekdays as agendas abbreviate them ("**Mon:** Trauma-informed care", "Tue 9/23: …").
DAY_WORDS = frozenset(
    {
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "lun", "mar", "mie", "jue", "vie", "sab", "dom",
        "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo",
    }
)  # fmt: skip


def opens_with_day(text: str) -> bool:
    words = text.replace(":", " ").replace(",", " ").replace(".", " ").split()
    return bool(words) and fold(words[0]) in DAY_WORDS


def day_items(node: Node) -> list[Node]:
    """The untimed items, each opening with a weekday, that a daily clock range applies to.

    "Week 2 — Monday to Thursday, 9:00 a.m. to 1:00 p.m." over "Mon: …", "Tue: …" bullets, or
    "Live evenings (5:30–8:30 p.m.):" followed by "Tue 9/23: …", "Thu 9/25: …".
    """
    if node.kind == "heading":
        candidates = [c for c in node.children if c.kind in ("item", "para")]
    elif node.kind == "para" and node.parent is not None and node.text.rstrip().endswith(":"):
        # A lead-in line ("Live evenings (5:30–8:30 p.m.):") and the list that follows it.
        siblings = node.parent.children
        candidates = []
        for index in range(_positions(node.parent)[id(node)] + 1, len(siblings)):
            sibling = siblings[index]  # no slice: a copy of the rest per line would be quadratic
            if sibling.kind != "item" or not opens_with_day(sibling.text):
                break
            candidates.append(sibling)
    else:
        return []
    days = [c for c in candidates if c.kind == "item" and opens_with_day(c.text)]
    return [d for d in days if duration_of(d) is None]


_POSITIONS: dict[int, tuple[Node, dict[int, int]]] = {}


def _positions(parent: Node) -> dict[int, int]:
    """Where each child stands among its siblings, worked out once per parent (not once per child)."""
    cached = _POSITIONS.get(id(parent))
    if cached is None or cached[0] is not parent:
        if len(_POSITIONS) > MAX_SESSIONS:
            _POSITIONS.clear()
        cached = (parent, {id(child): index for index, child in enumerate(parent.children)})
        _POSITIONS[id(parent)] = cached
    return cached[1]


def daily_breaks(node: Node) -> float:
    """Hours of breaks and meals the part's own sentences give each day.

    "Each live day includes one 15-minute break" (0.25), "Lunch 12:00–12:30 p.m.; 15-minute
    breaks at 10:30 a.m. and 2:30 p.m." (0.5 + 2 × 0.25).
    """
    hours = 0.0
    for child in node.children if node.kind == "heading" else []:
        if child.kind != "para":
            continue
        pieces = [p for part in child.text.split(";") for p in _prose_sentences(part)]
        for piece in pieces:
            if classify(piece) != "break":
                continue
            for found in find_durations(piece):
                before = piece[: found.start].split()
                count = NUMBER_WORDS.get(fold(before[-1]), 1) if before else 1
                listed = [
                    word
                    for word in piece[found.end :].split()
                    if ":" in word and word.split(":")[0].isdigit()
                ]
                if "breaks" in fold(piece) and len(listed) > 1:
                    count = len(listed)  # "15-minute breaks at 10:30 a.m. and 2:30 p.m."
                hours += found.hours * max(count, 1)
    return hours


def daily_reason(each: float, text: str, breaks: float) -> Message:
    """Why a day under a daily time counts what it does."""
    if breaks:
        return Message(
            "Counted: %(hours)s h, the daily time “%(text)s” less %(breaks)s h of breaks stated "
            "for each day.",
            hours=each,
            text=text,
            breaks=breaks,
        )
    return Message("Counted: %(hours)s h, the daily time “%(text)s”.", hours=each, text=text)


def daily_sessions(node: Node, value: Duration, days: list[Node], reading: Reading) -> list[Module]:
    """Each weekday item under a daily clock range is a session of that range less its breaks."""
    breaks = daily_breaks(node)
    each = value.hours - breaks
    frame = make_module(node, value, reading, set())
    if each <= 0:
        return [frame]
    frame.kind = "frame"
    frame.reason = Message(
        "Not counted itself: “%(text)s” is the daily time of the %(days)s days listed "
        "under it, each counted instead.",
        text=value.text,
        days=len(days),
    )
    return [frame, *day_sessions(days, each, value, breaks, reading)]


def day_sessions(
    days: list[Node], each: float, span: Duration, breaks: float, reading: Reading
) -> list[Module]:
    """One session per day, each lasting ``each`` hours: the daily ``span`` less ``breaks``.

    A day read as instruction says why it counts what it does; one read as a break, an exam or
    the like keeps its own kind and reason.
    """
    sessions = []
    for day in days:
        daily = Duration(each, span.text, span.start, span.end, clock=True)
        module = make_module(day, daily, reading, set())
        if module.kind == "instruction":
            module.reason = daily_reason(each, span.text, breaks)
        sessions.append(module)
    return sessions
