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
    )

    assert ENTRY_RULES[0] is completed_in_period and ENTRY_RULES[-2] is evidence_kept
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
    from app.ce.rules import CEEntry, sanction_progress
    from app.policy import DEFAULT_POLICY, SANCTIONS

    since = date(2025, 6, 1)
    entries = [
        CEEntry(
            "Ethics in peer work", "P", date(2025, 7, 1), hours=6, source="calmhsa_ce_provider"
        ),
        CEEntry(
            "Mandated reporting for peers",
            "P",
            date(2025, 8, 1),
            hours=8,
            source="calmhsa_ce_provider",
        ),
        CEEntry("Cultural humility", "P", date(2025, 5, 1), hours=6, source="calmhsa_ce_provider"),
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
    from app.ce.rules import CEEntry, reciprocity
    from app.policy import DEFAULT_POLICY

    applied = date(2026, 3, 1)
    entries = [
        CEEntry(
            "Law",
            "P",
            date(2024, 3, 1),
            hours=6,
            source="licensing_board",
            law_ethics=True,
            law_ethics_topics=["le-1"],
        ),
        CEEntry("Old", "P", date(2024, 2, 28), hours=10, source="licensing_board"),
        CEEntry("Skills", "P", date(2025, 3, 1), hours=14, source="accredited_school"),
        CEEntry("Skills", "P", date(2025, 9, 1), hours=14, source="accredited_school"),
        CEEntry("After", "P", date(2026, 3, 1), hours=10, source="licensing_board"),
    ]
    result = reciprocity(entries, applied, DEFAULT_POLICY)
    assert result["window"] == {"start": "2024-03-01", "end": "2026-02-28"}
    assert (result["total_hours"], result["law_ethics_hours"], result["met"]) == (20, 6, True)
    assert result["citation"] == "§204.1.E"
