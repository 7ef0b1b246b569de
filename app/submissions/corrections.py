"""A provider's corrections of what the checker read, kept with the version; a reviewer's decision
on each. Every correction and every decision is in the audit log and on the timeline."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from app.auth.models import Role, User
from app.dbtypes import utcnow
from app.errors import Conflict, DomainError, Forbidden, NotFound
from app.framework.models import Catalog
from app.messages import Message
from app.policy import Policy
from app.submissions.common import audit
from app.submissions.models import Curriculum, CurriculumVersion, FindingOverride, ReadingCorrection
from app.submissions.states import SubmissionState
from app.syllabus.doubts import Correction
from app.syllabus.errors import SyllabusReadError
from app.syllabus.reading import (
    correction_from_dict,
    correction_to_dict,
    corrections_from_file,
)
from app.syllabus.reading_form import Form
from app.syllabus.services import check_syllabus, corrections_from_form
from app.syllabus.stored_text import for_storage

EDITABLE = (SubmissionState.DRAFT, SubmissionState.INCOMPLETE)
PROPOSED, ACCEPTED, REJECTED = "proposed", "accepted", "rejected"


def counting(version: CurriculumVersion) -> list[ReadingCorrection]:
    """The corrections that count for ``version``'s report: all but the rejected, oldest first."""
    return [c for c in version.reading_corrections if c.status != REJECTED]


def _as_corrections(items: list[ReadingCorrection]) -> list[Correction]:
    return [correction_from_dict(item.value, i) for i, item in enumerate(items)]


def correct_reading(
    session: Session,
    curriculum: Curriculum,
    provider: User,
    form: Form,
    *,
    catalog: Catalog,
    policy: Policy,
) -> list[ReadingCorrection]:
    """Save the corrections the posted reading table asks for and recompute the draft's report.

    Raises Forbidden for anyone but the owning organization's providers, Conflict once the
    curriculum is past draft, FormProblems for values that cannot be used and DomainError for a
    correction that cannot apply. Returns the new corrections (none when nothing changed).
    """

    def every(text: str, program: str, carried: list[Correction]) -> list[Correction]:
        return corrections_from_form(text, program, carried, form, catalog=catalog, policy=policy)

    return _correct(session, curriculum, provider, every, catalog=catalog, policy=policy)


def correct_reading_json(
    session: Session,
    curriculum: Curriculum,
    provider: User,
    data: Any,
    *,
    catalog: Catalog,
    policy: Policy,
) -> list[ReadingCorrection]:
    """The same from JSON: a list of corrections, or the reading as served, edited."""

    def every(text: str, program: str, carried: list[Correction]) -> list[Correction]:
        if isinstance(data, list):
            return carried + [correction_from_dict(item, i) for i, item in enumerate(data)]

        def reading_of(corrections: list[Correction]) -> dict:
            return check_syllabus(
                text, program, catalog=catalog, policy=policy, corrections=corrections
            ).reading

        edited = dict(data.get("reading") or data) if isinstance(data, dict) else data
        if isinstance(edited, dict):
            edited["corrections"] = [correction_to_dict(c) for c in carried]
        return corrections_from_file(edited, reading_of)

    return _correct(session, curriculum, provider, every, catalog=catalog, policy=policy)


def _correct(
    session: Session,
    curriculum: Curriculum,
    provider: User,
    every: Callable[[str, str, list[Correction]], list[Correction]],
    *,
    catalog: Catalog,
    policy: Policy,
) -> list[ReadingCorrection]:
    if provider.role != Role.PROVIDER or provider.organization_id != curriculum.organization_id:
        raise Forbidden(
            Message("Only the training provider that owns this curriculum corrects its reading.")
        )
    if curriculum.state not in EDITABLE:
        raise Conflict(Message("The reading can be corrected while the curriculum is a draft."))
    version = curriculum.latest
    carried = _as_corrections(counting(version))
    try:
        corrections = every(version.syllabus_text, curriculum.program, carried)
        report = check_syllabus(
            version.syllabus_text,
            curriculum.program,
            catalog=catalog,
            policy=policy,
            corrections=corrections,
        )
    except SyllabusReadError as error:
        raise DomainError(error.args[0]) from None
    added = _keep(version, corrections[len(carried) :], provider)
    if not added:
        return []
    version.report = for_storage(report)
    session.flush()
    for item in added:
        audit(
            session,
            provider,
            curriculum.id,
            "correct_reading",
            reason=item.provider_says,
            details={
                "version": version.number,
                "correction": item.id,
                "line": item.line,
                "field": item.field,
                "machine_read": item.machine_read,
                "provider_says": item.provider_says,
                "verdict": report.decision,
            },
        )
    session.flush()
    return added


def _keep(
    version: CurriculumVersion, new: list[Correction], provider: User
) -> list[ReadingCorrection]:
    """The new corrections as rows of ``version``, each with what the machine had read."""
    before = version.report.get("reading") or {}
    lines = version.syllabus_text.split("\n")
    added = []
    for correction in new:
        item = ReadingCorrection(
            line=correction.line,
            field=correction.field,
            value=correction_to_dict(correction),
            machine_read=machine_read(before, correction),
            provider_says=provider_says(correction),
            source_line=lines[correction.line - 1].strip()[:500]
            if 0 < correction.line <= len(lines)
            else "",
            created_by_id=provider.id,
        )
        version.reading_corrections.append(item)
        added.append(item)
    return added


def machine_read(reading: dict[str, Any], correction: Correction) -> str:
    """What the checker had read on the correction's line, in plain words."""
    line = correction.line
    for session in reading.get("sessions", []) + reading.get("frames", []):
        if session["line"] == line:
            hours = f"{session['hours']:g} h" if session.get("hours") is not None else "no hours"
            counted = "counted" if session.get("counted") else f"not counted ({session['kind']})"
            ids = ", ".join(c["id"] for c in session.get("competencies", [])) or "no competency"
            return f"“{session['title'][:120]}”: {hours}, {counted}; {ids}"
    for total in reading.get("totals", []):
        if (total.get("line") or 0) == line:
            taken = "the declared total" if total.get("taken") else "a declared total"
            return f"{taken}: {total['hours']:g} h (“{total.get('text', '')[:100]}”)"
    for doubt in reading.get("doubts", []):
        if doubt["line"] == line:
            return f"uncertain: {doubt['question']}"
    return "not read as a session or a total"


def provider_says(correction: Correction) -> str:
    """The correction in plain words."""
    field, value = correction.field, correction.value
    if field == "hours":
        return f"it lasts {float(value):g} h"
    if field == "counted":
        return "its hours are direct instruction" if value else "its hours are not instruction"
    if field == "session":
        if not value:
            return "this line is not a session"
        hours = f", {correction.hours:g} h" if correction.hours is not None else ""
        return f"this line is a session{': “' + correction.title + '”' if correction.title else ''}{hours}"
    if field == "competency":
        if correction.remove:
            return f"it does not teach {value}"
        shown = f", shown by “{correction.evidence}”" if correction.evidence else ""
        return f"it teaches {value}{shown}"
    if field == "total":
        if not value:
            return "this statement is not the course's total"
        hours = f" ({correction.hours:g} h)" if correction.hours is not None else ""
        return f"this statement is the course's total{hours}"
    return "the reading of this line is right"


def decide_correction(
    session: Session,
    curriculum: Curriculum,
    reviewer: User,
    correction_id: int,
    *,
    accept: bool,
    note: str = "",
    catalog: Catalog,
    policy: Policy,
) -> ReadingCorrection:
    """A reviewer accepts or rejects one correction; a rejection recomputes the report without it."""
    if reviewer.role not in (Role.REVIEWER, Role.ADMIN):
        raise Forbidden(Message("Only reviewers accept or reject a provider's corrections."))
    if curriculum.state == SubmissionState.DRAFT:
        raise Conflict(
            Message("This curriculum is still a draft: the provider has not submitted it.")
        )
    item = session.get(ReadingCorrection, correction_id)
    if item is None or item.version.curriculum_id != curriculum.id:
        raise NotFound(Message("There is no such correction on this curriculum."))
    if item.status != PROPOSED:
        raise Conflict(
            Message("This correction was already accepted.")
            if item.status == ACCEPTED
            else Message("This correction was already rejected.")
        )
    if not accept and not note.strip():
        raise DomainError(Message("Say why the correction is rejected; the provider sees it."))
    item.status = ACCEPTED if accept else REJECTED
    item.decided_by_id, item.decided_at, item.decision_note = reviewer.id, utcnow(), note.strip()
    version = item.version
    details: dict[str, Any] = {
        "version": version.number,
        "correction": item.id,
        "line": item.line,
        "field": item.field,
        "provider_says": item.provider_says,
    }
    if not accept:
        details["verdict"] = _recompute(session, version, curriculum, catalog, policy)
    audit(
        session,
        reviewer,
        curriculum.id,
        "accept_reading_correction" if accept else "reject_reading_correction",
        reason=note.strip(),
        details=details,
    )
    session.flush()
    return item


def _recompute(
    session: Session,
    version: CurriculumVersion,
    curriculum: Curriculum,
    catalog: Catalog,
    policy: Policy,
) -> str:
    """The version's report again with the corrections that still count; the reviewer's
    overrides follow their findings (by code and message) or lapse when the finding is gone."""
    report = check_syllabus(
        version.syllabus_text,
        curriculum.program,
        catalog=catalog,
        policy=policy,
        corrections=_as_corrections(counting(version)),
    )
    old = version.report.get("findings", [])
    new = for_storage(report)
    places = {(f["code"], f["message"]): i for i, f in enumerate(new["findings"])}
    for override in session.query(FindingOverride).filter_by(version_id=version.id):
        finding = old[override.finding_index] if override.finding_index < len(old) else None
        index = places.get((finding["code"], finding["message"])) if finding else None
        if index is None:
            session.delete(override)
        else:
            override.finding_index = index
    version.report = new
    return report.decision


def to_json(item: ReadingCorrection) -> dict[str, Any]:
    """A correction as the API serves it."""
    return {
        "id": item.id,
        "version": item.version.number,
        "line": item.line,
        "field": item.field,
        "correction": item.value,
        "source_line": item.source_line,
        "machine_read": item.machine_read,
        "provider_says": item.provider_says,
        "by": item.created_by.name,
        "at": item.created_at.isoformat(),
        "status": item.status,
        "decided_by": item.decided_by.name if item.decided_by else None,
        "decided_at": item.decided_at.isoformat() if item.decided_at else None,
        "decision_note": item.decision_note,
    }
