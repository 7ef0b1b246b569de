"""A competency credited nowhere that a session's words match is asked about, not failed on."""

from __future__ import annotations

from app.policy import DEFAULT_POLICY
from app.syllabus.coverage_doubts import coverage_doubts
from app.syllabus.doubts import Correction
from app.syllabus.services import check_syllabus

SESSIONS = [
    "The family partner's professional responsibilities and ethics",
    "Navigating child-serving systems: schools, probation, child welfare",
    "Natural supports and community resources",
    "Caregiver wellness and resiliency",
]


def _course(*titles: str) -> str:
    rows = [f"| {n} | {title} | 8 |" for n, title in enumerate(titles, start=1)]
    return "\n".join(
        [
            "---",
            "program: pcfm",
            "---",
            "# Family partner specialization",
            "Open to certified Medi-Cal peer support specialists only.",
            "",
            "| Session | Title | Hours |",
            "|---|---|---|",
            *rows,
        ]
    )


WEAK = _course(*SESSIONS, "Board meetings and public comment")


def _open_competency_doubts(report) -> list[dict]:
    return [d for d in report.to_dict()["reading"]["doubts"] if d["kind"] == "competency"]


def test_a_competency_the_words_match_weakly_waits_for_the_provider():
    report = check_syllabus(WEAK)
    assert report.verdict == "needs confirmation"
    [doubt] = _open_competency_doubts(report)
    assert doubt["could_change_verdict"]
    assert "pcfm-5" in doubt["question"]
    [credit] = doubt["alternatives"]
    assert credit["field"] == "competency"
    assert credit["value"] == "pcfm-5"
    assert credit["evidence"]


def test_crediting_the_competency_where_it_is_asked_passes_the_course():
    doubt = _open_competency_doubts(check_syllabus(WEAK))[0]
    answer = Correction(doubt["line"], "competency", "pcfm-5", evidence="public comment")
    assert check_syllabus(WEAK, corrections=[answer]).verdict == "pass"


def test_confirming_the_reading_leaves_the_competency_missing():
    doubt = _open_competency_doubts(check_syllabus(WEAK))[0]
    confirmed = check_syllabus(WEAK, corrections=[Correction(doubt["line"], "confirm", True)])
    assert confirmed.verdict == "fail"
    assert "COMPETENCY_MISSING" in {f.code for f in confirmed.findings}


def test_no_words_that_match_it_and_the_course_fails():
    strict = DEFAULT_POLICY.with_overrides({"suggest.doubt_min_score": 1.01})
    report = check_syllabus(WEAK, policy=strict)
    assert report.verdict == "fail"
    assert coverage_doubts(report, 1.01) == []


def test_two_competencies_missing_are_asked_about_together():
    # Natural supports left out: pcfm-3 and pcfm-5 are both missing, each matched by some
    # session's words. Neither answer alone passes the course; both together would.
    kept = [SESSIONS[0], SESSIONS[1], SESSIONS[3]]
    report = check_syllabus(
        _course(*kept, "Board meetings and public comment", "Looking after yourself")
    )
    assert {c.id for c in report.competencies if not c.covered} == {"pcfm-3", "pcfm-5"}
    doubts = _open_competency_doubts(report)
    assert len(doubts) == 2
    assert all(d["could_change_verdict"] for d in doubts)
    assert report.verdict == "needs confirmation"


def test_a_missing_competency_no_words_match_keeps_the_course_failed():
    # Systems navigation left out: no session's words match pcfm-2, so answering the doubt
    # about pcfm-5 could not pass the course.
    kept = [SESSIONS[0], SESSIONS[2], SESSIONS[3]]
    report = check_syllabus(
        _course(*kept, "Board meetings and public comment", "Looking after yourself")
    )
    assert {c.id for c in report.competencies if not c.covered} == {"pcfm-2", "pcfm-5"}
    assert report.verdict == "fail"
    assert not any(d["could_change_verdict"] for d in _open_competency_doubts(report))


def test_a_course_that_passes_or_fails_on_hours_asks_nothing_about_competencies():
    short = WEAK.replace("| 8 |", "| 2 |")
    report = check_syllabus(short)
    assert report.verdict == "fail"
    assert not any(d["could_change_verdict"] for d in _open_competency_doubts(report))
    assert coverage_doubts(check_syllabus(_course(*SESSIONS, "Effecting change")), 0.3) == []
