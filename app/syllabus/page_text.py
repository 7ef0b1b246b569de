"""Text as a PDF gives it: page headers and footers blanked, schedule times joined to their titles (pure)."""

from __future__ import annotations

from app.syllabus.durations import (
    find_duration,
)
from app.syllabus.outline import field_pair, fold, label_of
from app.syllabus.tags import find_ids

MIN_RUNNING_REPEATS = 2  # a two-page PDF repeats its header and footer once


MIN_RUNNING_WORDS = 4


HEAD_LINES = 5


_DIGITS_AS_HASH = str.maketrans("0123456789", "##########")


def without_running_lines(lines: list[str]) -> list[str]:
    """Page headers and footers of a PDF ("Page 2 of 5 · Rev. 3/2025") blanked where they repeat.

    A line that comes back at least three times, the same but for its numbers, with no duration,
    no "Key:" and no list or table marker, and that either numbers the page or repeats the
    document's first lines, is the page's furniture, not the course; it would otherwise be read
    into whichever session a page break falls in.
    """
    shapes: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        text = line.strip()
        if len(text.split()) < MIN_RUNNING_WORDS or text[:1] in "#-*|+>":
            continue
        shape = text.translate(_DIGITS_AS_HASH)
        shapes.setdefault(shape, []).append(index)
    out = None
    for indexes in shapes.values():
        if len(indexes) < MIN_RUNNING_REPEATS:
            continue
        sample = lines[indexes[0]].strip()
        if find_duration(sample) is not None or field_pair(sample) is not None or find_ids(sample):
            continue
        numbered_page = "page" in fold(sample).split()
        if not numbered_page and indexes[0] >= HEAD_LINES:
            continue  # a sentence every module repeats ("Participants practise in pairs.") stays
        out = out or list(lines)
        # The first use stays when it opens the document (the title a page header repeats).
        for index in indexes[1:] if indexes[0] < HEAD_LINES else indexes:
            out[index] = ""
    return out or lines


MIN_SCHEDULE_ENTRIES = 3


MAX_TIME_CHARS = 12


MAX_ENTRY_LINES = 8


def start_time(line: str) -> bool:
    """A line that is only a time of day ("7:30 AM", "12:45 p.m.", "13:00")."""
    text = line.strip()
    if not text or len(text) > MAX_TIME_CHARS or not (text[0].isdigit() or fold(text) == "noon"):
        return False
    return find_duration(text) is None and (":" in text or fold(text).endswith(("am", "pm", "m.")))


def join_start_times(lines: list[str]) -> list[str]:
    """Agendas copied from a two-column PDF give each start time a line and its title the next.

    "8:00 AM" / "Pathways to Crisis: how distress" / "builds, …" / "10:00 AM" / "Break": each
    entry becomes one line running from its time to the next ("8:00 AM–10:00 AM Pathways to
    Crisis …"), kept on the line where it starts (the lines it takes are left blank, so every
    line number stays). An entry with no time after it keeps its start only. Documents with fewer
    than three such entries are left as they are.
    """
    starts = [index for index, line in enumerate(lines) if start_time(line)]
    if len(starts) < MIN_SCHEDULE_ENTRIES:
        return lines
    out = list(lines)
    entries = 0
    for index in starts:
        body, cursor = [], index + 1
        while cursor < len(lines) and len(body) < MAX_ENTRY_LINES:
            text = lines[cursor].strip()
            if not text or start_time(text) or label_of(text)[0]:
                break
            body.append(text)
            cursor += 1
        if not body:
            continue
        start = lines[index].strip()
        end = lines[cursor].strip() if cursor < len(lines) and start_time(lines[cursor]) else ""
        span = find_duration(f"{start} - {end}") if end else None
        head = f"{start} - {end}" if span is not None and span.clock else start
        out[index] = f"{head} {' '.join(body)}"
        for taken in range(index + 1, cursor):
            out[taken] = ""
        entries += 1
    return out if entries >= MIN_SCHEDULE_ENTRIES else lines
