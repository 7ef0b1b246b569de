"""Chapter start marks of a recording ("00:06:00 Part 1 — …") read as chapter lengths (pure).

On-demand courses list the chapters of a video by where each starts in the recording:
"`00:00:00` Welcome", "`00:06:00` Part 1", … "`02:00:00` End of recording". A start mark is not
a length: adding the marks would count 3 h 20 min for a two-hour video. A chapter lasts from its
mark to the next one. The contract of ``chapter_lengths(lines)``:

- A run of at least ``MIN_CHAPTERS`` lines, each opening (after an optional list marker and
  backquotes) with a mark h:mm:ss or hh:mm:ss, whose marks rise strictly, is a chapter list. A
  blank line or any other line ends the run.
- Each chapter but the last gets its length written after its title, with the marks it is read
  from: "- Part 1 — … (36 min, 00:06:00 to 00:42:00)". The mark itself is taken off the line.
- The last line of a run gives no length (nothing says where it ends): when its title says the
  recording ends ("End of recording", "Fin del video") it is left as it is, a mark and no session.
  Otherwise it keeps its mark and no length, so the checker does not count hours for it.
- Line numbers do not change (one line in, one line out); other lines are left alone.
"""

from __future__ import annotations

import itertools
import re

MIN_CHAPTERS = 3  # two marks could be anything; three rising marks are a chapter list
_MARK = re.compile(r"^(\s*(?:[-*•]\s+)?)`?(\d{1,2}):([0-5]\d):([0-5]\d)`?\s+(\S.*)$")


def _mark(line: str) -> tuple[str, int, str] | None:
    """(list marker, seconds into the recording, title) of a chapter line, else None."""
    found = _MARK.match(line)
    if found is None:
        return None
    seconds = int(found[2]) * 3600 + int(found[3]) * 60 + int(found[4])
    return found[1], seconds, found[5].strip()


def _runs(lines: list[str]) -> list[list[int]]:
    """The indexes of each run of chapter lines whose marks rise strictly."""
    runs: list[list[int]] = []
    current: list[int] = []
    last = -1
    for index, line in enumerate(lines):
        mark = _mark(line)
        if mark is not None and mark[1] > last:
            current.append(index)
            last = mark[1]
            continue
        if len(current) >= MIN_CHAPTERS:
            runs.append(current)
        current, last = ([index], mark[1]) if mark is not None else ([], -1)
    if len(current) >= MIN_CHAPTERS:
        runs.append(current)
    return runs


def _shown(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def chapter_lengths(lines: list[str]) -> list[str]:
    """``lines`` with each chapter mark turned into the chapter's length (see the module)."""
    out = list(lines)
    for run in _runs(lines):
        for here, after in itertools.pairwise(run):
            marker, start, title = _mark(lines[here])  # type: ignore[misc]
            end = _mark(lines[after])[1]  # type: ignore[index]
            minutes = (end - start) / 60
            length = f"{minutes:g} min, {_shown(start)} to {_shown(end)}"
            out[here] = f"{marker}{title} ({length})"
    return out
