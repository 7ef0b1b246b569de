"""Outline shapes whose hours sit beside the session rather than on its line: a "label: duration"
field under each heading, a line of timed activities, and days timed by one sentence."""

from __future__ import annotations

import pytest

from app.syllabus.activities import activity_total
from app.syllabus.calendar_rows import dated_row
from app.syllabus.day_span import stated_day
from app.syllabus.durations import find_duration
from app.syllabus.fields import names_a_length
from app.syllabus.parser import parse


def counted(syllabus) -> float:
    return sum(m.counted_hours for m in syllabus.sessions)


def session_hours(syllabus) -> list[float]:
    return [m.hours for m in syllabus.modules if m.kind == "instruction"]


# --- a field under each heading gives that heading its hours ------------------------------------


@pytest.mark.parametrize(
    ("label", "values", "unit"),
    [
        ("Seat time", ("3", "2.5", "4"), "hours"),
        ("Contact hours", ("3", "2.5", "4"), ""),
        ("Duración estimada", ("3", "2,5", "4"), "horas"),
        ("Tiempo de clase", ("3", "2.5", "4"), "horas"),
    ],
)
def test_a_time_field_under_each_heading_is_that_headings_hours(label, values, unit):
    sections = "".join(
        f"## Part {n}: Topic number {n}\n\nWhat the group does in this part.\n\n"
        f"{label}: {value} {unit}\n\n"
        for n, value in enumerate(values, start=1)
    )
    syllabus = parse(f"# Continuing education course\n\nTotal: 9.5 hours\n\n{sections}")
    assert session_hours(syllabus) == [3, 2.5, 4]
    assert [t.hours for t in syllabus.declared_totals] == [9.5]


def test_one_credit_field_under_the_title_still_states_the_total():
    syllabus = parse(
        "# Law and ethics refresher\n\nContact hours: 6\n\n"
        "## Part 1: Boundaries (3 hours)\n\n## Part 2: Confidentiality (3 hours)\n"
    )
    assert [t.hours for t in syllabus.declared_totals] == [6]
    assert counted(syllabus) == 6


def test_a_labels_words_decide_whether_it_names_a_length():
    assert names_a_length("tiempo de instruccion")
    assert names_a_length("seat time")
    assert not names_a_length("start time")
    assert not names_a_length("office hours")
    assert not names_a_length("facilitator")


# --- a session split into timed activities ------------------------------------------------------


def test_activities_on_one_line_add_up_to_the_sessions_hours():
    syllabus = parse(
        "Specialization plan\n\n"
        "## Session 1: Outreach basics\n\n"
        "Activities: Talk 45 min · Pair practice 90 min · Check-out 45 min\n\n"
        "## Session 2: Housing navigation\n\n"
        "Mini-lecture (30 min); mapping exercise (1 hour); debrief (30 min)\n"
    )
    assert session_hours(syllabus) == [3, 2]
    assert syllabus.declared_totals == []


def test_a_break_among_the_activities_is_left_out_of_the_sum():
    found = activity_total("Lecture 60 min · Coffee break 15 min · Role play 45 min")
    assert found is not None
    assert found.hours == 1.75


@pytest.mark.parametrize(
    "line",
    [
        "Lecture 9:00–10:00 · Practice 10:00–11:30",  # times of day, not lengths
        "Lecture 60 min",  # one piece is a session's own hours, not a list
        "Hope and recovery · Advocacy 2 hours",  # a piece without a length
        "Role play 20-30 min · Debrief 15 min",  # a range: how long is unsure
    ],
)
def test_lines_that_are_not_lists_of_timed_activities(line):
    assert activity_total(line) is None


# --- days whose span and breaks one sentence states ----------------------------------------------


def test_every_day_timed_by_one_sentence_with_its_breaks():
    days = "".join(f"## Day {n}\n\n- Topic {n}a\n- Topic {n}b\n\n" for n in range(1, 5))
    syllabus = parse(
        "# Refresher course\n\n"
        "Class runs each day from 9:00 a.m. to 4:00 p.m. with a 30-minute lunch and two "
        "10-minute breaks.\n\n" + days
    )
    assert session_hours(syllabus) == pytest.approx([7 - 0.5 - 2 / 6] * 4, abs=1e-3)
    reason = syllabus.modules[0].reason
    assert "9:00 a.m. to 4:00 p.m." in reason
    assert reason.params["breaks"] == pytest.approx(5 / 6, abs=1e-3)


@pytest.mark.parametrize(
    ("sentence", "span", "breaks"),
    [
        ("Each day runs 9:00–4:30 with a 45-minute lunch and two 15-minute breaks.", 7.5, 1.25),
        (
            "Todos los días de 9:00 a 16:30, con 45 minutos de almuerzo y dos descansos de 15 minutos.",
            7.5,
            1.25,
        ),
        (
            "We meet daily 8:00 a.m. to 3:00 p.m. Lunch is 12:00 to 12:30 p.m., and there is a "
            "10-minute break in the morning and another after lunch.",
            7,
            5 / 6,
        ),
    ],
)
def test_the_span_and_the_breaks_of_a_sentence(sentence, span, breaks):
    found = stated_day(sentence)
    assert found is not None
    assert found[0].hours == span
    assert found[1] == pytest.approx(breaks, abs=1e-3)


def test_two_daily_spans_are_not_one_rule_for_every_day():
    text = "Monday to Thursday we meet every day 9:00–3:00. On Fridays each day runs 9:00–12:00."
    assert stated_day(text) is None


def test_days_that_carry_their_own_times_are_not_retimed_by_a_sentence():
    syllabus = parse(
        "# Refresher course\n\nWe meet every day from 9:00 a.m. to 4:00 p.m.\n\n"
        "## Day 1\n\n- Ethics (3 hours)\n- Boundaries (3 hours)\n\n"
        "## Day 2\n\n- Documentation (3 hours)\n- Privacy (3 hours)\n"
    )
    assert counted(syllabus) == 12


def test_items_under_a_heading_that_says_they_do_not_count_are_not_counted():
    syllabus = parse(
        "# Core course\n\n## Module 1: Hope (5 hours)\n\n## Module 2: Advocacy (4 hours)\n\n"
        "## Actividades que no cuentan como instrucción\n\n"
        "- Bienvenida (1 hora)\n- Something else entirely (30 minutes)\n"
    )
    assert counted(syllabus) == 9
    assert {m.kind for m in syllabus.modules if m.line > 6} == {"uncredited"}


# --- a calendar of dated meetings ------------------------------------------------------------------


def test_dated_rows_are_the_sessions_and_a_title_total_does_not_hide_their_shortfall():
    rows = "".join(
        f"Wed Mar {day}    5:30-8:00 pm    Topic {n}\n"
        for n, day in enumerate((4, 11, 18, 25), start=1)
    )
    syllabus = parse(
        "COUNTY PEER TRAINING\n"
        "12-Hour Evening Refresher Module\n\n"
        f"{rows}"
        "Wed Apr 1                      NO CLASS - spring break\n"
    )
    assert counted(syllabus) == 10
    assert [t.hours for t in syllabus.declared_totals] == [12]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Tue Sep 1     6:00-8:00 pm      Hope", True),
        ("3/14  9:00–12:00  Ethics", True),
        ("Sábado 14 de marzo  9:00 a 13:00  Ética", True),
        ("We meet from 6:00 to 8:00 pm on Tuesdays", False),
        ("Lunch 12:00–12:30", False),
    ],
)
def test_a_row_opens_with_a_date_before_its_clock_range(line, expected):
    value = find_duration(line)
    assert value is not None and value.clock
    assert dated_row(line, value) is expected


def test_a_single_date_and_time_over_a_timed_agenda_is_not_another_session():
    syllabus = parse(
        "Ethics workshop\n\n"
        "Saturday, March 14, 9:00 a.m. to 12:00 p.m.\n\n"
        "- 9:00–10:30 Boundaries\n"
        "- 10:30–12:00 Confidentiality\n"
    )
    assert counted(syllabus) == 3


# --- a single dated event with a part that earns no credit ---------------------------------------


EVENT = (
    "ONLINE WORKSHOP: PRIVACY IN PEER WORK\n"
    "Thursday, May 7, 2026, 10:00 a.m. to 1:00 p.m. (Pacific time)\n"
    "Credit: {claimed} hours of continuing education\n\n"
    "The first {minutes} minutes are for sign-in and a sound check and earn no credit.\n\n"
    "Topics:\n- Consent\n- Records\n"
)


def test_an_events_uncredited_opening_is_taken_off_its_time():
    syllabus = parse(EVENT.format(claimed="2.5", minutes="30"))
    assert session_hours(syllabus) == [2.5]
    assert syllabus.modules[0].reason.params["apart"] == 0.5
    assert syllabus.doubts == []


def test_a_claim_above_what_the_event_holds_is_asked_never_passed():
    syllabus = parse(EVENT.format(claimed="3", minutes="30"))
    assert session_hours(syllabus) == [2.5]
    assert [d.kind for d in syllabus.doubts] == ["total"]
    assert "3" in syllabus.doubts[0].question


# --- a crosswalk that names the modules by their labels ------------------------------------------


def test_a_crosswalk_naming_modules_by_label_restates_their_hours():
    modules = "".join(
        f"### Module {letter} — Topic {letter}\n\n**Contact hours:** {hours}\n\n- A point\n\n"
        for letter, hours in (("A", 4), ("B", 3), ("C", 5))
    )
    syllabus = parse(
        "# Core curriculum\n\nTotal contact hours: 12.\n\n## Modules\n\n"
        f"{modules}"
        "## Crosswalk\n\n| # | Competency | Module(s) | Hours |\n|---|---|---|---|\n"
        "| 1 | Hope | A | 2 |\n| 2 | Advocacy | A, B | 5 |\n| 3 | Ethics | C | 3 |\n"
        "| 4 | Safety | C | 2 |\n"
    )
    assert counted(syllabus) == 12
    assert [m.kind for m in syllabus.modules if m.from_row] == ["frame"] * 4


def test_a_break_stated_once_for_every_meeting_comes_off_each_dated_row():
    rows = "".join(f"Mon Jun {day}    5:00-8:00 pm    Topic {day}\n" for day in (1, 8, 15))
    syllabus = parse(
        f"Evening course\n\n{rows}\nEvery session includes a 20-minute break. Total hours: 9\n"
    )
    assert session_hours(syllabus) == pytest.approx([3 - 1 / 3] * 3, abs=1e-3)
    assert syllabus.modules[0].reason.params["breaks"] == pytest.approx(1 / 3, abs=1e-3)


def test_a_calendar_that_lists_its_breaks_is_not_cut_again():
    syllabus = parse(
        "Evening course\n\n"
        "Mon Jun 1    5:00-8:00 pm    Topic one\n"
        "Mon Jun 8    5:00-8:00 pm    Topic two\n"
        "- Break 6:30-6:45 pm\n\n"
        "Every session includes a 15-minute break.\n"
    )
    assert session_hours(syllabus) == [3, 3]
