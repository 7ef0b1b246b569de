"""Collecting the App. E data elements where they arise and building the DHCS report (§808)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Text, cast, func, select
from sqlalchemy.orm import Session, selectinload

from app.audit.services import record_by
from app.auth.models import Role, User
from app.errors import Conflict, DomainError, Forbidden
from app.reports import dhcs
from app.reports.hooks import standing
from app.reports.models import (
    ApplicantRecord,
    CertificationRenewalRecord,
    CompletionRoster,
    TrainingRecord,
)
from app.reports.roster import RosterError, read_roster
from app.submissions.models import Curriculum
from app.submissions.services import APPROVED_STATES
from app.tabular import TableError, read_table
from app.uploads import delete_stored, store_upload

ROUTES = ("standard", "grandparent", "reciprocity")
OUTCOMES = ("pending", "certified", "not_certified")
ROSTER_KINDS = frozenset({".csv", ".xlsx"})


@dataclass(frozen=True)
class ApplicationInput:
    age: int | None
    gender_identity: str
    race_ethnicity: list[str]
    languages: list[str]
    employment_status: str
    employer: str
    employer_county: str
    residence_county: str
    employed_in_peer_services: bool
    route: str


def application_of(session: Session, user: User) -> ApplicantRecord | None:
    return session.scalar(select(ApplicantRecord).where(ApplicantRecord.user_id == user.id))


def save_application(
    session: Session, user: User, data: ApplicationInput, *, today: date
) -> ApplicantRecord:
    """A peer gives (or corrects) the App. E elements of their application for certification."""
    if user.role != Role.PEER:
        raise Forbidden("Only a person applying for certification gives these details.")
    if data.route not in ROUTES:
        raise DomainError("Choose how you apply.")
    if data.age is not None and not 16 <= data.age <= 110:
        raise DomainError("Give your age in years (16 to 110), or leave it empty.")
    item = application_of(session, user)
    created = item is None
    if item is None:
        item = ApplicantRecord(
            user_id=user.id, applied_on=today, fiscal_year=dhcs.fiscal_year_of(today)
        )
        session.add(item)
    for name, value in data.__dict__.items():
        setattr(item, name, value)
    session.flush()
    record_by(session, user, "applicant_record", item.id, "create" if created else "update")
    session.flush()
    return item


def record_outcome(
    session: Session,
    item: ApplicantRecord,
    reviewer: User,
    *,
    exam_registered_on: date | None,
    outcome: str,
    outcome_on: date | None,
) -> None:
    """A reviewer records the exam registration and the outcome of an application."""
    if reviewer.role not in (Role.REVIEWER, Role.ADMIN):
        raise Forbidden("Only reviewers record outcomes.")
    if outcome not in OUTCOMES:
        raise DomainError("Choose the outcome.")
    if outcome != "pending" and outcome_on is None:
        raise DomainError("Give the date of the outcome.")
    previous = item.outcome
    item.exam_registered_on = exam_registered_on
    item.outcome = outcome
    item.outcome_on = outcome_on if outcome != "pending" else None
    item.outcome_fiscal_year = dhcs.fiscal_year_of(item.outcome_on) if item.outcome_on else None
    record_by(
        session,
        reviewer,
        "applicant_record",
        item.id,
        "record_outcome",
        from_state=previous,
        to_state=outcome,
    )
    session.flush()


def record_renewal(session: Session, user_id: int | None, renewed_on: date) -> None:
    """Count a granted certification renewal for App. E item 19 (called where renewals are granted)."""
    session.add(
        CertificationRenewalRecord(
            user_id=user_id, renewed_on=renewed_on, fiscal_year=dhcs.fiscal_year_of(renewed_on)
        )
    )
    session.flush()


def upload_roster(
    session: Session,
    curriculum: Curriculum,
    provider: User,
    upload: tuple[bytes, str],
    *,
    supervisor_training: bool,
    upload_dir: str,
    max_bytes: int,
) -> CompletionRoster:
    """A provider's completion roster for one of its approved courses (§808.2), read, stored
    under a generated name, and turned into one training record per line."""
    if provider.role != Role.PROVIDER or provider.organization_id != curriculum.organization_id:
        raise Forbidden("Only the provider of this course uploads its roster.")
    if curriculum.state not in APPROVED_STATES:
        raise Conflict("Rosters are kept for approved courses only.")
    if len(upload[0]) > max_bytes:
        raise DomainError(f"The roster is larger than {max_bytes // (1024 * 1024)} MB; split it.")
    try:
        lines = read_roster(_roster_bytes(upload, max_bytes))
    except RosterError as error:
        raise DomainError(str(error)) from None
    stored = store_upload(
        upload[0], upload[1], kinds=ROSTER_KINDS, upload_dir=upload_dir, max_bytes=max_bytes
    )
    try:
        roster = CompletionRoster(
            curriculum_id=curriculum.id,
            stored_name=stored.stored_name,
            original_name=stored.original_name,
            rows=len(lines),
            supervisor_training=supervisor_training,
            uploaded_by_id=provider.id,
        )
        session.add(roster)
        session.flush()
        session.add_all(
            TrainingRecord(
                roster_id=roster.id,
                curriculum_id=curriculum.id,
                program=curriculum.program,
                person=line.person,
                name=line.name,
                registered_on=line.registered_on,
                completed_on=line.completed_on,
                supervisor=supervisor_training,
                fiscal_year=dhcs.fiscal_year_of(line.completed_on or line.registered_on),
            )
            for line in lines
        )
        record_by(
            session,
            provider,
            "curriculum",
            curriculum.id,
            "upload_roster",
            reason=stored.original_name,
            details={"roster_id": roster.id, "rows": len(lines)},
        )
        session.flush()
    except Exception:
        delete_stored(upload_dir, stored.stored_name)
        raise
    return roster


def _roster_bytes(upload: tuple[bytes, str], max_bytes: int) -> bytes:
    """A CSV roster as uploaded; any other file read as a table (an .xlsx workbook becomes CSV,
    other formats are refused with what to do instead)."""
    data, filename = upload
    if filename.lower().endswith(".csv"):
        return data
    try:
        return read_table(data, filename, max_bytes=max_bytes).as_csv().encode()
    except TableError as error:
        raise DomainError(str(error)) from None


def rosters_of(session: Session, organization_id: int) -> dict[int, list[CompletionRoster]]:
    """The organization's rosters by curriculum, newest first (one query)."""
    found: dict[int, list[CompletionRoster]] = {}
    for roster in session.scalars(
        select(CompletionRoster)
        .join(Curriculum)
        .where(Curriculum.organization_id == organization_id)
        .order_by(CompletionRoster.uploaded_at.desc())
    ):
        found.setdefault(roster.curriculum_id, []).append(roster)
    return found


def _grouped(session: Session, where, *columns) -> list[tuple]:
    """Rows of ``columns`` with the number of records having them, among those ``where`` holds."""
    return list(session.execute(select(*columns, func.count()).where(*where).group_by(*columns)))


def _count(session: Session, counted, *where) -> int:
    return int(session.scalar(select(counted).where(*where)) or 0)


def _lists(rows: list[tuple]) -> Counter:
    """Each category of a JSON list column, counted once per record that chose it."""
    counts: Counter = Counter()
    for text, n in rows:
        for value in dhcs.listed(json.loads(text) if text else ()):
            counts[value] += n
    return counts


def tally(session: Session, year: int) -> dhcs.Tallies:
    """The report's counts, counted by the database: a fixed number of grouped queries whose
    answers grow with the categories (ages, counties, employers), not with the records."""
    start, end = dhcs.fiscal_year_bounds(year)
    a = ApplicantRecord
    applied = (a.fiscal_year == year, a.applied_on.between(start, end))
    decided = (a.outcome_fiscal_year == year, a.outcome_on.between(start, end))
    t = TrainingRecord
    completed = (t.fiscal_year == year, t.completed_on.between(start, end), standing())
    people = func.count(t.person.distinct())
    ages: Counter = Counter()
    for age, n in _grouped(session, applied, a.age):
        ages[dhcs.age_band(age)] += n
    outcomes = {(o, r): n for o, r, n in _grouped(session, decided, a.outcome, a.route)}
    certified = {route: n for (outcome, route), n in outcomes.items() if outcome == "certified"}

    def counter(*columns, where=applied, key=lambda *values: values[0]) -> Counter:
        found: Counter = Counter()
        for *values, n in _grouped(session, where, *columns):
            found[key(*values)] += n
        return found

    return dhcs.Tallies(
        ages=ages,
        genders=counter(a.gender_identity, key=lambda v: v or "Not stated"),
        races=_lists(_grouped(session, applied, cast(a.race_ethnicity, Text))),
        languages=_lists(_grouped(session, applied, cast(a.languages, Text))),
        employment=counter(a.employment_status, key=lambda v: v or "Not stated"),
        employers=counter(
            a.employer,
            a.employer_county,
            where=(*applied, a.employer != ""),
            key=lambda employer, county: f"{employer} ({county})",
        ),
        residence=counter(a.residence_county, key=lambda v: v or "Not stated"),
        employment_counties=counter(
            a.employer_county, a.residence_county, key=dhcs.employment_county
        ),
        employed_in_peer_services=_count(
            session, func.count(), *applied, a.employed_in_peer_services.is_(True)
        ),
        certified=sum(certified.values()),
        grandparent=certified.get("grandparent", 0),
        reciprocity=certified.get("reciprocity", 0),
        not_certified=sum(n for (outcome, _), n in outcomes.items() if outcome == "not_certified"),
        exam_registered=_count(session, func.count(), a.exam_registered_on.between(start, end)),
        specializations=Counter(
            {
                p: n
                for p, n in session.execute(
                    select(t.program, people).where(*completed).group_by(t.program)
                )
            }
        ),
        supervisors=_count(session, people, *completed, t.supervisor.is_(True)),
        registered=_count(session, people, t.registered_on.between(start, end)),
        completed=_count(session, people, *completed),
        renewed=_count(
            session,
            func.count(),
            CertificationRenewalRecord.fiscal_year == year,
            CertificationRenewalRecord.renewed_on.between(start, end),
        ),
    )


def build_report(session: Session, year: int, *, small_cell: int) -> dhcs.Report:
    """The DHCS report of fiscal year ``year``, counted by the database (``tally``)."""
    return dhcs.report(year, tally(session, year), small_cell=small_cell)


def years_with_data(session: Session, today: date) -> list[int]:
    """Fiscal years from the first with data to the last (and the current one), newest first:
    four index look-ups, whatever the number of records."""
    years = {dhcs.fiscal_year_of(today)}
    for column in (ApplicantRecord.fiscal_year, TrainingRecord.fiscal_year):
        low, high = session.execute(select(func.min(column), func.max(column))).one()
        if low is not None:
            years.update(range(low, high + 1))
    return sorted(years, reverse=True)


def applicants_page(
    session: Session, *, page: int, per_page: int, outcome: str = ""
) -> tuple[list[ApplicantRecord], int]:
    query = select(ApplicantRecord)
    if outcome in OUTCOMES:
        query = query.where(ApplicantRecord.outcome == outcome)
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    rows = session.scalars(
        query.options(selectinload(ApplicantRecord.user))
        .order_by(ApplicantRecord.applied_on.desc(), ApplicantRecord.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return list(rows), int(total or 0)
