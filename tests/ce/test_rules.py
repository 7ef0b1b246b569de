"""CE rules: periods, counting, duplicates, sources, evidence, renewal window, lapses, date edges."""

from __future__ import annotations

from datetime import date

import pytest

from app.ce.rules import (
    CEEntry,
    add_years,
    lapse_outcome,
    period_for,
    renewal_status,
    renewal_window,
    summarize,
)
from app.policy import DEFAULT_POLICY as P

ISSUED = date(2025, 3, 1)


def entry(title="Ethics for peers", provider="Golden State", on=date(2025, 6, 1), hours=3.0, **kw):
    kw.setdefault("source", "calmhsa_ce_provider")
    kw.setdefault("evidence", ["certificate.pdf"])
    return CEEntry(title=title, provider=provider, start_date=on, hours=hours, **kw)


def _course(title, on, hours, **kw):
    """A course from provider "P", by default from a CalMHSA CE provider."""
    kw.setdefault("source", "calmhsa_ce_provider")
    return CEEntry(title, "P", on, hours=hours, **kw)


def _law_course(title, on, hours, topic, provider="P", **kw):
    """A law-and-ethics course on one topic (``le-N``), by default from the licensing board."""
    kw.setdefault("source", "licensing_board")
    return CEEntry(
        title, provider, on, hours=hours, law_ethics=True, law_ethics_topics=[topic], **kw
    )


def test_periods_follow_one_another():
    assert period_for(ISSUED, date(2026, 5, 1), P) == (date(2025, 3, 1), date(2027, 3, 1))
    assert period_for(ISSUED, date(2027, 3, 1), P) == (date(2027, 3, 1), date(2029, 3, 1))
    assert period_for(ISSUED, date(2027, 2, 28), P)[0] == date(2025, 3, 1)


def test_leap_day_issue():
    assert add_years(date(2024, 2, 29), 2) == date(2026, 2, 28)
    assert period_for(date(2024, 2, 29), date(2026, 2, 27), P) == (
        date(2024, 2, 29),
        date(2026, 2, 28),
    )


def test_renewal_window_edges():
    expires = date(2027, 3, 1)
    opens, closes = renewal_window(expires, P)
    assert (opens, closes) == (date(2026, 12, 1), expires)
    assert renewal_status("active", date(2026, 11, 30), expires, P)["code"] == "CE_WINDOW_NOT_OPEN"
    assert (
        renewal_status("active", date(2026, 12, 1), expires, P)["code"] == "CE_RENEWAL_OK"
    )  # the 90th day before
    assert (
        renewal_status("active", expires, expires, P)["code"] == "CE_RENEWAL_OK"
    )  # the expiration day
    assert renewal_status("active", date(2027, 3, 2), expires, P)["code"] == "CE_REINSTATEMENT"


@pytest.mark.parametrize("status", ["suspended", "revoked"])
def test_suspended_or_revoked_cannot_renew(status):
    assert (
        renewal_status(status, date(2027, 1, 1), date(2027, 3, 1), P)["code"] == "CE_CANNOT_RENEW"
    )


def test_four_year_lapse_to_the_day():
    expired = date(2027, 3, 1)
    assert lapse_outcome(expired, date(2031, 2, 28), P)["code"] == "CE_REINSTATEMENT"
    assert lapse_outcome(expired, date(2031, 3, 1), P)["code"] == "CE_INITIAL_CERTIFICATION"
    assert "40-hour refresher" in lapse_outcome(expired, date(2028, 1, 1), P)["message"]


def test_counting_with_duplicate_units_other_source_and_law_ethics():
    entries = [
        entry("Ethics & Boundaries", hours=6, law_ethics=True, law_ethics_topics=["le-13"], line=2),
        entry(
            "ethics and boundaries", hours=6, law_ethics=True, law_ethics_topics=["le-13"], line=3
        ),  # same course
        entry(
            "Psychology 101",
            provider="City College",
            units=3,
            hours=None,
            source="accredited_school",
            line=4,
        ),
        entry("Webinar", provider="Somebody", hours=5, source="other", line=5),
        entry("Old course", on=date(2024, 12, 1), hours=4, line=6),
    ]
    summary = summarize(entries, issued_on=ISSUED, today=date(2026, 6, 1), policy=P)
    by_line = {e["line"]: e for e in summary["entries"]}
    assert (
        by_line[2]["counted"]
        and not by_line[3]["counted"]
        and "App. C 1.A" in by_line[3]["reasons"][0]
    )
    assert by_line[4]["counted"] and by_line[4]["hours"] == 12
    assert not by_line[5]["counted"] and "App. C 5.B" in by_line[5]["reasons"][0]
    assert not by_line[6]["counted"] and "outside the period" in by_line[6]["reasons"][0]
    assert (summary["total_hours"], summary["law_ethics_hours"]) == (18, 6)
    assert not summary["compliant"]
    # The repeated course names the first one in words; the line is data, not wording.
    assert "“Ethics & Boundaries” completed on 2025-06-01" in by_line[3]["reasons"][0]
    assert "line" not in " ".join(by_line[3]["reasons"])
    assert by_line[3]["compared_with_line"] == 2 and by_line[2]["compared_with_line"] is None
    codes = {f["code"] for f in summary["findings"]}
    assert "CE_HOURS_SHORT" in codes and "CE_LAW_ETHICS_SHORT" not in codes


def test_compliant_record_and_missing_evidence_warning():
    entries = [
        entry("Law and ethics", hours=6, law_ethics=True, law_ethics_topics=["le-3"]),
        entry("Trauma", hours=14, evidence=[]),
    ]
    summary = summarize(entries, issued_on=ISSUED, today=date(2027, 1, 15), policy=P)
    assert summary["compliant"]
    assert summary["renewal_window"] == {"opens": "2026-12-01", "closes": "2027-03-01"}
    assert any(f["code"] == "CE_EVIDENCE_MISSING" for f in summary["findings"])


def test_near_duplicate_is_a_warning():
    entries = [
        entry("Motivational Interviewing Basics"),
        entry("Motivational Interviewing Basic", on=date(2025, 9, 1)),
    ]
    summary = summarize(entries, issued_on=ISSUED, today=date(2026, 1, 1), policy=P)
    assert all(e["counted"] for e in summary["entries"])
    assert any(f["code"] == "CE_NEAR_DUPLICATE" for f in summary["findings"])
    later = summary["entries"][1]
    assert later["reasons"][0].startswith(
        "Looks like “Motivational Interviewing Basics” from the same"
    )
    assert "line" not in later["reasons"][0]


def test_expired_certification_shows_the_period_that_lapsed():
    summary = summarize(
        [entry(on=date(2026, 6, 1))],
        issued_on=ISSUED,
        today=date(2027, 6, 1),
        policy=P,
        status="expired",
    )
    assert summary["period"] == {"start": "2025-03-01", "end": "2027-02-28"}
    assert summary["total_hours"] == 3
    (lapse,) = [f for f in summary["findings"] if f["code"] == "CE_REINSTATEMENT"]
    assert "2027-03-01" in lapse["message"]


def test_leap_day_issue_periods_and_window():
    issued = date(2024, 2, 29)
    assert period_for(issued, date(2026, 2, 28), P) == (date(2026, 2, 28), date(2028, 2, 29))
    assert renewal_window(date(2028, 2, 29), P)[0] == date(2027, 12, 1)


def test_periods_for_many_days_are_contiguous():
    from datetime import timedelta

    issued = date(2024, 2, 29)
    day, previous = issued, None
    while day < date(2033, 1, 1):
        start, end = period_for(issued, day, P)
        assert start <= day < end
        if previous and previous != (start, end):
            assert previous[1] == start  # periods follow one another without gaps
        previous, day = (start, end), day + timedelta(days=1)


def test_entry_rules_run_in_order_each_with_its_own_reason_and_findings():
    from app.ce.rules import (
        ENTRY_RULES,
        EntryResult,
        Period,
        accepted_source,
        completed_in_period,
        counted_once,
        evidence_kept,
        not_withdrawn,
    )

    assert ENTRY_RULES[:2] == (not_withdrawn, completed_in_period)
    assert ENTRY_RULES[-2] is evidence_kept
    period = Period(date(2025, 3, 1), date(2027, 3, 1), P)
    late = EntryResult(entry(on=date(2027, 3, 1), source="other"), 3.0)
    assert completed_in_period(late, period) == [] and not late.counted
    assert "outside the period 2025-03-01 to 2027-02-28 (§207.3)" in late.reasons[0]
    assert accepted_source(late, period) == [] and "(App. C 5.B)" in late.reasons[1]
    assert counted_once(late, period) == [] and period.seen == {}  # refused entries are not seen
    first = EntryResult(entry(title="Ethics for peers", evidence=[]), 3.0)
    assert counted_once(first, period) == [] and first.counted
    (warning,) = evidence_kept(first, period)
    assert (warning.code, warning.citation) == ("CE_EVIDENCE_MISSING", "App. C 6.B")
    again = EntryResult(entry(title="ETHICS for peers!"), 3.0)
    assert counted_once(again, period) == [] and not again.counted
    near = EntryResult(entry(title="Ethics for peer"), 3.0)
    (finding,) = counted_once(near, period)
    assert finding.code == "CE_NEAR_DUPLICATE" and near.counted


def test_sanction_ce_counts_courses_since_imposed_one_part_each():
    from app.ce.rules import sanction_progress
    from app.policy import DEFAULT_POLICY, SANCTIONS

    since = date(2025, 6, 1)
    entries = [
        _course("Ethics in peer work", date(2025, 7, 1), 6),
        _course("Mandated reporting for peers", date(2025, 8, 1), 8),
        _course("Cultural humility", date(2025, 5, 1), 6),
        CEEntry("Cultural sensitivity", "Blog", date(2025, 9, 1), hours=6, source="other"),
    ]
    (both, cultural) = sanction_progress(
        entries, [(SANCTIONS["ETH6MR8"], since), (SANCTIONS["CS6"], since)], DEFAULT_POLICY
    )
    assert both["met"] and [p["counted"] for p in both["parts"]] == [6, 8]
    assert both["citation"] == "App. F (K4, K5)"
    # Before the sanction, or from a source that does not count: not counted.
    assert not cultural["met"] and cultural["parts"][0]["counted"] == 0
    (refresher,) = sanction_progress(entries, [(SANCTIONS["REF40"], since)], DEFAULT_POLICY)
    assert not refresher["met"] and refresher["parts"][0]["counted"] == 8


def test_reciprocity_counts_the_two_years_before_applying():
    from app.ce.rules import reciprocity
    from app.policy import DEFAULT_POLICY

    applied = date(2026, 3, 1)
    entries = [
        _law_course("Law", date(2024, 3, 1), 6, "le-1"),
        CEEntry("Old", "P", date(2024, 2, 28), hours=10, source="licensing_board"),
        CEEntry("Skills", "P", date(2025, 3, 1), hours=14, source="accredited_school"),
        CEEntry("Skills", "P", date(2025, 9, 1), hours=14, source="accredited_school"),
        CEEntry("After", "P", date(2026, 3, 1), hours=10, source="licensing_board"),
    ]
    result = reciprocity(entries, applied, DEFAULT_POLICY)
    assert result["window"] == {"start": "2024-03-01", "end": "2026-02-28"}
    assert (result["total_hours"], result["law_ethics_hours"], result["met"]) == (20, 6, True)
    assert result["citation"] == "§204.1.E"


def _record():
    """A period's record with one entry for each entry rule, 17 counted hours, 6 of law and ethics."""
    return [
        entry("Ethics & Boundaries", hours=4, law_ethics=True, law_ethics_topics=["le-13"], line=2),
        entry("Trauma-informed care", on=date(2025, 7, 1), hours=5, evidence=[], line=3),
        entry(
            "Law update",
            on=date(2025, 8, 1),
            hours=2,
            law_ethics=True,
            law_ethics_topics=["le-1"],
            line=4,
        ),
        entry("", on=date(2025, 9, 1), hours=3, line=5),
        entry("Zero hours", on=date(2025, 10, 1), hours=0, line=6),
        entry(
            "Psychology",
            provider="City College",
            on=date(2025, 11, 1),
            hours=None,
            units=1.5,
            source="accredited_school",
            line=7,
        ),
    ]


def test_the_whole_summary_of_a_period_with_every_finding_and_its_citation():
    summary = summarize(_record(), issued_on=ISSUED, today=date(2026, 6, 1), policy=P)
    window = "The renewal window opens on 2026-12-01, 90 days before expiration."
    assert summary["findings"] == [
        {
            "severity": "warning",
            "code": "CE_EVIDENCE_MISSING",
            "citation": "App. C 6.B",
            "message": "“Trauma-informed care” has no evidence file listed.",
            "line": 3,
        },
        {
            "severity": "error",
            "code": "CE_HOURS_SHORT",
            "citation": "§207.3",
            "message": "17 of 20 CE hours counted in this period; 3 more needed before 2027-03-01.",
            "line": None,
        },
        {
            "severity": "warning",
            "code": "CE_WINDOW_NOT_OPEN",
            "citation": "§207.7",
            "message": window,
            "line": None,
        },
    ]
    assert {k: v for k, v in summary.items() if k not in ("findings", "entries")} == {
        "period": {"start": "2025-03-01", "end": "2027-02-28"},
        "total_hours": 17.0,
        "law_ethics_hours": 6.0,
        "required_hours": 20.0,
        "required_law_ethics_hours": 6.0,
        "compliant": False,
        "expires_on": "2027-03-01",
        "renewal_window": {"opens": "2026-12-01", "closes": "2027-03-01"},
        "renewal": {"code": "CE_WINDOW_NOT_OPEN", "citation": "§207.7", "message": window},
    }
    keep = "Counts, but keep a certificate, agenda or transcript as evidence (App. C 6.B)."
    assert [
        (e["line"], e["title"], e["hours"], e["counted"], e["reasons"]) for e in summary["entries"]
    ] == [
        (2, "Ethics & Boundaries", 4.0, True, []),
        (3, "Trauma-informed care", 5.0, True, [keep]),
        (4, "Law update", 2.0, True, []),
        (5, "", 3.0, False, ["Missing title, which the evidence must show (§207.13.B)."]),
        (6, "Zero hours", 0.0, False, ["No direct-instruction hours (App. C 4.A)."]),
        (7, "Psychology", 6.0, True, []),
    ]


def test_law_and_ethics_short_by_half_an_hour_is_an_error_with_its_citation():
    entries = [
        entry("Law and ethics", hours=5.5, law_ethics=True, law_ethics_topics=["le-1"]),
        entry("Skills", hours=14.5),
    ]
    summary = summarize(entries, issued_on=ISSUED, today=date(2027, 1, 15), policy=P)
    assert summary["findings"] == [
        {
            "severity": "error",
            "code": "CE_LAW_ETHICS_SHORT",
            "citation": "§207.3; App. C 3.B",
            "message": "5.5 of 6 law-and-ethics hours counted; 0.5 more needed.",
            "line": None,
        }
    ]
    assert summary["total_hours"] == 20 and not summary["compliant"]


def test_exactly_twenty_hours_and_six_of_law_and_ethics_is_compliant_without_findings():
    entries = [
        entry("Law and ethics", hours=6, law_ethics=True, law_ethics_topics=["le-1"]),
        entry("Skills", hours=14),
    ]
    summary = summarize(entries, issued_on=ISSUED, today=date(2027, 1, 15), policy=P)
    assert summary["compliant"] and summary["findings"] == []
    assert summary["renewal"]["code"] == "CE_RENEWAL_OK"


@pytest.mark.parametrize(
    ("status", "today", "finding"),
    [
        ("suspended", date(2027, 1, 15), ("error", "CE_CANNOT_RENEW", "§802.1.B")),
        ("revoked", date(2026, 1, 15), ("error", "CE_CANNOT_RENEW", "§802.1.B")),
        ("expired", date(2027, 6, 1), ("error", "CE_REINSTATEMENT", "§209.1–2")),
        ("active", date(2026, 11, 30), ("warning", "CE_WINDOW_NOT_OPEN", "§207.7")),
    ],
)
def test_the_renewal_finding_names_its_severity_and_citation(status, today, finding):
    entries = [
        entry("Law and ethics", hours=6, law_ethics=True, law_ethics_topics=["le-1"]),
        entry("Skills", hours=14),
    ]
    summary = summarize(entries, issued_on=ISSUED, today=today, policy=P, status=status)
    assert [(f["severity"], f["code"], f["citation"]) for f in summary["findings"]] == [finding]


def test_renewal_and_lapse_answers_say_why_with_their_citations():
    expires = date(2027, 3, 1)
    assert renewal_status("suspended", date(2027, 1, 1), expires, P) == {
        "code": "CE_CANNOT_RENEW",
        "citation": "§802.1.B",
        "message": "A suspended certification cannot be renewed.",
    }
    assert renewal_status("active", date(2027, 1, 1), expires, P) == {
        "code": "CE_RENEWAL_OK",
        "citation": "§207.7",
        "message": "The renewal window is open until 2027-03-01.",
    }
    assert renewal_status("expired", date(2027, 1, 1), expires, P)["code"] == "CE_REINSTATEMENT"
    assert lapse_outcome(expires, date(2028, 1, 1), P) == {
        "code": "CE_REINSTATEMENT",
        "citation": "§209.1–2",
        "message": "The certification lapsed on 2027-03-01: reinstatement needs a 40-hour refresher training, the signed code of ethics and a passed exam.",
    }
    assert lapse_outcome(expires, date(2031, 3, 1), P) == {
        "code": "CE_INITIAL_CERTIFICATION",
        "citation": "§209.3",
        "message": "The certification lapsed 4 or more years ago: apply for initial certification.",
    }


def test_an_entry_missing_every_field_names_them_all_once():
    bare = CEEntry(title="", provider="", start_date=date(2025, 6, 1), source="calmhsa_ce_provider")
    (result,) = summarize([bare], issued_on=ISSUED, today=date(2026, 1, 1), policy=P)["entries"]
    assert result["reasons"] == [
        "Missing title, provider, hours or units, which the evidence must show (§207.13.B)."
    ]
    assert result["hours"] == 0 and not result["counted"]


def test_half_an_hour_of_direct_instruction_counts():
    (result,) = summarize([entry(hours=0.5)], issued_on=ISSUED, today=date(2026, 1, 1), policy=P)[
        "entries"
    ]
    assert result["counted"] and result["hours"] == 0.5 and result["reasons"] == []


def test_a_near_duplicate_names_the_line_it_resembles_and_other_providers_are_other_courses():
    entries = [
        entry("Motivational Interviewing Basics", line=4),
        entry("Motivational Interviewing Basic", on=date(2025, 9, 1), line=9),
        entry(
            "Motivational Interviewing Basics", provider="Other Org", on=date(2025, 10, 1), line=12
        ),
    ]
    summary = summarize(entries, issued_on=ISSUED, today=date(2026, 1, 1), policy=P)
    by_line = {e["line"]: e for e in summary["entries"]}
    assert by_line[9]["compared_with_line"] == 4 and by_line[12]["compared_with_line"] is None
    assert all(e["counted"] for e in summary["entries"]) and summary["total_hours"] == 9
    assert [f for f in summary["findings"] if f["code"] == "CE_NEAR_DUPLICATE"] == [
        {
            "severity": "warning",
            "code": "CE_NEAR_DUPLICATE",
            "citation": "App. C 1.A",
            "message": "“Motivational Interviewing Basic” looks like “Motivational Interviewing Basics”.",
            "line": 9,
        }
    ]
    assert by_line[9]["reasons"] == [
        "Looks like “Motivational Interviewing Basics” from the same provider, completed on 2025-06-01; if it is the same course it counts once (App. C 1.A)."
    ]


def test_a_course_completed_on_the_expiration_day_belongs_to_the_next_period():
    summary = summarize(
        [entry(on=date(2027, 3, 1)), entry(on=date(2027, 2, 28))],
        issued_on=ISSUED,
        today=date(2027, 1, 15),
        policy=P,
    )
    assert [e["counted"] for e in summary["entries"]] == [True, False]


def test_the_sample_is_reproducible_by_count_or_percentage_rounded_up():
    from app.ce.rules import draw_sample

    ids = list(range(10, 0, -1))
    assert draw_sample(ids, 7, count=3) == draw_sample(sorted(ids), 7, count=3)
    assert len(draw_sample(ids, 7, percent=25)) == 3  # 2.5 rounds up
    assert len(draw_sample(ids, 7, percent=10)) == 1
    assert draw_sample([3, 1, 2], 1, count=10) == [1, 2, 3]
    assert draw_sample([1, 2], 1) == [] and draw_sample([1, 2], 1, count=-1) == []
    chosen = draw_sample(ids, 7, count=5)
    assert chosen == sorted(chosen) and set(chosen) <= set(ids) and len(set(chosen)) == 5


def test_records_are_kept_two_years_after_the_renewal_of_their_period():
    from app.ce.rules import keep_until

    renewals = [(date(2029, 3, 1), date(2029, 1, 5)), (date(2027, 3, 1), date(2027, 1, 10))]
    assert keep_until(date(2025, 6, 1), renewals, P) == date(2029, 1, 10)
    assert keep_until(date(2027, 6, 1), renewals, P) == date(2031, 1, 5)
    assert keep_until(date(2027, 3, 1), renewals[1:], P) is None  # counts in the next period
    assert keep_until(date(2025, 6, 1), [], P) is None


def test_a_sanctions_progress_names_its_rule_and_each_part():
    from app.ce.rules import sanction_progress
    from app.policy import SANCTIONS

    since = date(2025, 6, 1)
    entries = [
        _course("Ethics in peer work", date(2025, 6, 1), 6),  # the day it was imposed counts
        _course("Mandated reporting for peers", date(2025, 8, 1), 7.5),
    ]
    (progress,) = sanction_progress(entries, [(SANCTIONS["ETH6MR8"], since)], P)
    assert progress == {
        "code": "ETH6MR8",
        "citation": "App. F (K4, K5)",
        "text": SANCTIONS["ETH6MR8"].text,
        "since": "2025-06-01",
        "parts": [
            {"label": "ethics", "required": 6, "counted": 6.0, "met": True},
            {"label": "mandated reporting", "required": 8, "counted": 7.5, "met": False},
        ],
        "met": False,
    }


def test_a_course_counts_toward_the_first_part_it_fits_only():
    from app.ce.rules import sanction_progress
    from app.policy import SANCTIONS

    entries = [_course("Ethics of mandated reporting", date(2025, 8, 1), 8)]
    (progress,) = sanction_progress(entries, [(SANCTIONS["ETH6MR8"], date(2025, 6, 1))], P)
    assert [(p["counted"], p["met"]) for p in progress["parts"]] == [(8.0, True), (0, False)]


def test_one_forty_hour_training_is_one_course_not_two_halves():
    from app.ce.rules import sanction_progress
    from app.policy import SANCTIONS

    since = date(2025, 6, 1)
    halves = [
        _course("Refresher A", date(2025, 7, 1), 20),
        _course("Refresher B", date(2025, 8, 1), 25),
    ]
    (short,) = sanction_progress(halves, [(SANCTIONS["REF40"], since)], P)
    assert short["parts"] == [
        {"label": "one 40-hour training", "required": 40, "counted": 25.0, "met": False}
    ]
    whole = [*halves, _course("Refresher C", date(2025, 9, 1), 40)]
    (done,) = sanction_progress(whole, [(SANCTIONS["REF40"], since)], P)
    assert done["met"] and done["parts"][0]["counted"] == 40


def test_law_and_ethics_courses_fit_the_parts_about_ethics_only():
    from app.ce.rules import sanction_progress
    from app.policy import SANCTIONS

    since = date(2025, 6, 1)
    entries = [
        _law_course(
            "Professional conduct", date(2025, 7, 1), 6, "le-13", source="calmhsa_ce_provider"
        )
    ]
    pairs = [(SANCTIONS[code], since) for code in ("LE6", "EB6", "CS6", "CE20")]
    counted = [p["parts"][0]["counted"] for p in sanction_progress(entries, pairs, P)]
    assert counted == [6.0, 6.0, 0, 6.0]
    plain = [_course("Professional conduct", date(2025, 7, 1), 6)]
    counted = [p["parts"][0]["counted"] for p in sanction_progress(plain, pairs, P)]
    assert counted == [0, 0, 0, 6.0]


def test_reciprocity_counts_each_course_once_and_says_what_it_needs():
    from app.ce.rules import reciprocity

    applied = date(2026, 3, 1)
    entries = [
        _law_course("Law", date(2025, 1, 1), 5, "le-1", line=3),
        _law_course("LAW!", date(2025, 2, 1), 5, "le-1", provider="p", line=4),
        CEEntry("Skills", "P", date(2025, 3, 1), units=3, source="accredited_school", line=5),
        CEEntry("Blog", "P", date(2025, 3, 1), hours=9, source="other", line=6),
    ]
    assert reciprocity(entries, applied, P) == {
        "window": {"start": "2024-03-01", "end": "2026-02-28"},
        "total_hours": 17.0,
        "law_ethics_hours": 5.0,
        "required_hours": 20.0,
        "required_law_ethics_hours": 6.0,
        "met": False,
        "citation": "§204.1.E",
        "lines": [3, 5],
    }
    enough = [
        *entries,
        _law_course("Ethics", date(2025, 4, 1), 3, "le-13", provider="Q"),
    ]
    assert reciprocity(enough, applied, P)["met"]


def test_a_withdrawn_entry_is_kept_but_not_counted_and_does_not_block_its_course():
    from app.ce.rules import ENTRY_FIELDS, reciprocity, sanction_progress
    from app.policy import SANCTIONS

    assert "withdrawn" not in ENTRY_FIELDS  # not a column of the CSV, the form or the API
    reported = entry(title="Ethics for peers", hours=6.0, withdrawn="I left after one hour.")
    typed = entry(title="Ethics for peers", hours=1.0, on=date(2025, 6, 2))
    summary = summarize([reported, typed], issued_on=ISSUED, today=date(2026, 1, 1), policy=P)
    withdrawn, kept = summary["entries"]
    assert not withdrawn["counted"] and withdrawn["hours"] == 6.0
    assert withdrawn["reasons"][0] == (
        "Withdrawn after the peer's dispute: I left after one hour; it no longer counts "
        "(§207.13.B)."
    )
    # The peer's own entry of the same course now counts: the withdrawn one is not "seen".
    assert kept["counted"] and summary["total_hours"] == 1.0
    bare = summarize([entry(withdrawn="")], issued_on=ISSUED, today=date(2026, 1, 1), policy=P)
    assert bare["entries"][0]["reasons"][0].startswith("Withdrawn after the peer's dispute; it")
    assert bare["total_hours"] == 0
    law = entry(title="Law and ethics", hours=6.0, law_ethics=True, withdrawn="wrong")
    assert reciprocity([law], date(2026, 1, 1), P)["total_hours"] == 0
    assert (
        reciprocity([entry(title="Law and ethics", hours=6.0)], date(2026, 1, 1), P)["total_hours"]
        == 6.0
    )
    (progress,) = sanction_progress([law], [(SANCTIONS["LE6"], date(2025, 1, 1))], P)
    assert progress["parts"][0]["counted"] == 0
