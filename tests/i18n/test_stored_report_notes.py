"""A stored report's provider notes read in the page's language: a line the provider says is not
a session, and a corrected session's hours ("4 h (corrected)"), come back as Messages from the
stored JSON, so a Spanish page shows them in Spanish and programs still read the English."""

from __future__ import annotations

import json

from flask_babel import refresh

from app.i18n.messages import translated
from app.syllabus.doubts import Correction
from app.syllabus.services import check_syllabus
from app.syllabus.stored_text import for_storage, restored_report

TEXT = (
    "---\nprogram: core\n---\n"
    "## Ethics (4 hours) [core-11]\nAssessment: quiz\n"
    "## Welcome (1 hour) [core-1]\nAssessment: quiz\n"
)


def _stored_and_read():
    lines = {line: n for n, line in enumerate(TEXT.split("\n"), 1)}
    corrections = [
        Correction(lines["## Ethics (4 hours) [core-11]"], "hours", 5),
        Correction(lines["## Welcome (1 hour) [core-1]"], "session", False),
    ]
    report = check_syllabus(TEXT, "core", corrections=corrections)
    return json.loads(json.dumps(for_storage(report))), restored_report(
        json.loads(json.dumps(for_storage(report)))
    )


def test_the_notes_and_corrected_hours_read_in_spanish(app):
    data, report = _stored_and_read()
    note = [a["title"] for a in report.reading["set_aside"] if a["kind"] == "note"]
    hours = [m.hours_text for m in report.modules if "corrected" in m.hours_text]
    rows = [s["hours_text"] for s in report.reading["sessions"] if "corrected" in s["hours_text"]]
    assert note == ["“Welcome”: the provider says this is not a session"]  # English for programs
    assert hours == rows == ["5 h (corrected)"]
    with app.test_request_context(headers={"Accept-Language": "es"}):
        refresh()
        assert translated(note[0]) == "“Welcome”: el proveedor dice que esto no es una sesión"
        assert translated(hours[0]) == translated(rows[0]) == "5 h (corregido)"
    assert data["messages"]["hours"]["sessions"]  # kept next to the documented JSON
