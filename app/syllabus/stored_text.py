"""A checker report as a curriculum version stores it, with its messages' templates and values
kept, and read back with those messages restored (pure).

``Report.to_dict()`` is the report's documented JSON (the CLI and the API give it): its texts are
English. ``for_storage`` adds one key, ``messages``, holding the template and values of each
finding's message, each session's reason, evidence and hours text (a corrected session's
"4 h (corrected)"), each doubt's question and each note set aside (a line the provider says is not
a session) (by position, None for plain text), so ``restored_report`` gives back ``Message``s that a page shows in its own
language (app.stored_messages). A report stored before that key existed is read as it is.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from app.stored_messages import restored, stored
from app.syllabus.report import Report, report_from_dict

KEY = "messages"
# The texts of the reading table (app.syllabus.reading_table): each part's rows and their text.
READING_TEXTS = (
    ("sessions", "reason"),
    ("frames", "reason"),
    ("doubts", "question"),
    ("set_aside", "title"),  # a note's text; a session's title stays plain text (None)
)
# The grounds of each decision of the reading table, kept under their own key.
GROUNDS = "grounds"
READING_GROUNDS = (
    ("sessions", "grounds"),
    ("frames", "grounds"),
    ("doubts", "grounds"),
    ("totals", "grounds"),
)
# The hours text of each row, kept under its own key (a corrected session's "4 h (corrected)").
HOURS = "hours"
READING_HOURS = (("sessions", "hours_text"), ("frames", "hours_text"))
# Each group of the reading table's texts and the key it is kept under.
READING_GROUPS = (("reading", READING_TEXTS), (GROUNDS, READING_GROUNDS), (HOURS, READING_HOURS))


def for_storage(report: Report) -> dict[str, Any]:
    """``report.to_dict()`` plus the templates and values of its messages."""
    data = report.to_dict()
    data[KEY] = {
        "findings": [stored(f.message) for f in report.findings],
        "modules": [
            {
                "reason": stored(m.reason),
                "hours_text": stored(m.hours_text),
                "evidence": {cid: [stored(w) for w in why] for cid, why in m.evidence.items()},
            }
            for m in report.modules
        ],
        "doubts": [stored(d.get("question")) for d in report.doubts],
    }
    for key, texts in READING_GROUPS:
        data[KEY][key] = {
            part: [stored(row.get(field)) for row in _list(report.reading.get(part))]
            for part, field in texts
        }
    return data


def documented(data: dict[str, Any] | None) -> dict[str, Any] | None:
    """A stored report as ``Report.to_dict()`` gave it, for programs (the JSON API)."""
    return None if data is None else {k: v for k, v in data.items() if k != KEY}


def restored_report(data: dict[str, Any]) -> Report:
    """The stored report with its messages restored where their templates were kept."""
    report = report_from_dict(data)
    kept = data.get(KEY)
    if not isinstance(kept, dict):
        return report
    findings = _list(kept.get("findings"))
    report.findings = [
        dataclasses.replace(f, message=restored(f.message, _at(findings, i)))
        for i, f in enumerate(report.findings)
    ]
    modules = _list(kept.get("modules"))
    for i, module in enumerate(report.modules):
        saved = _at(modules, i)
        if not isinstance(saved, dict):
            continue
        module.reason = restored(module.reason, saved.get("reason"))
        module.hours_text = restored(module.hours_text, saved.get("hours_text"))
        evidence = saved.get("evidence") if isinstance(saved.get("evidence"), dict) else {}
        module.evidence = {
            cid: [restored(w, _at(_list(evidence.get(cid)), j)) for j, w in enumerate(why)]
            for cid, why in module.evidence.items()
        }
    report.doubts = _rows(report.doubts, "question", _list(kept.get("doubts")))
    for key, texts in READING_GROUPS:
        reading = kept.get(key) if isinstance(kept.get(key), dict) else {}
        if isinstance(report.reading, dict):
            report.reading = {
                **report.reading,
                **{
                    part: _rows(report.reading[part], field, _list(reading.get(part)))
                    for part, field in texts
                    if isinstance(report.reading.get(part), list)
                },
            }
    return report


def _rows(rows: list, field: str, kept: list) -> list:
    """``rows`` (dicts) with the text under ``field`` restored from ``kept``, by position."""
    return [
        {**row, field: restored(row.get(field), _at(kept, i))}
        if isinstance(row, dict) and field in row
        else row
        for i, row in enumerate(rows)
    ]


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _at(values: list, index: int) -> Any:
    return values[index] if index < len(values) else None
