"""The reading: what was read, the provider's corrections, and no verdict while a doubt is open."""

from __future__ import annotations

import dataclasses

import jsonschema
import pytest

from app.framework.loader import cached_catalog
from app.policy import DEFAULT_POLICY
from app.syllabus.doubts import Correction, Doubt
from app.syllabus.errors import CorrectionError
from app.syllabus.parser import parse
from app.syllabus.reading import (
    apply_corrections,
    correction_from_dict,
    corrections_from_file,
    find_doubts,
    reading_schema,
)
from app.syllabus.report import report_from_dict
from app.syllabus.rules import evaluate
from app.syllabus.services import check_syllabus, judge
from app.syllabus.suggest import suggester_for

HEAD = "---\nprogram: refresher\n---\n# Peer Refresher\n\nTotal: 40 hours\n\n"
MODULES = (
    "## Module 1: Recovery and wellness (5 hours)\nHope and recovery.\n"
    "## Module 2: Ethics and boundaries (5 hours)\nEthics.\n"
    "## Module 3: Trauma-informed care (5 hours)\nTrauma.\n"
    "## Module 4: Cultural humility (5 hours)\nCulture.\n"
)
CROSSWALK = (
    "\n## Crosswalk\n\n| Competency area | Hours |\n|---|---|\n"
    "| Recovery and wellness | 5 |\n| Ethics and boundaries | 5 |\n"
    "| Trauma-informed care | 5 |\n| Cultural humility | 5 |\n"
)
RESTATED = HEAD + MODULES + CROSSWALK  # teaches 20 h, reads 40 h at first sight
FULL = HEAD + MODULES.replace("5 hours", "10 hours")  # teaches 40 h


def _line(text: str, start: str) -> int:
    return next(i + 1 for i, line in enumerate(text.split("\n")) if line.startswith(start))


def test_a_table_restating_the_sessions_is_not_decided_until_confirmed():
    report = check_syllabus(RESTATED)
    assert report.total_hours == 40
    assert report.decision == "needs confirmation" and not report.passed
    finding = next(f for f in report.findings if f.code == "NEEDS_CONFIRMATION")
    assert finding.citation == "§209.2.A" and finding.severity == "error"
    doubt = next(d for d in report.doubts if d["kind"] == "restated_table")
    assert doubt["open"] and doubt["could_change_verdict"]
    assert report.to_dict()["verdict"] == "needs confirmation"


def test_confirming_or_correcting_the_doubt_decides_the_verdict():
    table = _line(RESTATED, "| Recovery")
    confirmed = check_syllabus(RESTATED, corrections=[Correction(table, "confirm", True)])
    assert confirmed.decision == "pass" and confirmed.passed
    rows = [Correction(table + i, "counted", False) for i in range(4)]
    corrected = check_syllabus(RESTATED, corrections=rows)
    assert corrected.decision == "fail" and corrected.total_hours == 20
    assert [c["line"] for c in corrected.corrections] == [table, table + 1, table + 2, table + 3]
    assert any(f.code == "HOURS_SHORT" for f in corrected.findings)


def test_a_clear_syllabus_is_decided_at_once():
    report = check_syllabus(FULL)
    assert report.decision == "pass" and report.doubts == []


def test_corrections_copy_the_syllabus_and_change_only_their_lines():
    syllabus = parse(FULL)
    first = _line(FULL, "## Module 1")
    corrected = apply_corrections(syllabus, [Correction(first, "hours", 2)])
    assert syllabus.modules[0].hours == 10 and corrected.modules[0].hours == 2
    assert corrected.modules[1] is syllabus.modules[1]
    report = check_syllabus(FULL, corrections=[Correction(first, "hours", "2")])
    assert report.total_hours == 32 and report.decision == "fail"


def test_a_line_becomes_a_session_or_stops_being_one():
    culture = _line(FULL, "Culture.")
    added = check_syllabus(
        FULL, corrections=[Correction(culture, "session", True, title="Culture lab", hours=3)]
    )
    assert added.total_hours == 43
    assert any(m.line == culture and m.title == "Culture lab" for m in added.modules)
    first = _line(FULL, "## Module 1")
    removed = check_syllabus(FULL, corrections=[Correction(first, "session", False)])
    assert removed.total_hours == 30 and all(m.line != first for m in removed.modules)
    assert any(s["line"] == first and s["kind"] == "note" for s in removed.reading["set_aside"])


def test_counted_or_not():
    first = _line(FULL, "## Module 1")
    report = check_syllabus(FULL, corrections=[Correction(first, "counted", False)])
    assert report.total_hours == 30 and report.non_instruction_hours == {"excluded": 10}
    back = check_syllabus(
        FULL,
        corrections=[Correction(first, "counted", False), Correction(first, "counted", True)],
    )
    assert back.total_hours == 40


def test_a_competency_credited_or_removed_with_its_evidence():
    first = _line(FULL, "## Module 1")
    before = next(m for m in check_syllabus(FULL).modules if m.line == first)
    assert "core-1" in before.competencies
    report = check_syllabus(
        FULL,
        corrections=[
            Correction(first, "competency", "core-13", evidence="safety plans are drafted"),
            Correction(first, "competency", "core-1", remove=True),
        ],
    )
    module = next(m for m in report.modules if m.line == first)
    assert module.competencies == ["core-13"]
    assert "safety plans are drafted" in module.evidence["core-13"][0]
    entry = next(s for s in report.reading["sessions"] if s["line"] == first)
    assert entry["competencies"][0]["confidence"] == 1.0


def test_which_statement_is_the_declared_total():
    total = _line(FULL, "Total:")
    gone = check_syllabus(FULL, corrections=[Correction(total, "total", False)])
    assert gone.declared_totals == []
    title = _line(FULL, "# Peer")
    chosen = check_syllabus(FULL, corrections=[Correction(title, "total", True, hours=40)])
    assert chosen.declared_totals[0]["line"] == title
    assert [t["taken"] for t in chosen.reading["totals"]] == [True, False]


@pytest.mark.parametrize(
    "correction, message",
    [
        (Correction(2, "hours", 3), "Correction 1 (line 2, hours): no session was read on line 2"),
        (Correction(9999, "hours", 3), "the syllabus has"),
        (Correction(8, "colour", "red"), "unknown field"),
        (Correction(8, "hours", "many"), "the hours must be a number"),
        (Correction(8, "competency", "core-99"), "not a competency of this program"),
        (Correction(6, "total", True, hours=None), "no declared total"),
        (Correction(2, "session", True, title="X"), "give the session's hours"),
    ],
)
def test_a_correction_that_cannot_apply_is_named(correction, message):
    text = FULL if correction.field != "total" else FULL.replace("Total: 40 hours", "Intro")
    with pytest.raises(CorrectionError) as raised:
        check_syllabus(text, corrections=[correction])
    assert message in str(raised.value) or message.replace(
        "no declared total", "give the hours"
    ) in str(raised.value)


def test_correction_json_is_checked():
    assert correction_from_dict({"line": 3, "field": "hours", "value": 2}).value == 2
    for bad, words in (
        ([], "is not an object"),
        ({"line": "x", "field": "hours"}, "'line' must be a line number"),
        ({"line": 3, "field": "nope"}, "unknown field 'nope'"),
        ({"line": 3, "field": "session", "hours": "two"}, "'hours' must be a number"),
    ):
        with pytest.raises(CorrectionError, match=words):
            correction_from_dict(bad, 1)


def test_the_readers_own_doubts_are_weighed():
    syllabus = parse(FULL)
    first = _line(FULL, "## Module 1")
    doubt = Doubt(
        "levels",
        first,
        "Is this a session?",
        "two levels carry hours",
        0.4,
        (Correction(first, "hours", 1),),
    )
    syllabus.doubts = [doubt]  # the reader attaches its doubts to the Syllabus it returns
    catalog = cached_catalog()
    report = judge(syllabus, "refresher", catalog, DEFAULT_POLICY)
    assert report.decision == "needs confirmation"
    closed = judge(syllabus, "refresher", catalog, DEFAULT_POLICY, [Correction(first, "hours", 9)])
    assert closed.decision == "fail" and not closed.doubts[0]["open"]


def test_a_doubt_that_cannot_change_the_verdict_leaves_it_decided():
    syllabus = parse(FULL)
    first = _line(FULL, "## Module 1")
    syllabus.doubts = [Doubt("levels", first, "?", "?", 0.5, (Correction(first, "hours", 11),))]
    report = judge(syllabus, "refresher", cached_catalog(), DEFAULT_POLICY)
    assert report.decision == "pass"
    assert report.doubts[0]["open"] and not report.doubts[0]["could_change_verdict"]


def test_an_exam_word_in_another_sense_is_asked_about():
    text = HEAD + MODULES.replace("5 hours", "9 hours") + "## Quiz show review games (4 hours)\n"
    text += "## Proctored practice exam (1 hour)\n"
    syllabus = parse(text)
    review, exam = _line(text, "## Quiz show"), _line(text, "## Proctored")
    syllabus.modules = [
        dataclasses.replace(m, kind="exam") if m.line in (review, exam) else m
        for m in syllabus.modules
    ]
    doubts = find_doubts(syllabus)
    assert [(d.kind, d.line) for d in doubts] == [("exam_word", review)]
    assert doubts[0].alternatives == (Correction(review, "counted", True),)
    report = judge(syllabus, "refresher", cached_catalog(), DEFAULT_POLICY)
    assert report.total_hours == 36 and report.decision == "needs confirmation"


def test_a_number_that_is_a_code_is_doubted():
    text = HEAD + "## PSS-40 Foundations (40 hours)\nAll of it.\n## ETH-310 Ethics (10 hours)\n"
    doubts = find_doubts(parse(text))
    line = _line(text, "## PSS-40")
    # A 40-hour "session" in a 40-hour course is also asked about (course_as_session).
    assert [(d.kind, d.line) for d in doubts] == [("course_as_session", line), ("identifier", line)]
    assert "PSS-40" in doubts[1].question


def test_the_reading_follows_its_schema_and_survives_storage():
    report = check_syllabus(RESTATED)
    jsonschema.validate(report.reading, reading_schema())
    again = report_from_dict(report.to_dict())
    assert again.decision == "needs confirmation" and again.reading == report.reading
    for corrected in (
        check_syllabus(FULL, corrections=[Correction(_line(FULL, "Total:"), "total", False)]),
        check_syllabus(FULL),
    ):
        jsonschema.validate(corrected.reading, reading_schema())


def test_an_edited_reading_becomes_corrections():
    report = check_syllabus(RESTATED)
    reading = report.reading
    table = _line(RESTATED, "| Recovery")
    first = _line(RESTATED, "## Module 1")
    edited = dict(reading)
    edited["sessions"] = [dict(s) for s in reading["sessions"]]
    for session in edited["sessions"]:
        if session["line"] >= table:
            session["counted"] = False
        if session["line"] == first:
            session["hours"] = 4
            session["competencies"] = [{"id": "core-8", "evidence": "self-care plan"}]

    def reading_of(corrections):
        return check_syllabus(RESTATED, corrections=corrections).reading

    corrections = corrections_from_file({"reading": edited}, reading_of)
    fields = sorted((c.line, c.field, str(c.value)) for c in corrections)
    assert (first, "hours", "4.0") in fields
    assert (first, "competency", "core-8") in fields and (first, "competency", "core-1") in fields
    assert [f for f in fields if f[1] == "counted"] == [
        (table + i, "counted", "False") for i in range(4)
    ]
    assert corrections_from_file(edited["corrections"], reading_of) == []
    report = check_syllabus(RESTATED, corrections=corrections)
    assert report.total_hours == 19 and report.decision == "fail"
    # The reading printed after the corrections, fed back unchanged, asks for the same ones.
    again = corrections_from_file(report.reading, reading_of)
    assert sorted(map(repr, again)) == sorted(map(repr, corrections))


def test_a_deleted_session_and_a_moved_total_are_read_from_the_file():
    reading = check_syllabus(FULL).reading
    first = _line(FULL, "## Module 1")
    title = _line(FULL, "# Peer")
    edited = dict(reading)
    edited["sessions"] = [s for s in reading["sessions"] if s["line"] != first]
    edited["totals"] = [
        {**reading["totals"][0], "taken": False},
        {"line": title, "hours": 40, "text": "Peer Refresher", "taken": True},
    ]

    def reading_of(corrections):
        return check_syllabus(FULL, corrections=corrections).reading

    found = corrections_from_file(edited, reading_of)
    assert Correction(first, "session", False) in found
    assert any(c.line == title and c.field == "total" and c.hours == 40 for c in found)
    with pytest.raises(CorrectionError, match="line number"):
        corrections_from_file({"sessions": [{"title": "x"}]}, reading_of)
    with pytest.raises(CorrectionError):
        corrections_from_file("nonsense", reading_of)


def test_dataclass_copy_keeps_fields_of_later_readers():
    syllabus = parse(FULL)
    corrected = apply_corrections(syllabus, [])
    names = {f.name for f in dataclasses.fields(syllabus)}
    assert names <= {f.name for f in dataclasses.fields(corrected)}


def test_weighing_doubts_is_bounded_in_work_and_errs_on_the_safe_side(monkeypatch):
    from app.syllabus import verdict  # the limit is read where the verdict is weighed

    syllabus = parse(FULL)
    first = _line(FULL, "## Module 1")
    syllabus.doubts = [
        Doubt("levels", first, "?", "?", 0.5, tuple(Correction(first, "hours", h) for h in (1, 2)))
    ]
    calls = []

    catalog = cached_catalog()

    def run(corrected):
        calls.append(len(corrected.modules))
        return evaluate(corrected, "refresher", catalog, DEFAULT_POLICY, suggester_for(catalog))

    monkeypatch.setattr(verdict, "MAX_EVALUATED_SESSIONS", 0)  # no work left for any doubt
    report, _, results = verdict.decide(syllabus, [], run)
    assert len(calls) == 1 and report.decision == "needs confirmation"
    assert results[0].could_change
    monkeypatch.setattr(verdict, "MAX_EVALUATED_SESSIONS", 10**6)
    calls.clear()
    report, _, _ = verdict.decide(syllabus, [], run)
    assert len(calls) == 2  # the check, then both alternatives together (already a change)
    assert report.decision == "needs confirmation"
