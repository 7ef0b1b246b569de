"""Tables that restate the outline's sessions: a summary or a crosswalk is not counted again (pure).

A syllabus often lists its sessions twice: once in the outline, with their bodies, and once in a
table ("| Module 1: Hope and recovery | Hope, recovery and wellness | 5 |"), a summary of hours or
a crosswalk to the competencies. Counting both doubles the hours. A table is a restatement when
its rows name the sessions read elsewhere with the same hours, or when its hours equal those of a
more detailed outline elsewhere. Where the table's hours equal the outline's but its rows cannot
be matched to sessions, the reader cannot tell a restatement from more teaching: it keeps the
rows and asks.
"""

from __future__ import annotations

from app.messages import Message
from app.syllabus.doubts import Correction, Doubt
from app.syllabus.folding import fold
from app.syllabus.model import Module

TOLERANCE = 0.01
MIN_ROWS = 2
# A module's label this short ("Module C", "Unit 2b") is also what a table row calls it.
LABEL_CHARS = 2
# This share of a table's rows naming sessions elsewhere makes the table a restatement.
MATCHED_SHARE = 0.75
# An outline with this many times the table's rows is surely what the table sums up.
DETAILED = 2


def tables(modules: list[Module]) -> list[list[Module]]:
    """Sessions read from table rows, grouped by table (rows on neighbouring lines)."""
    found: list[list[Module]] = []
    for module in modules:
        if not module.from_row:
            continue
        if found and module.line - found[-1][-1].line <= 2:
            found[-1].append(module)
        else:
            found.append([module])
    return found


def _folded(text: str) -> str:
    return " ".join(fold(text).split())


def _keys(title: str) -> set[str]:
    """What a row or a session is known by: its label ("module 1", "1") and its name."""
    plain = " ".join(title.lower().replace("*", " ").split())
    keys = {_folded(plain)}
    for separator in (":", " — ", " – ", " - "):
        label, found, name = plain.partition(separator)
        if found:
            label = _folded(label)
            keys |= {label, _folded(name)}
            words = label.split()
            if len(words) == 2 and (words[1].isdigit() or len(words[1]) <= LABEL_CHARS):
                keys.add(words[1])  # "Module 1" is also the row "1", "Module C" the row "C"
            break
    return {key for key in keys if key}


def _named_by_label(rows: list[Module], named: list[Module]) -> bool:
    """True when the rows name the sessions read elsewhere by their labels ("A", "C, M"): a
    crosswalk that spreads the same hours over other headings, not teaching of its own."""
    labels = set().union(*(_keys(m.title) for m in named)) if named else set()
    naming = 0
    for row in rows:
        parts = [p.strip() for p in fold(row.title).replace("&", ",").replace("/", ",").split(",")]
        naming += bool(parts) and all(p in labels for p in parts if p)
    return naming >= MATCHED_SHARE * len(rows)


def _restates(row: Module, session: Module) -> bool:
    if row.hours is None or session.hours is None or abs(row.hours - session.hours) > TOLERANCE:
        return False
    return bool(_keys(row.title) & _keys(session.title))


def set_aside_restated_tables(modules: list[Module], doubts: list[Doubt]) -> None:
    """Set aside each table that restates the sessions read elsewhere; ask where it may."""
    for table in tables(modules):
        rows = [m for m in table if m.kind == "instruction" and m.hours is not None]
        if len(rows) < MIN_ROWS:
            continue
        inside = {id(m) for m in table}
        others = [m for m in modules if id(m) not in inside and m.kind == "instruction" and m.hours]
        # A row may restate a session or a module framing sessions ("| 1 | 9 |" for "Module 1").
        named = [m for m in modules if id(m) not in inside and m.kind in ("instruction", "frame")]
        matched = [row for row in rows if any(_restates(row, other) for other in named)]
        in_table = sum(m.counted_hours for m in rows)
        elsewhere = sum(m.counted_hours for m in others)
        same_hours = bool(others) and abs(in_table - elsewhere) <= TOLERANCE
        by_label = False
        if len(matched) >= MATCHED_SHARE * len(rows):
            _set_aside(
                rows,
                Message(
                    "its rows name sessions read elsewhere with the same hours "
                    "(%(matched)s of %(rows)s rows)",
                    matched=len(matched),
                    rows=len(rows),
                ),
            )
        elif same_hours and (len(others) > len(rows) or (by_label := _named_by_label(rows, named))):
            _set_aside(
                rows,
                Message(
                    "%(table)s h in the table, %(elsewhere)s h in the sessions read elsewhere",
                    table=in_table,
                    elsewhere=elsewhere,
                ),
            )
            if len(others) < DETAILED * len(rows) and not by_label:  # barely more detailed: ask
                doubts.append(_doubt(rows, restated=True))
        elif same_hours:
            doubts.append(_doubt(rows, restated=False))


def _set_aside(rows: list[Module], why: Message) -> None:
    for row in rows:
        row.kind = "frame"
        row.reason = Message(
            "Not counted itself: this table restates the hours of the sessions read elsewhere "
            "in the syllabus (%(why)s).",
            why=why,
        )


def _doubt(rows: list[Module], *, restated: bool) -> Doubt:
    hours = sum(m.hours or 0.0 for m in rows)
    if restated:
        question = Message(
            "Does this table only restate the sessions of the outline, or does it add teaching "
            "of its own?"
        )
        grounds = Message(
            "its %(hours)s h equal the hours of the sessions read elsewhere, but its rows do not "
            "name them",
            hours=hours,
        )
        chosen = Message("restates the outline; its rows are not counted")
    else:
        question = Message(
            "Does this table restate the outline's sessions (then its hours count once), or list "
            "teaching of its own?"
        )
        grounds = Message(
            "its %(hours)s h equal the hours of the sessions read elsewhere, and it has as many "
            "rows as they are",
            hours=hours,
        )
        chosen = Message("teaching of its own; its rows are counted")
    return Doubt(
        kind="restated_table",
        line=rows[0].line,
        question=question,
        grounds=Message("%(grounds)s; read as: %(chosen)s.", grounds=grounds, chosen=chosen),
        confidence=0.6,
        alternatives=tuple(Correction(row.line, "counted", not restated) for row in rows),
    )
