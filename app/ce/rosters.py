"""Providers post completions from a roster onto peers' CE records; peers dispute them.

A roster is read (CSV or .xlsx, ``app.tabular``), each row judged and matched to a registry record
(number AND name agree, whatever the accents or case) and to the peer account that follows it.
The preview keeps every row with its outcome; posting takes the rows the provider confirms, checks
them again, and records all of them or none. A matched row becomes a CE entry "reported by the
provider" with the course's title, provider, source and law-and-ethics topics; a course the peer
had typed for the same day is taken over by the report (never counted twice); the rows are also
counted in the DHCS roster (App. E) as the completion rosters always were.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.audit.services import record_by
from app.auth.models import Role, User
from app.ce.disputes import dispute  # noqa: F401 (the peer's dispute goes through the gate)
from app.ce.entries import frozen_by, refuse_change, reported_entry  # noqa: F401
from app.ce.models import CEEntryRecord, PeerProfile
from app.ce.roster_models import ReportedCompletion, RosterPosting
from app.ce.roster_rows import RosterFileError, RosterRow, judge, read_rows
from app.ce.rules import normalized
from app.dbtypes import utcnow
from app.errors import Conflict, DomainError, NotFound
from app.i18n.data import N_
from app.messages import Message
from app.registry import interface as registry
from app.registry.interface import RecordFacts, fold_name
from app.reports import dhcs
from app.reports.models import CompletionRoster, TrainingRecord
from app.submissions.models import Curriculum
from app.submissions.services import APPROVED_STATES
from app.tabular import TableError, read_table
from app.uploads import delete_stored, store_upload

KINDS = frozenset({".csv", ".xlsx"})
MAX_DISPUTE = 2000  # app.ce.disputes.MAX_REASON
CHUNK = 500

# Outcomes of a row at the preview and after posting.
READY = "ready"  # becomes a new CE entry
TAKES_OVER = (
    "takes_over"  # the peer typed this course for that day: the report takes that entry over
)
ALREADY = "already"  # reported before for this course: nothing to add
REFUSED = "refused"
POSTED = "posted"
NOT_CHOSEN = "not_chosen"
OUTCOME_LABELS = {  # pages show them through the ``translated`` filter
    READY: N_("Will be posted"),
    TAKES_OVER: N_("Will be posted in place of the course the peer typed"),
    ALREADY: N_("Already reported: not posted again"),
    REFUSED: N_("Refused"),
    POSTED: N_("Posted"),
    NOT_CHOSEN: N_("Not chosen: not posted"),
}


@dataclass
class Course:
    """What a posted entry says of an approved course."""

    curriculum: Curriculum
    title: str
    provider: str
    source: str
    hours: float | None
    law_ethics_topics: list[str]


def course_of(session: Session, user: User, curriculum_id: int) -> Curriculum:
    """An approved course of the provider's organization; any other answers 404."""
    course = session.get(Curriculum, curriculum_id)
    if (
        course is None
        or user.role != Role.PROVIDER
        or course.organization_id != user.organization_id
        or course.state not in APPROVED_STATES
    ):
        raise NotFound("There is no such approved course of your organization.")
    return course


def posting_of(session: Session, user: User, posting_id: int) -> RosterPosting:
    """A roster posting of the provider's organization; any other answers 404."""
    posting = session.get(RosterPosting, posting_id)
    if posting is None or posting.curriculum.organization_id != user.organization_id:
        raise NotFound("There is no such roster.")
    return posting


def postings_of(session: Session, curriculum_id: int) -> list[RosterPosting]:
    return list(
        session.scalars(
            select(RosterPosting)
            .where(RosterPosting.curriculum_id == curriculum_id)
            .order_by(RosterPosting.uploaded_at.desc(), RosterPosting.id.desc())
        )
    )


def describe(curriculum: Curriculum) -> Course:
    report = curriculum.latest.report if curriculum.latest else {}
    hours = report.get("total_hours") or None
    return Course(
        curriculum=curriculum,
        title=curriculum.title,
        provider=curriculum.organization.name,
        source="calmhsa_ce_provider" if curriculum.program == "ce" else "calmhsa_training_provider",
        hours=float(hours) if hours else None,
        law_ethics_topics=[t["id"] for t in report.get("law_ethics_topics", [])],
    )


def _chunks(values: list, size: int = CHUNK):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _people(session: Session, numbers: list[str]) -> tuple[dict, dict]:
    """Registry records and the peer profiles following them, by certification number."""
    records: dict[str, RecordFacts] = {}
    for chunk in _chunks(numbers):
        for record in registry.records_by_number(session, chunk):
            records[record.certification_number] = record
    number_of = {r.id: n for n, r in records.items()}
    profiles: dict[str, PeerProfile] = {}
    for chunk in _chunks(sorted(records)):
        ids = [records[n].id for n in chunk]
        for profile in session.scalars(
            select(PeerProfile).where(
                or_(PeerProfile.record_id.in_(ids), PeerProfile.certification_number.in_(chunk))
            )
        ):
            number = number_of.get(profile.record_id) or profile.certification_number
            if profile.record_id is not None or number not in profiles:
                profiles[number] = profile
    return records, profiles


def _course_entries(session: Session, course: Course, profile_ids: list[int]) -> tuple[set, dict]:
    """The peers' entries of this course by (profile, completion day): those already reported,
    and those the peers typed themselves."""
    reported: set[tuple[int, date]] = set()
    typed: dict[tuple[int, date], CEEntryRecord] = {}
    key = (normalized(course.title), normalized(course.provider))
    for chunk in _chunks(profile_ids):
        for entry, link in session.execute(
            select(CEEntryRecord, ReportedCompletion.id)
            .outerjoin(ReportedCompletion, ReportedCompletion.entry_id == CEEntryRecord.id)
            .where(CEEntryRecord.profile_id.in_(chunk))
        ):
            if (normalized(entry.title), normalized(entry.provider)) != key:
                continue
            day = (entry.profile_id, entry.end_date or entry.start_date)
            if link is None:
                typed.setdefault(day, entry)
            elif entry.withdrawn_at is None:  # a withdrawn report may be posted again, corrected
                reported.add(day)
    return reported, typed


def _refusal(row: RosterRow, record, profile, seen: set[str]) -> str:
    """Why a row matches no one, or "" when it names a registry record and its peer."""
    number = row.certification_number
    if record is None:
        return Message("the certification number %(number)s is not in the registry", number=number)
    if fold_name(record.legal_name) != fold_name(row.name):
        return Message(
            "the name “%(name)s” does not match the registry's name for %(number)s; check both",
            name=row.name,
            number=number,
        )
    if number in seen:
        return Message("%(number)s is listed twice on this roster", number=number)
    if profile is None:
        return Message(
            "%(number)s has no account here yet: the peer links their registry record "
            "first, then post this row again",
            number=number,
        )
    return ""


UNDER_REVIEW = Message(
    "the peer's own entry of this course on that day is part of a records review and cannot be "
    "changed now; post this row after the review closes"
)


def _match(session: Session, course: Course, rows: list[RosterRow]) -> dict[int, tuple]:
    """Each row still open matched: line -> (outcome, profile, typed entry or None); the rows
    that cannot be matched get their reason."""
    open_rows = [r for r in rows if not r.reason]
    records, profiles = _people(session, sorted({r.certification_number for r in open_rows}))
    reported, typed = _course_entries(session, course, [p.id for p in profiles.values()])
    matched: dict[int, tuple] = {}
    seen: set[str] = set()
    for row in open_rows:
        number = row.certification_number
        profile = profiles.get(number)
        row.reason = _refusal(row, records.get(number), profile, seen)
        if row.reason:
            continue
        seen.add(number)
        day = (profile.id, row.completed_on)
        if day in reported:
            matched[row.line] = (ALREADY, profile, None)
        elif day not in typed:
            matched[row.line] = (READY, profile, None)
        elif frozen_by(session, typed[day]) is not None:
            row.reason = UNDER_REVIEW
        else:
            matched[row.line] = (TAKES_OVER, profile, typed[day])
    return matched


def _judged(session: Session, course: Course, rows: list[RosterRow], today: date) -> dict:
    for row in rows:
        judge(row, approved_hours=course.hours, today=today)
    return _match(session, course, rows)


def _lines(rows: list[RosterRow], matched: dict) -> list[dict]:
    lines = []
    for row in rows:
        values = row.as_json()
        values["outcome"] = REFUSED if row.reason else matched[row.line][0]
        lines.append(values)
    return lines


def preview(
    session: Session,
    curriculum: Curriculum,
    provider: User,
    upload: tuple[bytes, str],
    *,
    today: date,
    upload_dir: str,
    max_bytes: int,
) -> RosterPosting:
    """Read a roster and keep it with every row's outcome; nothing reaches a record yet."""
    data, filename = upload
    try:
        rows = read_rows(read_table(data, filename, max_bytes=max_bytes).rows)
    except (TableError, RosterFileError) as error:
        raise DomainError(error.args[0] if error.args else str(error)) from None
    matched = _judged(session, describe(curriculum), rows, today)
    stored = store_upload(data, filename, kinds=KINDS, upload_dir=upload_dir, max_bytes=max_bytes)
    try:
        posting = RosterPosting(
            curriculum_id=curriculum.id,
            stored_name=stored.stored_name,
            original_name=stored.original_name,
            lines=_lines(rows, matched),
            uploaded_by_id=provider.id,
        )
        session.add(posting)
        session.flush()
    except Exception:
        delete_stored(upload_dir, stored.stored_name)
        raise
    return posting


def _row(values: dict) -> RosterRow:
    return RosterRow(
        line=values["line"],
        certification_number=values["certification_number"],
        name=values["name"],
        completed_on=date.fromisoformat(values["completed_on"]) if values["completed_on"] else None,
        hours=values["hours"],
        reason=values.get("reason", ""),
    )


def post(
    session: Session, posting: RosterPosting, provider: User, lines: set[int], *, today: date
) -> int:
    """Post the chosen rows, all or none: each is checked again now; returns how many entries
    were added or taken over. Audited: the posting, and every entry it writes."""
    if posting.posted_at is not None:
        raise Conflict("This roster is already posted; upload a new one for other completions.")
    course = describe(posting.curriculum)
    if posting.curriculum.state not in APPROVED_STATES:
        raise Conflict("The course is no longer approved; nothing was posted.")
    chosen = [
        v for v in posting.lines if v["line"] in lines and v["outcome"] in (READY, TAKES_OVER)
    ]
    if not chosen:
        raise DomainError("Choose at least one row that can be posted.")
    rows = [_row({**v, "reason": ""}) for v in chosen]
    matched = _judged(session, course, rows, today)
    changed = [
        f"line {r.line}: {r.reason or OUTCOME_LABELS[matched[r.line][0]].lower()}"
        for r in rows
        if r.reason or matched[r.line][0] not in (READY, TAKES_OVER)
    ]
    if changed:
        raise Conflict(
            "The records changed since the preview, so nothing was posted: "
            + "; ".join(changed[:10])
            + ". Upload the roster again to see every row's outcome."
        )
    dhcs_roster = CompletionRoster(
        curriculum_id=posting.curriculum_id,
        stored_name=posting.stored_name,
        original_name=posting.original_name,
        rows=len(rows),
        uploaded_by_id=provider.id,
    )
    session.add(dhcs_roster)
    session.flush()
    outcomes = {}
    for row in rows:
        _, profile, typed = matched[row.line]
        entry = typed or CEEntryRecord(profile_id=profile.id)
        before = _values(typed) if typed is not None else None
        entry.title, entry.provider, entry.source = course.title, course.provider, course.source
        entry.start_date, entry.end_date = row.completed_on, None
        entry.hours, entry.units = row.hours, None
        entry.law_ethics = bool(course.law_ethics_topics)
        entry.law_ethics_topics = list(course.law_ethics_topics)
        if typed is None:
            entry.format, entry.evidence = "in_person", []
        session.add(entry)
        session.flush()
        session.add(
            ReportedCompletion(
                entry_id=entry.id,
                posting_id=posting.id,
                curriculum_id=posting.curriculum_id,
                line=row.line,
                peer_values=before,
            )
        )
        session.add(
            TrainingRecord(
                roster_id=dhcs_roster.id,
                curriculum_id=posting.curriculum_id,
                program=posting.curriculum.program,
                person=row.certification_number.lower(),
                name=row.name,
                registered_on=None,
                completed_on=row.completed_on,
                supervisor=False,
                fiscal_year=dhcs.fiscal_year_of(row.completed_on),
            )
        )
        record_by(
            session,
            provider,
            "ce_entry",
            entry.id,
            "report_completion",
            reason=course.title,
            details={"posting_id": posting.id, "line": row.line, "took_over": before},
        )
        outcomes[row.line] = POSTED
    posting.lines = [_after_posting(v, outcomes) for v in posting.lines]
    posting.posted_at, posting.posted_by_id, posting.roster_id = (
        utcnow(),
        provider.id,
        dhcs_roster.id,
    )
    record_by(
        session,
        provider,
        "curriculum",
        posting.curriculum_id,
        "post_roster",
        reason=posting.original_name,
        details={"posting_id": posting.id, "posted": len(rows), "rows": len(posting.lines)},
    )
    session.flush()
    return len(rows)


def _after_posting(values: dict, outcomes: dict[int, str]) -> dict:
    """A row's outcome once the roster is posted: posted, not chosen, or as it was."""
    if values["line"] in outcomes:
        return {**values, "outcome": outcomes[values["line"]]}
    if values["outcome"] in (READY, TAKES_OVER):
        return {**values, "outcome": NOT_CHOSEN}
    return values


def _values(entry: CEEntryRecord) -> dict:
    return {
        "title": entry.title,
        "provider": entry.provider,
        "start_date": entry.start_date.isoformat(),
        "end_date": entry.end_date.isoformat() if entry.end_date else None,
        "hours": entry.hours,
        "units": entry.units,
        "source": entry.source,
    }


def reported_for(session: Session, profile: PeerProfile) -> dict[int, ReportedCompletion]:
    """The peer's entries reported by a provider, by entry id (one query)."""
    return {
        r.entry_id: r
        for r in session.scalars(
            select(ReportedCompletion)
            .join(CEEntryRecord, ReportedCompletion.entry_id == CEEntryRecord.id)
            .where(CEEntryRecord.profile_id == profile.id)
        )
    }


def disputes(session: Session, organization_id: int | None = None) -> list[ReportedCompletion]:
    """Disputed reported entries, newest first; an organization's own when it is given."""
    query = (
        select(ReportedCompletion)
        .where(ReportedCompletion.disputed_at.is_not(None))
        .order_by(ReportedCompletion.disputed_at.desc())
    )
    if organization_id is not None:
        query = query.join(Curriculum, ReportedCompletion.curriculum_id == Curriculum.id).where(
            Curriculum.organization_id == organization_id
        )
    return list(session.scalars(query))
