"""Hours given once in a legend for every block of a kind ("every AM block is 3.5 hours") (pure).

Half-day schedules often state the length of each kind of block once, in a key, and then list
only "AM: Title" / "PM: Title" under each day. Read alone, those lines have no hours. The
contract of ``legend_hours(lines)``:

- A legend is a sentence "every <label> block is <length>" ("every AM block is 3.5 instruction
  hours", "each evening session lasts 2 hours", "cada bloque de la mañana es de 3 horas"): one
  word names the kind of block, and the length is the first one after the verb that is not a
  clock range. Only labels of a part of the day are read (AM, PM, morning, afternoon, evening,
  mañana, tarde, noche), so "every session is 2 hours" is left to the readers of a whole course.
- Each line that opens with such a label and a colon ("     AM:  Lived experience") becomes its
  title with the legend's length and the label it comes from: "     Lived experience (AM
  block: 3.5 h)" (the label moves into the brackets so the line reads as a session, not as a
  "label: value" field). Lines that say there is no session ("PM: no
  session - travel day", "Tarde: sin sesión") are left as they are.
- Nothing changes unless at least ``MIN_BLOCKS`` lines use the legend's labels; line numbers do
  not change (one line in, one line out).
"""

from __future__ import annotations

import re

from app.syllabus.durations import find_durations
from app.syllabus.folding import fold

MIN_BLOCKS = 3
# Labels of a part of the day, folded; the key is how the block lines write them.
DAY_PART_LABELS = frozenset(
    {"am", "pm", "morning", "afternoon", "evening", "manana", "tarde", "noche"}
)
_LEGEND = re.compile(
    r"\b(?:every|each)\s+(\w+)\s+(?:block|session|class)s?\s+(?:is|are|lasts|runs)\s+([^;]*)"
    r"|\bcada\s+(?:bloque|sesion|clase)\s+(?:de\s+(?:la\s+)?)?(\w+)\s+(?:es\s+de|dura|son)\s+([^;]*)",
    re.IGNORECASE,
)
_BLOCK_LINE = re.compile(r"^(\s*)([^\W\d_]{2,10})\s*:\s+(\S.*)$")
_NO_SESSION = ("no session", "no class", "sin sesion", "sin clase", "cancelled", "canceled")


def _legends(lines: list[str]) -> dict[str, float]:
    """Each day-part label a legend gives a length, and that length in hours."""
    found: dict[str, float] = {}
    for line in lines:
        for match in _LEGEND.finditer(fold(line)):
            label, rest = (match[1], match[2]) if match[1] else (match[3], match[4])
            if label not in DAY_PART_LABELS:
                continue
            lengths = [d for d in find_durations(rest) if not d.clock and not d.is_range]
            if lengths:
                found.setdefault(label, lengths[0].hours)
    return found


def legend_hours(lines: list[str]) -> list[str]:
    """``lines`` with each day-part block line given its legend's length (see the module)."""
    legends = _legends(lines)
    if not legends:
        return lines
    changes: dict[int, str] = {}
    for index, line in enumerate(lines):
        match = _BLOCK_LINE.match(line)
        if match is None or fold(match[2]) not in legends:
            continue
        title = match[3].strip()
        if find_durations(title) or any(word in fold(title) for word in _NO_SESSION):
            continue
        hours = legends[fold(match[2])]
        changes[index] = f"{match[1]}{title} ({match[2]} block: {hours:g} h)"
    if len(changes) < MIN_BLOCKS:
        return lines
    return [changes.get(index, line) for index, line in enumerate(lines)]
