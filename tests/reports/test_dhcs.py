"""The DHCS report core (pure): fiscal years, App. E items, small-cell suppression."""

from __future__ import annotations

from datetime import date

import pytest

from app.reports import dhcs
from app.reports.roster import RosterError, read_roster


def _application(applied_on=date(2025, 8, 1), **changes):
    fields = dict(
        applied_on=applied_on,
        age=30,
        gender_identity="Woman",
        race_ethnicity=("Asian",),
        languages=("English",),
        employment_status="Not employed",
        employer="",
        employer_county="",
        residence_county="Fresno",
        employed_in_peer_services=False,
    )
    fields.update(changes)
    return dhcs.Application(**fields)


@pytest.mark.parametrize(
    ("day", "year"), [(date(2025, 7, 1), 2025), (date(2026, 6, 30), 2025), (date(2026, 7, 1), 2026)]
)
def test_the_fiscal_year_runs_july_to_june(day, year):
    assert dhcs.fiscal_year_of(day) == year
    assert dhcs.report_due_on(2025) == date(2026, 12, 31)


def test_small_counts_are_suppressed_and_zero_and_large_are_shown():
    applications = [_application() for _ in range(11)] + [_application(residence_county="Inyo")]
    report = dhcs.build(2025, applications, [], [], small_cell=11)
    counties = {r.category: r for r in report.item("7")}
    assert counties["Fresno"].shown == "11" and not counties["Fresno"].suppressed
    assert counties["Inyo"].shown == "<11" and counties["Inyo"].suppressed
    assert report.item("19")[0].shown == "0"


@pytest.mark.parametrize("small_cell", [11, 5, 2])
def test_suppression_stops_exactly_at_the_small_cell_threshold(small_cell):
    """One below the threshold is hidden, the threshold itself is published (App. E cells)."""
    below, at = "Inyo", "Mono"
    applications = [_application(residence_county=below) for _ in range(small_cell - 1)]
    applications += [_application(residence_county=at) for _ in range(small_cell)]
    applications += [_application(residence_county="Kern")]
    counties = {
        r.category: r
        for r in dhcs.build(2025, applications, [], [], small_cell=small_cell).item("7")
    }
    assert (counties[below].suppressed, counties[below].shown) == (True, f"<{small_cell}")
    assert counties[below].count == small_cell - 1
    assert (counties[at].suppressed, counties[at].shown) == (False, str(small_cell))
    assert (counties["Kern"].suppressed, counties["Kern"].shown) == (True, f"<{small_cell}")


def test_every_item_of_appendix_e_is_present():
    report = dhcs.build(2025, [_application()], [], [], small_cell=11)
    items = {r.item.split(".")[0] for r in report.rows}
    assert items == {str(n) for n in range(1, 20)}
    assert {r.item for r in report.rows if r.item.startswith("10")} == {
        "10.A",
        "10.B",
        "10.C",
        "10.D",
    }


def test_counts_fall_in_the_year_they_happen():
    late = _application(applied_on=date(2025, 6, 30))  # the year before
    certified = _application(outcome="certified", outcome_on=date(2025, 9, 1), route="reciprocity")
    trainings = [
        dhcs.Training("a", "crisis", date(2025, 6, 1), date(2025, 7, 2)),
        dhcs.Training("a", "core", date(2025, 6, 1), None),
        dhcs.Training("b", "crisis", date(2025, 8, 1), None),
    ]
    report = dhcs.build(2025, [late, certified], trainings, [date(2026, 1, 1)], small_cell=1)
    count = {r.item: r.count for r in report.rows if r.category == "Total"}
    assert (count["8"], count["12"], count["9"]) == (1, 1, 0)
    assert (count["10.B"], count["13"], count["14"], count["19"]) == (1, 1, 1, 1)
    assert sum(r.count for r in report.item("1")) == 1  # only the application made in the year


def test_roster_reading_names_the_line_at_fault():
    lines = read_roster(b"Email,Name,registered_on,completed_on\nA@x.org,A,2025-08-01,08/20/2025\n")
    assert lines[0].person == "a@x.org" and lines[0].completed_on == date(2025, 8, 20)
    with pytest.raises(RosterError, match="Line 2: completed_on is before"):
        read_roster(b"email,registered_on,completed_on\na@x.org,2025-08-01,2025-07-01\n")
    with pytest.raises(RosterError, match="header row"):
        read_roster(b"who,when\n")
    with pytest.raises(RosterError, match="Line 3: registered_on 'soon'"):
        read_roster(b"email,registered_on\na@x.org,2025-08-01\nb@x.org,soon\n")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe not utf-8", "not UTF-8"),
        (b"email,registered_on\n", "no lines"),
        (b"email,registered_on\n,2025-08-01\n", "Line 2: who is it"),
        (b"email,registered_on,completed_on\na@x.org,,\n", "Line 2: give registered_on"),
    ],
)
def test_roster_refusals(data, message):
    with pytest.raises(RosterError, match=message):
        read_roster(data)


def test_roster_size_limit(monkeypatch):
    from app.reports import roster

    monkeypatch.setattr(roster, "MAX_ROWS", 2)
    body = b"email,registered_on\n" + b"a@x.org,2025-08-01\n" * 3
    with pytest.raises(RosterError, match="more than 2 lines"):
        read_roster(body)


def test_age_bands_and_the_xlsx_workbook():
    import io
    import zipfile

    from app.reports.xlsx import workbook

    people = [_application(age=a) for a in (17, 70, None)]
    bands = {r.category for r in dhcs.build(2025, people, [], [], small_cell=1).item("1")}
    assert bands == {"Under 18", "65+", "Not stated"}
    data = workbook(
        "FY 2025-26", ["Item", "Count"], [["1", 3], ["2", None], ["3", True]] + [["x", 1]] * 30
    )
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert '<c r="B2"><v>3</v></c>' in sheet and 'r="A34"' in sheet


def test_the_whole_report_names_each_item_its_element_and_its_counts():
    """Each App. E item and element as the report prints them, counted from one fiscal year."""
    apps = [
        _application(
            age=18,
            gender_identity="",
            race_ethnicity=("Asian", "White"),
            languages=("English", "Spanish"),
            employment_status="Employed",
            employer="Clinic",
            employer_county="Kern",
            residence_county="Fresno",
            employed_in_peer_services=True,
            route="grandparent",
            outcome="certified",
            outcome_on=date(2025, 9, 1),
            exam_registered_on=date(2025, 7, 1),
        ),
        _application(
            applied_on=date(2026, 6, 30),
            age=None,
            race_ethnicity=(),
            languages=(),
            employment_status="",
            residence_county="",
            route="reciprocity",
            outcome="certified",
            outcome_on=date(2026, 6, 30),
        ),
        _application(
            applied_on=date(2025, 6, 30),
            age=70,
            outcome="not_certified",
            outcome_on=date(2025, 7, 1),
            exam_registered_on=date(2025, 6, 30),
        ),
        _application(applied_on=date(2026, 7, 1), age=30),
    ]
    trainings = [
        dhcs.Training("a", "pcfm", date(2025, 7, 1), date(2025, 8, 1)),
        dhcs.Training("a", "crisis", date(2025, 7, 1), date(2025, 8, 1), supervisor=True),
        dhcs.Training("b", "unhoused", date(2025, 6, 30), date(2026, 6, 30)),
        dhcs.Training("c", "justice", date(2025, 8, 1), date(2026, 7, 1)),
        dhcs.Training("c", "core", None, None),
    ]
    report = dhcs.build(2025, apps, trainings, [date(2025, 7, 1), date(2026, 7, 1)], small_cell=1)
    assert [(r.item, r.element, r.category, r.count) for r in report.rows] == [
        ("1", "Age", "18–24", 1),
        ("1", "Age", "Not stated", 1),
        ("2", "Gender identity", "Not stated", 1),
        ("2", "Gender identity", "Woman", 1),
        ("3", "Race/ethnicity (more than one may be chosen)", "Asian", 1),
        ("3", "Race/ethnicity (more than one may be chosen)", "Not stated", 1),
        ("3", "Race/ethnicity (more than one may be chosen)", "White", 1),
        ("4", "Proficient languages", "English", 1),
        ("4", "Proficient languages", "Not stated", 1),
        ("4", "Proficient languages", "Spanish", 1),
        ("5", "Employment status at time of application", "Employed", 1),
        ("5", "Employment status at time of application", "Not stated", 1),
        ("6", "Employer/agency and county", "Clinic (Kern)", 1),
        ("7", "County of residence", "Fresno", 1),
        ("7", "County of residence", "Not stated", 1),
        ("8", "Medi-Cal Peer Support Specialists certified", "Total", 2),
        ("9", "Certified through grandparenting (May 2022 – December 2022)", "Total", 1),
        (
            "10.A",
            "Received training in a specialization: Parent, Caregiver Family Member Peer",
            "Total",
            1,
        ),
        ("10.B", "Received training in a specialization: Work with persons in crisis", "Total", 1),
        (
            "10.C",
            "Received training in a specialization: Work with persons who are unhoused",
            "Total",
            1,
        ),
        (
            "10.D",
            "Received training in a specialization: Work with persons involved in the justice system",
            "Total",
            0,
        ),
        ("11", "Persons who received peer supervisor training", "Total", 1),
        ("12", "Certified through out-of-state reciprocity", "Total", 1),
        ("13", "Applicants who registered for training", "Total", 2),
        ("14", "Applicants who completed training", "Total", 2),
        ("15", "Applicants who registered for the examination", "Total", 1),
        ("16", "Applicants who did not receive certification", "Total", 1),
        ("17", "Applicants employed in peer services prior to certification", "Total", 1),
        ("18", "County of employment, or of residence if not employed", "Kern", 1),
        ("18", "County of employment, or of residence if not employed", "Not stated", 1),
        ("19", "Certified peers who renewed certification", "Total", 1),
    ]
    assert not any(r.suppressed for r in report.rows)


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (17, "Under 18"),
        (18, "18–24"),
        (24, "18–24"),
        (25, "25–34"),
        (64, "55–64"),
        (65, "65+"),
        (None, "Not stated"),
    ],
)
def test_age_bands_at_their_edges(age, band):
    (row,) = dhcs.build(2025, [_application(age=age)], [], [], small_cell=1).item("1")
    assert (row.category, row.count) == (band, 1)


def test_an_item_with_nothing_recorded_says_so_with_a_zero():
    (row,) = dhcs.build(2025, [_application()], [], [], small_cell=11).item("6")
    assert (row.category, row.count, row.shown, row.suppressed) == ("None recorded", 0, "0", False)


def test_the_fiscal_year_is_named_and_bounded():
    assert dhcs.fiscal_year_bounds(2025) == (date(2025, 7, 1), date(2026, 6, 30))
    assert dhcs.fiscal_year_label(2025) == "2025–26 (July 1, 2025 – June 30, 2026)"
    assert dhcs.fiscal_year_label(2099) == "2099–00 (July 1, 2099 – June 30, 2100)"
