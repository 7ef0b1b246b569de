"""Syllabus text to sessions, declared totals and competency references, decided by structure (pure).

The entry point of the reader, and a map of it for a newcomer. Each module below makes one kind of
decision, in the order ``parse`` calls them:

1. ``limits``: how much work one reading may do (CPU time, blocks, sessions, characters).
2. ``front_matter``: the YAML block at the top and the total it declares.
3. ``page_text``: a PDF's page headers and footers blanked, schedule times joined to their titles.
4. ``outline`` (with ``sentences`` and ``identifiers``): the text as one tree of headings, items,
   table rows, fields and paragraphs; sentences broken across lines are rejoined first, and a
   course code in a table is not taken for a session's title. ``columns`` reads a table's hour
   columns by their header (h:mm, mm:ss, minutes; parts by delivery mode added up; tab- and
   space-aligned tables) and ``column_doubts`` asks when a column's unit or role is unclear.
5. ``header``: the document's title and its header fields (provider, program, delivery).
6. ``sessions`` (with ``units``, ``block_hours``, ``daily``, ``levels``): which blocks are
   sessions, frames around sessions, or statements of the course's total. The sessions are the
   outermost parts that carry a duration, except frames (a week, a day, a clock range around
   timed parts); hours written on a module's sub-items refine it, never add to it; a line set
   apart only by bold or capitals that lasts less than the lines under it is their peer. A
   time field under each heading is that heading's (``fields``), a line of timed activities is
   their sum (``activities``), and a calendar's dated rows are its meetings (``calendar_rows``).
   Days timed only by a sentence (``day_span``), a single dated event less a part said to earn
   no credit (``event_span``) and a break stated once for every meeting are read after them.
7. ``totals``: where the syllabus states its course's hours, and where a number is another
   course's (a prerequisite, a renewal rule).
8. ``kinds``: breaks and meals, registration, homework, practicum and exams are kept with their
   hours but not counted as direct instruction (App. C 4.A, 4.C).
9. ``restated``: a summary or crosswalk table that restates the sessions is not counted again.
10. ``asking``: what the reader is unsure of becomes a ``Doubt`` (app.syllabus.doubts) with the
    corrections that would settle it.
Every unit with a duration carries the reason it was or was not counted.
"""

from __future__ import annotations

from app.syllabus.asking import closing_total_doubts, exam_word_doubts, identifier_doubts
from app.syllabus.block_hours import duration_of, node_text
from app.syllabus.block_legend import legend_hours
from app.syllabus.calendar_rows import with_meeting_breaks
from app.syllabus.chapter_marks import chapter_lengths
from app.syllabus.column_doubts import clock_unit_doubts, unclear_parts_doubts
from app.syllabus.day_span import day_span_sessions
from app.syllabus.doubts import Correction, Doubt
from app.syllabus.durations import strip_duration
from app.syllabus.errors import SyllabusReadError
from app.syllabus.event_span import with_event
from app.syllabus.front_matter import front_matter, front_matter_total
from app.syllabus.header import header_meta, title_node
from app.syllabus.kinds import classify
from app.syllabus.limits import MAX_CHARS, MAX_LINES, Budget
from app.syllabus.model import DeclaredTotal, Module, Part, Syllabus
from app.syllabus.outline import build_outline
from app.syllabus.page_text import join_start_times, without_running_lines
from app.syllabus.restated import set_aside_restated_tables
from app.syllabus.sessions import collect
from app.syllabus.state import Reading
from app.syllabus.totals import leading_totals

__all__ = [
    "Budget",
    "Correction",
    "DeclaredTotal",
    "Doubt",
    "Module",
    "Part",
    "Syllabus",
    "classify",
    "parse",
]


def parse(text: str, *, budget: Budget | None = None) -> Syllabus:
    """Read sessions, hours, declared totals and references from syllabus text; SyllabusReadError if unusable."""
    if "\x00" in text[:100_000]:
        raise SyllabusReadError(
            "The text contains binary data; upload the document itself (.docx, .pdf) instead."
        )
    if len(text) > MAX_CHARS:
        raise SyllabusReadError(
            f"The syllabus is longer than {MAX_CHARS // 1_000_000} million characters."
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    if len(lines) > MAX_LINES:
        raise SyllabusReadError(f"The syllabus has more than {MAX_LINES:,} lines.")
    budget = budget or Budget()
    budget.count_chars(len(text))
    reading = Reading(budget=budget)
    meta, meta_lines, start = front_matter(lines)
    front_total = front_matter_total(meta, meta_lines)
    if front_total is not None:
        reading.totals.append(front_total)
    lines = legend_hours(chapter_lengths(join_start_times(without_running_lines(lines))))
    root = build_outline(lines[start:], start + 1, budget=budget)
    header_meta(root, meta, meta_lines)
    title = title_node(root, meta)
    if title is not None and "title" not in meta:
        value = duration_of(title, fields=False)
        meta["title"] = strip_duration(node_text(title), value) or node_text(title)
        meta_lines["title"] = title.line
    modules = collect(root, reading, title)
    modules += day_span_sessions(root, modules, reading)
    modules = with_event(root, modules, reading)
    with_meeting_breaks(root, modules)
    modules.sort(key=lambda m: m.line)
    leading_totals(modules, reading)
    set_aside_restated_tables(modules, reading.doubts)
    reading.doubts += exam_word_doubts(modules)
    reading.doubts += identifier_doubts(root)
    reading.doubts += clock_unit_doubts(root) + unclear_parts_doubts(root)
    reading.doubts += closing_total_doubts(modules, reading.totals)
    reading.doubts.sort(key=lambda d: d.line)
    reading.totals.sort(key=lambda t: t.line or 0)
    return Syllabus(
        meta=meta,
        modules=modules,
        declared_totals=reading.totals,
        meta_lines=meta_lines,
        text=text,
        notes=reading.notes,
        doubts=reading.doubts,
    )
