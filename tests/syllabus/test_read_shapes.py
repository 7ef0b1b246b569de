"""24-hour times without colons, spelled-out lengths, kinds of teaching hours and numbered
gatherings ("Meeting 2.", "Encuentro 2.") as sessions."""

from __future__ import annotations

import pytest

from app.syllabus.durations import find_durations, tokens
from app.syllabus.hour_kinds import kind_follows
from app.syllabus.military_time import hhmm_range_at
from app.syllabus.number_words import compound_at
from app.syllabus.services import check_syllabus


def _lengths(text: str) -> list[float]:
    return [d.hours for d in find_durations(text)]


def _total(text: str) -> float:
    return check_syllabus(text).to_dict()["total_hours"]


TWENTY_FOUR_HOUR = {
    "0830-1015\tOpening circle": [1.75],
    "1300–1645 Role plays": [3.75],
    "Taller de 0900 a 1230": [3.5],
    "0715 to 0800 check-in": [0.75],
}


@pytest.mark.parametrize(("text", "hours"), TWENTY_FOUR_HOUR.items())
def test_24_hour_ranges_without_colons_are_clock_ranges(text, hours):
    assert _lengths(text) == hours
    assert all(d.clock for d in find_durations(text))


@pytest.mark.parametrize(
    "text",
    [
        "Grant period FY 2024-2025",  # years, not 20:24 to 20:25
        "Call 555-1300-1645 to register",  # a phone number
        "Room 1300-1245",  # backwards
        "0960-1000",  # no minute 60
        "1030-1032 hand-off",  # two minutes is not a session
    ],
)
def test_numbers_that_only_look_like_24_hour_ranges_are_left_alone(text):
    assert _lengths(text) == []


def test_hhmm_range_reports_minutes_and_the_index_after_it():
    toks = tokens("0800-0945 Welcome")
    assert hhmm_range_at(toks, 0, 14 * 60) == (480, 585, 3)
    assert hhmm_range_at(toks, 0, 60) is None  # longer than the span allowed


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("Length: Ninety minutes.", [1.5]),
        ("forty-five minutes of practice", [0.75]),
        ("forty five minutes", [0.75]),
        ("duración: noventa minutos", [1.5]),
        ("cuarenta y cinco minutos", [0.75]),
        ("veinticinco minutos", [pytest.approx(25 / 60, abs=1e-3)]),
        ("Duración: tres horas y media", [3.5]),
        ("Fifty minutes", [pytest.approx(50 / 60, abs=1e-3)]),
    ],
)
def test_spelled_out_lengths_in_english_and_spanish(text, hours):
    assert _lengths(text) == hours


def test_compounds_need_the_units_word_right_after_the_tens():
    assert compound_at(tokens("thirty or five"), 0) is None
    assert compound_at(tokens("forty-five"), 0) == (45, 3)
    assert compound_at(tokens("sesenta y dos"), 0) == (62, 3)


def test_spaced_h_with_a_kind_of_teaching_is_hours():
    assert _lengths("Ética (3 h lectivas)") == [3.0]
    assert _lengths("Ética (3 h lectivas + 1 h de práctica)")[0] == 3.0
    assert _lengths("Ethics: 2 h lecture") == [2.0]
    assert kind_follows(["de", "práctica"])
    assert not kind_follows(["de", "lectura"])
    assert _lengths("leave 2 h of reading") == []


def test_lecture_hours_count_and_practice_hours_are_not_added():
    text = (
        "---\nprogram: justice\n---\n# Curso\n\n## Bloque 1\n\n"
        "- Ética y límites (3 h lectivas + 2 h de práctica)\n"
        "- Humildad cultural (4 h lectivas)\n"
    )
    assert _total(text) == 7.0


def test_numbered_gatherings_with_the_length_on_the_next_line_are_sessions():
    text = (
        "---\nprogram: crisis\n---\nCURSO DE CRISIS\n\n"
        "  Encuentro 1. Señales tempranas\n     duración: cuatro horas\n"
        "  Encuentro 2. Recursos de la comunidad\n     duración: dos horas y media\n"
        "  Meeting 3. Calm listening\n     duration: ninety minutes\n"
    )
    report = check_syllabus(text).to_dict()
    assert [m["hours"] for m in report["modules"]] == [4.0, 2.5, 1.5]


def test_a_24_hour_agenda_is_read_as_sessions_without_its_breaks():
    text = (
        "---\nprogram: crisis\n---\n# Crisis day\n\n"
        "0800-0930\tHow crises develop\n0930-0945\tBREAK\n1000-1200\tDe-escalation practice\n"
    )
    assert _total(text) == 3.5


def test_a_fixed_width_header_is_cut_at_its_rows_gutters():
    from app.syllabus.fixed_width import gutter_cells

    header = f"{'No.':<5}{'Topic':<34}{'Hrs':>3}   Area"
    rows = [
        f"{'  1':<5}{'Listening without fixing':<34}{'3':>3}   A-1",
        f"{'  2':<5}{'Planning for safety':<34}{'4':>3}   A-2",
    ]
    assert gutter_cells(header, rows) == ["No.", "Topic", "Hrs", "Area"]
    assert gutter_cells(header, rows[:1]) is None  # one row cannot show the gutters


def _fixed_width_agenda(break_inside: bool) -> str:
    rows = [
        f"{'   1':<7}{title:<43}{hours:>3}    {area}"
        for title, hours, area in (
            ("Listening without fixing", "3", "A-1"),
            ("Planning for safety", "4", "A-2"),
            ("Working with families", "5", "A-3"),
        )
    ]
    pause = ["Page 1 of 2            Riverbend Peer Works", ""] if break_inside else []
    footer = ["Page 2 of 2            Riverbend Peer Works"] if break_inside else []
    return "\n".join(
        [
            "---",
            "program: crisis",
            "---",
            "RIVERBEND PEER WORKS TRAINING MATRIX",
            f"{'Sess.':<7}{'Title':<43}{'Hrs':>3}    Area",  # "Sess.  Title": two blanks
            *rows[:2],
            *pause,
            *rows[2:],
            *footer,
        ]
    )


@pytest.mark.parametrize("break_inside", [False, True])
def test_a_fixed_width_table_is_read_across_a_page_break(break_inside):
    report = check_syllabus(_fixed_width_agenda(break_inside)).to_dict()
    assert [m["hours"] for m in report["modules"]] == [3.0, 4.0, 5.0]


def test_a_closing_sentence_about_breaks_does_not_uncount_the_last_session():
    text = (
        "---\nprogram: crisis\n---\nCURSO\n\n"
        "  Encuentro 1. Señales tempranas\n     duración: cuatro horas\n"
        "  Encuentro 2. Autocuidado\n     duración: tres horas\n\n"
        "Los recesos y el almuerzo no se cuentan.\n"
    )
    assert _total(text) == 7.0


def test_items_under_a_not_part_of_the_classroom_hours_heading_are_not_counted():
    text = (
        "---\nprogram: unhoused\n---\n# Outreach\n\n*Peer services · Harbor Alliance*\n\n"
        "The specialization is 6 classroom hours. Lengths are spelled out.\n\n"
        "## Block A\n\n**Meeting people where they are**  \nLength: Six hours.\n\n"
        "## Not part of the classroom hours\n\n- Shadow shifts: two shifts of four hours each.\n"
    )
    report = check_syllabus(text).to_dict()
    assert report["total_hours"] == 6.0
    assert [t["hours"] for t in report["declared_totals"]] == [6.0]


def test_a_topic_about_what_is_not_part_of_the_role_still_counts():
    text = (
        "---\nprogram: core\n---\n# Core\n\n"
        "- Boundaries: what is not part of the peer role (2 hours)\n"
        "- Sharing your story (3 hours)\n"
    )
    assert _total(text) == 5.0


def test_chapter_start_marks_become_lengths_up_to_the_next_mark():
    from app.syllabus.chapter_marks import chapter_lengths

    lines = [
        "## Chapters",
        "- `00:00:00` Welcome",
        "- `00:10:00` Listening well",
        "- 01:00:00 Planning ahead",
        "- `01:30:00` End of recording",
        "",
        "Run time 1:30:00.",
    ]
    lengths = {
        1: "- Welcome (10 min, 00:00:00 to 00:10:00)",
        2: "- Listening well (50 min, 00:10:00 to 01:00:00)",
        3: "- Planning ahead (30 min, 01:00:00 to 01:30:00)",
    }  # the end mark, the blank line and the prose stay as they are
    assert chapter_lengths(lines) == [lengths.get(i, line) for i, line in enumerate(lines)]


def test_marks_that_do_not_rise_or_are_too_few_are_left_alone():
    from app.syllabus.chapter_marks import chapter_lengths

    falling = ["00:30:00 A", "00:10:00 B", "00:20:00 C"]
    assert chapter_lengths(falling) == falling
    two = ["00:00:00 A", "00:10:00 B"]
    assert chapter_lengths(two) == two


def test_a_video_page_counts_its_chapters_not_their_start_marks():
    text = (
        "---\nprogram: ce\n---\n# Recorded CE: Ethics in peer work\n\n## Chapters\n\n"
        "- `00:00:00` Welcome\n- `00:30:00` Confidentiality in practice\n"
        "- `01:00:00` Dual relationships\n- `01:30:00` End of recording\n"
    )
    assert _total(text) == 1.5


def test_a_closing_sentence_on_something_else_not_in_the_hours_leaves_the_sessions_counted():
    text = (
        "---\nprogram: unhoused\n---\nOUTREACH\n\nUNIT 1 — NAVIGATION\n"
        "Benefits and documents (3 hrs)\nCoordinated entry (2 hrs)\n\n"
        "Shadowing (two shifts) is arranged later and is not part of the course hours.\n"
    )
    assert _total(text) == 5.0


def test_a_spaced_h_with_a_full_stop_at_the_end_of_the_line_is_hours():
    assert _lengths("- Sesión II — Esperanza — 4 h.") == [4.0]
    assert _lengths("Take 2 h. of reading") == []


def test_a_legend_gives_every_morning_and_afternoon_block_its_length():
    from app.syllabus.block_legend import legend_hours

    lines = [
        "Key: every morning session is 3 hours; every afternoon session is 2.5 hours.",
        "Monday",
        "  Morning:  Hope and recovery",
        "  Afternoon:  Telling your story",
        "Tuesday",
        "  Morning:  Ethics",
        "  Afternoon:  no session - holiday",
    ]
    given = dict(
        zip(
            (2, 3, 5),
            (
                "  Hope and recovery (Morning block: 3 h)",
                "  Telling your story (Afternoon block: 2.5 h)",
                "  Ethics (Morning block: 3 h)",
            ),
            strict=True,
        )
    )  # the legend, the days and the "no session" line stay as they are
    assert legend_hours(lines) == [given.get(i, line) for i, line in enumerate(lines)]


def test_without_a_day_part_legend_the_block_lines_are_left_alone():
    from app.syllabus.block_legend import legend_hours

    lines = ["Every session is 3 hours.", "  AM:  A", "  PM:  B", "  AM:  C"]
    assert legend_hours(lines) == lines


def test_a_short_half_day_schedule_is_short_though_its_title_says_40_hours():
    text = (
        "---\nprogram: unhoused\n---\nHARBOR ACADEMY\nOutreach Schedule (40 hours)\n"
        "Every AM block is 3.5 instruction hours; every PM block is 3 instruction hours.\n"
        "Mon Apr 6\n     AM:  Lived experience as a bridge\n     PM:  Cultural humility\n"
        "Tue Apr 7\n     AM:  Boundaries and ethics\n     PM:  no session - travel day\n"
    )
    report = check_syllabus(text).to_dict()
    assert report["total_hours"] == 10.0
    assert not report["passed"]
