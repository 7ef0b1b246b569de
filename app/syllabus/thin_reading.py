"""Whether the reading accounts for the document (pure): a declared total the sessions fall far
short of, or lines with times or hours that no session, total or note was read from.

A syllabus read short of its own declared total is either a short course or a misreading. When
no session was read at all, or short lines with times or hours were left unread, the shortfall is
asked about ("needs your confirmation") instead of failing a course the reader did not follow.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.messages import Message
from app.syllabus.doubts import Correction, Doubt
from app.syllabus.durations import find_duration
from app.syllabus.model import Module, Syllabus

# Two unread timed lines are a pattern; one is often a stray time in a sentence.
MIN_UNREAD_LINES = 2
# A line of prose (a sentence that mentions "30 minutes") is not a session the reader missed;
# agenda lines, rows and headings are short.
MAX_WORDS = 12
# Longer than a training day: a course or a program spoken of, not a session left unread.
LONGEST_SESSION_HOURS = 12
# How far below a session's title its stated hours may sit.
HOURS_BELOW = 3


def unread_timed_lines(syllabus: Syllabus) -> list[int]:
    """Lines (1-based) that state a time or a length and that nothing in the reading came from."""
    lines = syllabus.text.split("\n")
    accounted = _accounted_lines(syllabus) | _hours_lines(syllabus.modules, lines)
    totals = {round(total.hours, 2) for total in syllabus.declared_totals}
    found = []
    for number, line in enumerate(lines, start=1):
        if number in accounted or not 0 < len(line.split()) <= MAX_WORDS:
            continue
        value = find_duration(line)
        # "the 80-hour core training" speaks of a course, not of a session left unread.
        if (
            value is not None
            and not value.course_total
            and value.hours <= LONGEST_SESSION_HOURS
            and round(value.hours, 2) not in totals
        ):
            found.append(number)
    return found


def thin_reading(syllabus: Syllabus, counted: float, declared: float) -> list[int] | None:
    """The unread timed lines when the reading is too thin to judge the hours by, else None.

    Thin: no hours were read at all from a syllabus declaring some, or at least two short timed
    lines were left unread. The list may be empty (nothing else to point at).
    """
    unread = unread_timed_lines(syllabus)
    if (counted <= 0 < declared) or len(unread) >= MIN_UNREAD_LINES:
        return unread
    return None


def _accounted_lines(syllabus: Syllabus) -> set[int]:
    lines = {total.line for total in syllabus.declared_totals if total.line}
    lines |= {line for line, _ in syllabus.notes}
    lines |= {line for line in syllabus.meta_lines.values() if isinstance(line, int)}
    lines |= set(_module_lines(syllabus.modules))
    return lines


def _hours_lines(modules: Iterable[Module], lines: list[str]) -> set[int]:
    """Lines just under a session that state its hours ("3 hours" below a title copied from a
    PDF, "Duration: 4 hours" under a heading): the session was read from them too."""
    found = set()
    for module in modules:
        if module.hours is None:
            continue
        for number in range(module.line + 1, min(module.line + HOURS_BELOW, len(lines)) + 1):
            value = find_duration(lines[number - 1])
            if value is not None and abs(value.hours - module.hours) < 0.01:
                found.add(number)
    return found


def _module_lines(modules: Iterable[Module]) -> Iterable[int]:
    for module in modules:
        yield module.line
        if module.assessment_line:
            yield module.assessment_line
        yield from (part.line for part in module.parts)
        yield from _module_lines(module.refinements)


def course_as_session_doubts(syllabus: Syllabus) -> list[Doubt]:
    """A "session" longer than a training day that lasts as long as a declared total of the whole
    course: most likely the course's title or description read as one session."""
    totals = {round(total.hours, 2) for total in syllabus.declared_totals}
    doubts = []
    for module in syllabus.sessions:
        hours = module.hours
        if module.kind != "instruction" or hours is None or hours <= LONGEST_SESSION_HOURS:
            continue
        if round(hours, 2) not in totals:
            continue
        doubts.append(
            Doubt(
                "course_as_session",
                module.line,
                Message(
                    "Is “%(title)s” one session of %(hours)s h, or the whole course described "
                    "with its total?",
                    title=module.title,
                    hours=float(hours),
                ),
                Message(
                    "It lasts longer than a training day and as long as the declared total of "
                    "the course."
                ),
                0.3,
                (Correction(module.line, "session", False),),
            )
        )
    return doubts
