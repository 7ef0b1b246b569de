"""The aggregate DHCS report for one fiscal year (§808, App. E items 1–19), pure.

The fiscal year runs July 1 – June 30 and is named by the year it starts in (2025 is
July 1, 2025 – June 30, 2026); its report is due December 31 after it ends (§808). Every row names
its App. E item. Counts from 1 to ``small_cell - 1`` are suppressed so no person can be singled
out; zero is shown (it reveals no one).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

AGE_BANDS = ((18, 24), (25, 34), (35, 44), (45, 54), (55, 64), (65, 200))
SPECIALIZATION_ITEMS = {
    "pcfm": ("10.A", "Parent, Caregiver Family Member Peer"),
    "crisis": ("10.B", "Work with persons in crisis"),
    "unhoused": ("10.C", "Work with persons who are unhoused"),
    "justice": ("10.D", "Work with persons involved in the justice system"),
}


def fiscal_year_of(day: date) -> int:
    """The fiscal year ``day`` falls in, named by its starting year."""
    return day.year if day.month >= 7 else day.year - 1


def fiscal_year_bounds(year: int) -> tuple[date, date]:
    return date(year, 7, 1), date(year + 1, 6, 30)


def fiscal_year_label(year: int) -> str:
    return f"{year}–{str(year + 1)[-2:]} (July 1, {year} – June 30, {year + 1})"


def report_due_on(year: int) -> date:
    """December 31 following the fiscal year (§808)."""
    return date(year + 1, 12, 31)


@dataclass(frozen=True)
class Application:
    """The App. E elements given at application (items 1–7, 17–18) and its outcome."""

    applied_on: date
    age: int | None
    gender_identity: str
    race_ethnicity: tuple[str, ...]
    languages: tuple[str, ...]
    employment_status: str
    employer: str
    employer_county: str
    residence_county: str
    employed_in_peer_services: bool
    route: str = "standard"  # standard, grandparent (item 9), reciprocity (item 12)
    exam_registered_on: date | None = None  # item 15
    outcome: str = "pending"  # pending, certified (item 8), not_certified (item 16)
    outcome_on: date | None = None


@dataclass(frozen=True)
class Training:
    """One person on an approved provider's roster for one course (items 10, 11, 13, 14)."""

    person: str  # a key for the person (email or certification number), never shown
    program: str
    registered_on: date | None
    completed_on: date | None
    supervisor: bool = False


@dataclass(frozen=True)
class Row:
    item: str  # App. E item, e.g. "10.B"
    element: str
    category: str
    count: int  # the true count: never shown or exported when suppressed
    suppressed: bool
    shown: str  # what the report says: the count, or "<11" when suppressed


@dataclass(frozen=True)
class Report:
    fiscal_year: int
    rows: tuple[Row, ...]
    small_cell: int

    def item(self, item: str) -> list[Row]:
        return [r for r in self.rows if r.item == item]


def _within(day: date | None, year: int) -> bool:
    start, end = fiscal_year_bounds(year)
    return day is not None and start <= day <= end


def age_band(age: int | None) -> str:
    if age is None:
        return "Not stated"
    for low, high in AGE_BANDS:
        if low <= age <= high:
            return f"{low}+" if high >= 200 else f"{low}–{high}"
    return "Under 18"


def _row(item: str, element: str, category: str, count: int, threshold: int) -> Row:
    suppressed = 0 < count < threshold
    return Row(
        item, element, category, count, suppressed, f"<{threshold}" if suppressed else str(count)
    )


def _rows(item: str, element: str, counts: Counter, threshold: int) -> list[Row]:
    if not counts:
        return [_row(item, element, "None recorded", 0, threshold)]
    return [
        _row(item, element, category, n, threshold)
        for category, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def _one(item: str, element: str, count: int, threshold: int) -> Row:
    return _row(item, element, "Total", count, threshold)


@dataclass
class Tallies:
    """The counts the report is made of: from the records (``tally``) or counted by a database."""

    ages: Counter = field(default_factory=Counter)  # age band -> applications in the year
    genders: Counter = field(default_factory=Counter)
    races: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)
    employment: Counter = field(default_factory=Counter)
    employers: Counter = field(default_factory=Counter)  # "employer (county)"
    residence: Counter = field(default_factory=Counter)
    employment_counties: Counter = field(default_factory=Counter)
    employed_in_peer_services: int = 0
    certified: int = 0
    grandparent: int = 0
    reciprocity: int = 0
    not_certified: int = 0
    exam_registered: int = 0
    specializations: Counter = field(default_factory=Counter)  # program -> people trained
    supervisors: int = 0
    registered: int = 0
    completed: int = 0
    renewed: int = 0


def listed(values: Iterable[str]) -> tuple[str, ...]:
    """The categories of a more-than-one-may-be-chosen element; none chosen is "Not stated"."""
    return tuple(values) or ("Not stated",)


def employment_county(employer_county: str, residence_county: str) -> str:
    return employer_county or residence_county or "Not stated"


def tally(
    year: int,
    applications: Iterable[Application],
    trainings: Iterable[Training],
    renewals: Iterable[date],
) -> Tallies:
    """The counts of fiscal year ``year`` from the records themselves."""
    every = list(applications)
    applied = [a for a in every if _within(a.applied_on, year)]
    decided = [a for a in every if _within(a.outcome_on, year)]
    certified = [a for a in decided if a.outcome == "certified"]
    training = list(trainings)
    completed = [x for x in training if _within(x.completed_on, year)]
    return Tallies(
        ages=Counter(age_band(a.age) for a in applied),
        genders=Counter(a.gender_identity or "Not stated" for a in applied),
        races=Counter(r for a in applied for r in listed(a.race_ethnicity)),
        languages=Counter(lang for a in applied for lang in listed(a.languages)),
        employment=Counter(a.employment_status or "Not stated" for a in applied),
        employers=Counter(f"{a.employer} ({a.employer_county})" for a in applied if a.employer),
        residence=Counter(a.residence_county or "Not stated" for a in applied),
        employment_counties=Counter(
            employment_county(a.employer_county, a.residence_county) for a in applied
        ),
        employed_in_peer_services=sum(a.employed_in_peer_services for a in applied),
        certified=len(certified),
        grandparent=sum(a.route == "grandparent" for a in certified),
        reciprocity=sum(a.route == "reciprocity" for a in certified),
        not_certified=sum(a.outcome == "not_certified" for a in decided),
        exam_registered=sum(_within(a.exam_registered_on, year) for a in every),
        specializations=Counter(
            program for program, _person in {(x.program, x.person) for x in completed}
        ),
        supervisors=len({x.person for x in completed if x.supervisor}),
        registered=len({x.person for x in training if _within(x.registered_on, year)}),
        completed=len({x.person for x in completed}),
        renewed=sum(_within(day, year) for day in renewals),
    )


def build(
    year: int,
    applications: Iterable[Application],
    trainings: Iterable[Training],
    renewals: Iterable[date],
    *,
    small_cell: int,
) -> Report:
    """The report of fiscal year ``year`` from its records."""
    return report(year, tally(year, applications, trainings, renewals), small_cell=small_cell)


def report(year: int, counts: Tallies, *, small_cell: int) -> Report:
    """The report of fiscal year ``year``; every row names its App. E item."""
    t = small_cell
    rows: list[Row] = []
    rows += _rows("1", "Age", counts.ages, t)
    rows += _rows("2", "Gender identity", counts.genders, t)
    rows += _rows("3", "Race/ethnicity (more than one may be chosen)", counts.races, t)
    rows += _rows("4", "Proficient languages", counts.languages, t)
    rows += _rows("5", "Employment status at time of application", counts.employment, t)
    rows += _rows("6", "Employer/agency and county", counts.employers, t)
    rows += _rows("7", "County of residence", counts.residence, t)
    rows.append(_one("8", "Medi-Cal Peer Support Specialists certified", counts.certified, t))
    rows.append(
        _one(
            "9",
            "Certified through grandparenting (May 2022 – December 2022)",
            counts.grandparent,
            t,
        )
    )
    for program, (item, label) in SPECIALIZATION_ITEMS.items():
        rows.append(
            _one(
                item,
                f"Received training in a specialization: {label}",
                counts.specializations.get(program, 0),
                t,
            )
        )
    rows.append(_one("11", "Persons who received peer supervisor training", counts.supervisors, t))
    rows.append(_one("12", "Certified through out-of-state reciprocity", counts.reciprocity, t))
    rows.append(_one("13", "Applicants who registered for training", counts.registered, t))
    rows.append(_one("14", "Applicants who completed training", counts.completed, t))
    rows.append(
        _one("15", "Applicants who registered for the examination", counts.exam_registered, t)
    )
    rows.append(_one("16", "Applicants who did not receive certification", counts.not_certified, t))
    rows.append(
        _one(
            "17",
            "Applicants employed in peer services prior to certification",
            counts.employed_in_peer_services,
            t,
        )
    )
    rows += _rows(
        "18",
        "County of employment, or of residence if not employed",
        counts.employment_counties,
        t,
    )
    rows.append(_one("19", "Certified peers who renewed certification", counts.renewed, t))
    return Report(year, tuple(rows), small_cell)
