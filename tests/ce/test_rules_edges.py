"""CE rules at their edges: the first and last day of a period, hours a day can hold, rounding,
law and ethics without a topic, the exact near-duplicate ratio, the draw's published order, and
the parts of a sanction a course is used for. Each test states what the rule says at the edge."""

from __future__ import annotations

from datetime import date

from app.ce.rules import (
    CEEntry,
    draw_rank,
    draw_sample,
    draw_size,
    period_for,
    reciprocity,
    sanction_progress,
    summarize,
)
from app.policy import DEFAULT_POLICY as P
from app.policy import SANCTIONS, CEPart, SanctionCE

ISSUED = date(2025, 3, 1)
TODAY = date(2026, 1, 1)
CAP = "at most 24 a day, App. C 4.A; project rule"


def entry(title="Peer work", on=date(2025, 6, 1), hours=3.0, **kw):
    """A counted course from a CalMHSA CE provider, with its certificate listed."""
    kw.setdefault("source", "calmhsa_ce_provider")
    kw.setdefault("evidence", ["certificate.pdf"])
    kw.setdefault("provider", "Golden State")
    return CEEntry(title=title, start_date=on, hours=hours, **kw)


def entries_of(*entries, today=TODAY, **kw):
    return summarize(list(entries), issued_on=ISSUED, today=today, policy=P, **kw)["entries"]


def test_a_day_before_the_issue_date_belongs_to_the_first_period_not_an_earlier_one():
    assert period_for(ISSUED, date(2025, 2, 28), P) == (ISSUED, date(2027, 3, 1))
    assert period_for(ISSUED, date(2023, 6, 1), P) == (ISSUED, date(2027, 3, 1))


def test_the_issue_day_is_the_first_day_of_the_period_and_counts():
    (first,) = entries_of(entry(on=ISSUED))
    assert first["counted"] and first["reasons"] == []


def test_a_course_outside_the_period_says_when_it_was_completed_and_which_period():
    (late,) = entries_of(entry(on=date(2024, 12, 1)))
    assert late["reasons"] == [
        "Completed on 2024-12-01, outside the period 2025-03-01 to 2027-02-28 (§207.3)."
    ]


def test_a_course_from_another_source_is_refused_with_the_accepted_sources_rule():
    (other,) = entries_of(entry(source="other"))
    assert not other["counted"]
    assert other["reasons"] == ["Not from a source accepted for renewal (App. C 5.B)."]


def test_a_repeated_course_says_it_counts_once_per_period():
    first, again = entries_of(entry("Ethics"), entry("ethics", on=date(2025, 7, 1)))
    assert first["counted"] and not again["counted"]
    assert again["reasons"] == [
        "The same course as “Ethics” completed on 2025-06-01, already claimed in this period; "
        "a course counts once per period (App. C 1.A)."
    ]


def test_a_withdrawal_reason_keeps_its_own_words_and_loses_only_its_full_stop():
    (withdrawn,) = entries_of(entry(withdrawn="The provider reported session X."))
    assert withdrawn["reasons"] == [
        "Withdrawn after the peer's dispute: The provider reported session X; it no longer "
        "counts (§207.13.B)."
    ]


def test_titles_exactly_at_the_near_duplicate_ratio_are_pointed_out():
    # "cultural humility" against "cultural humility intro": 2 × 17 / 40 = 0.85, the threshold.
    first, near = entries_of(
        entry("Cultural humility", line=2), entry("Cultural humility: intro", line=3)
    )
    assert first["counted"] and near["counted"] and near["compared_with_line"] == 2
    assert near["reasons"][0].startswith("Looks like “Cultural humility” from the same provider")


def test_law_and_ethics_without_a_topic_counts_toward_the_total_only_and_says_why():
    marked = entry("Ethics update", hours=6, law_ethics=True)
    summary = summarize([marked], issued_on=ISSUED, today=TODAY, policy=P)
    (result,) = summary["entries"]
    assert result["counted"] and result["reasons"] == [
        "Marked law and ethics without a topic of App. C 3.C: counts toward the total hours, "
        "not toward law and ethics."
    ]
    assert (summary["total_hours"], summary["law_ethics_hours"]) == (6, 0)


def test_a_topic_without_the_law_and_ethics_mark_does_not_count_as_law_and_ethics():
    topic_only = entry("Ethics update", hours=6, law_ethics_topics=["le-13"])
    summary = summarize([topic_only], issued_on=ISSUED, today=TODAY, policy=P)
    assert (summary["total_hours"], summary["law_ethics_hours"]) == (6, 0)


def test_one_day_holds_twenty_four_hours_and_no_more():
    fits, too_many = entries_of(
        entry("Marathon", hours=24, line=2), entry("Ethics marathon", hours=25, line=3)
    )
    assert fits["counted"] and fits["reasons"] == []
    assert not too_many["counted"] and too_many["reasons"] == [
        f"25 hours in one day is more than the days hold ({CAP}): check the hours or give "
        "the last day."
    ]


def test_a_course_without_a_last_day_or_ending_before_it_starts_is_one_day():
    no_end = entry(hours=30)
    backwards = entry("Backwards", hours=30, end_date=date(2025, 5, 1))
    one_day = entry("One day", hours=30, end_date=date(2025, 6, 1))
    for result in entries_of(no_end, backwards, one_day):
        assert not result["counted"]
        assert result["reasons"][0].startswith("30 hours in one day is more than the days hold")


def test_a_two_day_course_holds_forty_eight_hours():
    two_days = {"end_date": date(2025, 6, 2)}
    fits, too_many = entries_of(
        entry("Retreat", hours=48, line=2, **two_days),
        entry("Other retreat", hours=48.5, line=3, **two_days),
    )
    assert fits["counted"] and fits["reasons"] == []
    assert too_many["reasons"] == [
        f"48.5 hours in 2 days is more than the days hold ({CAP}): check the hours or give the "
        "last day."
    ]


def test_academic_units_beyond_what_the_days_hold_are_refused_too():
    # 7 units are 28 hours (App. C 4.B), more than one day holds.
    (result,) = entries_of(entry("Semester", hours=None, units=7, source="accredited_school"))
    assert not result["counted"] and result["reasons"][0].startswith("28 hours in one day")


def test_an_entry_already_refused_is_not_also_refused_for_its_hours():
    (result,) = entries_of(entry(hours=30, source="other"))
    assert result["reasons"] == ["Not from a source accepted for renewal (App. C 5.B)."]


def test_an_active_certification_in_its_second_period_shows_that_period():
    summary = summarize([], issued_on=ISSUED, today=date(2027, 6, 1), policy=P)
    assert summary["period"] == {"start": "2027-03-01", "end": "2029-02-28"}


def test_courses_of_the_same_day_are_taken_in_the_order_of_their_lines():
    later_row = entry("Ethics", line=7)
    earlier_row = entry("ethics", line=3)
    first, second = entries_of(later_row, earlier_row)
    assert (first["line"], first["counted"]) == (3, True)
    assert (second["line"], second["counted"]) == (7, False)


def test_a_course_typed_in_without_a_line_comes_before_the_rows_of_the_same_day():
    typed = entry("Ethics")
    imported = entry("ethics", line=1)
    first, second = entries_of(imported, typed)
    assert (first["line"], first["counted"]) == (None, True)
    assert (second["line"], second["counted"]) == (1, False)


def test_hours_are_shown_to_the_hundredth():
    # One hour twenty minutes typed as 1.3333 hours, of law and ethics.
    course = entry("Law", hours=1.3333, law_ethics=True, law_ethics_topics=["le-1"])
    summary = summarize([course], issued_on=ISSUED, today=TODAY, policy=P)
    assert summary["entries"][0]["hours"] == 1.33
    assert (summary["total_hours"], summary["law_ethics_hours"]) == (1.33, 1.33)
    half = summarize([entry(hours=2.5)], issued_on=ISSUED, today=TODAY, policy=P)
    assert half["total_hours"] == 2.5 and half["law_ethics_hours"] == 0


def test_the_draw_order_is_fixed_by_the_seed_so_a_published_draw_can_be_redone():
    # These numbers are the draw's contract (the SQL draw orders by the same expression):
    # changing them changes every draw already made.
    assert [draw_rank(20261207, i) for i in range(1, 6)] == [
        1848804815,
        319112596,
        1539800414,
        1215900975,
        1494897926,
    ]
    assert draw_rank(2**40, 3) == draw_rank(2**40 % 2_147_483_647, 3)
    assert draw_sample(list(range(1, 21)), 20261207, count=5) == [2, 6, 9, 17, 20]


def test_flagged_peers_take_the_first_places_and_the_draw_keeps_its_size():
    population = list(range(1, 21))
    drawn = draw_sample(population, 20261207, count=5, first=[3, 99])
    assert drawn == [2, 3, 6, 9, 17]  # 99 is not in the population; 20 gives way to 3
    assert draw_sample(population, 20261207, count=1, first=[20]) == [20]


def test_a_percentage_is_of_the_whole_population_rounded_up():
    assert draw_size(1010, percent=10) == 101
    assert draw_size(302, percent=1) == 4


def _sanction_hours(entries, code):
    (progress,) = sanction_progress(entries, [(SANCTIONS[code], date(2025, 6, 1))], P)
    return [p["counted"] for p in progress["parts"]], progress["met"]


def test_academic_units_count_toward_a_sanction_and_toward_reciprocity():
    units = entry("Ethics seminar", hours=None, units=3, source="accredited_school")
    assert _sanction_hours([units], "ETH9") == ([12.0], True)
    law = entry(
        "Law seminar",
        hours=None,
        units=1.5,
        source="accredited_school",
        law_ethics=True,
        law_ethics_topics=["le-1"],
    )
    result = reciprocity([law], date(2026, 3, 1), P)
    assert (result["total_hours"], result["law_ethics_hours"]) == (6.0, 6.0)


def test_reciprocity_needs_both_the_hours_and_the_law_and_ethics_hours():
    plenty = entry("Skills", hours=20)
    some_law = entry("Law", hours=5, law_ethics=True, law_ethics_topics=["le-1"])
    result = reciprocity([plenty, some_law], date(2026, 3, 1), P)
    assert (result["total_hours"], result["law_ethics_hours"]) == (25, 5)
    assert not result["met"]


def test_the_forty_hour_training_is_the_longest_course_and_nothing_is_zero_hours():
    longest_first = [entry("Refresher", hours=40), entry("Short", on=date(2025, 7, 1), hours=20)]
    assert _sanction_hours(longest_first, "REF40") == ([40.0], True)
    assert _sanction_hours([], "REF40") == ([0.0], False)


# A sanction made for the test: the 40-hour training, then 20 hours of any CE. A course is used
# for one part only, and only the course that meets the 40 hours is used up by the training.
_TRAINING_THEN_CE = SanctionCE(
    "T40CE20",
    "App. F",
    "a 40-hour training and 20 hours of CE",
    (CEPart("single_course", 40, label="one 40-hour training"), CEPart("any", 20, label="CE")),
)


def _training_then_ce(entries):
    (progress,) = sanction_progress(entries, [(_TRAINING_THEN_CE, date(2025, 6, 1))], P)
    return [(p["counted"], p["met"]) for p in progress["parts"]]


def test_a_course_that_is_the_forty_hour_training_is_not_counted_again():
    assert _training_then_ce([entry("Refresher", hours=40)]) == [(40.0, True), (0, False)]


def test_a_course_too_short_for_the_training_still_counts_toward_the_other_ce():
    assert _training_then_ce([entry("Refresher", hours=30)]) == [(30.0, False), (30.0, True)]
