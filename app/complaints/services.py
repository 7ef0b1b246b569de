"""One function per transition of a complaint (§805–806); each writes the audit log."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.appeals.kinds import email_of as email_of
from app.appeals.services import allow_extension
from app.audit.services import record, record_by, record_move
from app.auth.models import Organization, Role, User
from app.ce.models import PeerProfile
from app.ce.rules import CertificationStatus
from app.complaints import confidential
from app.complaints.deadlines import (  # noqa: F401  (re-exported at their old address)
    OPEN_STATES,
    active_reviewers,
    clock_of,
    clock_rules,
    queue_investigation_reminders,
)
from app.complaints.letters import send_letters
from app.complaints.log import (  # noqa: F401  (the log's readers, re-exported at their old address)
    LOG_COLUMNS,
    LogFilter,
    approved_providers,
    filtered,
    log_row,
    page_of,
)
from app.complaints.models import Complaint, ComplaintDocument, ConfidentialName
from app.complaints.states import (
    OUTCOME_LABELS,
    STATUS_CHANGES,
    ComplaintState,
    Outcome,
    Respondent,
    target_state,
)
from app.dbtypes import utcnow
from app.errors import Conflict, DomainError, Forbidden, NotFound
from app.messages import Message, sentence
from app.notifications import links
from app.notifications.language import email_day, in_language_of
from app.notifications.services import queue_email, queue_email_to_each
from app.policy import Policy
from app.providers import services as providers
from app.providers.standing import Standing
from app.registry import services as registry
from app.registry.models import CertificationRecord
from app.registry.rules import fold_name
from app.uploads import delete_stored, store_upload

Upload = tuple[bytes, str]


def _require_reviewer(user: User) -> None:
    if user.role not in (Role.REVIEWER, Role.ADMIN):
        raise Forbidden(Message("Only reviewers investigate complaints."))


def get_complaint(session: Session, user: User, complaint_id: int) -> Complaint:
    """A complaint, for reviewers only (others learn nothing of it)."""
    complaint = session.get(Complaint, complaint_id)
    if complaint is None or user.role not in (Role.REVIEWER, Role.ADMIN):
        raise NotFound(Message("There is no such complaint."))
    return complaint


def _move(
    session: Session,
    complaint: Complaint,
    actor: User | None,
    action: str,
    *,
    reason: str = "",
    details: dict | None = None,
    expected_version: int | None = None,
) -> None:
    if expected_version is not None and expected_version != complaint.lock_version:
        raise Conflict(Message("This complaint changed since you opened it. Reload and try again."))
    try:
        target = target_state(action, ComplaintState(complaint.state))
    except ValueError as error:
        raise Conflict(sentence([error.args[0]])) from None
    record_move(
        session,
        complaint,
        "complaint",
        target,
        actor_id=actor.id if actor else None,
        action=action,
        reason=reason,
        details=details,
    )
    try:
        session.flush()
    except StaleDataError:
        raise Conflict(
            Message("Another reviewer changed this complaint at the same time; reload to see it.")
        ) from None


def _audit(session: Session, actor: User, complaint_id: int, action: str, **fields: Any) -> None:
    """One entry of the complaint's audit log, by ``actor`` (``fields``: reason, details)."""
    record_by(session, actor, "complaint", complaint_id, action, **fields)


def _activity(complaint: Complaint, today: date, what: str) -> None:
    complaint.activities = [*complaint.activities, {"on": today.isoformat(), "what": what}]


# Crockford's base32 without I, L, O, U: read aloud and typed back without confusion.
_REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _new_reference(today: date) -> str:
    """``C26-7KQM-4XPD-9H2A``: 60 random bits, so polling references reveals nothing."""
    code = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(12))
    return f"C{today:%y}-{code[:4]}-{code[4:8]}-{code[8:]}"


@dataclass(frozen=True)
class ComplaintInput:
    """What a complaint form says; a part the complainant left out is empty."""

    respondent_type: str
    nature: str
    respondent_name: str = ""
    organization_id: int | None = None
    certification_number: str = ""
    employer_name: str = ""
    complainant_name: str = ""
    complainant_contact: str = ""


def file_complaint(
    session: Session,
    policy: Policy,
    data: ComplaintInput,
    *,
    today: date,
    filed_by: User | None = None,
    upload: Upload | None = None,
    upload_dir: str = "",
    max_bytes: int = 0,
) -> Complaint:
    """A complaint received through the website (§805.4): stored with its document,
    acknowledged to the person who made it (§805.5), announced to the reviewers."""
    organization, profile, name = _respondent(session, data)
    complaint = Complaint(
        reference=_new_reference(today),
        received_on=today,
        respondent_type=data.respondent_type,
        organization_id=organization.id if organization else None,
        peer_profile_id=profile.id if profile else None,
        respondent_name=name[:200],
        respondent_typed_name=data.respondent_name.strip()[:200],
        employer_name=data.employer_name.strip()[:200],
        complainant_name=data.complainant_name.strip()[:200],
        complainant_contact=data.complainant_contact.strip()[:300],
        nature=data.nature.strip(),
        activities=[{"on": today.isoformat(), "what": "Complaint received"}],
        filed_by_id=filed_by.id if filed_by else None,
    )
    session.add(complaint)
    stored = None
    if upload is not None:
        stored = store_upload(
            upload[0], upload[1], kinds="evidence", upload_dir=upload_dir, max_bytes=max_bytes
        )
    try:
        session.flush()
        if stored is not None:
            complaint.documents.append(_document(stored, filed_by))
        record(
            session,
            actor_id=filed_by.id if filed_by else None,
            subject_type="complaint",
            subject_id=complaint.id,
            action="file",
            to_state=ComplaintState.RECEIVED,
            details={"reference": complaint.reference, "respondent_type": data.respondent_type},
        )
        session.flush()
    except Exception:
        if stored is not None:
            delete_stored(upload_dir, stored.stored_name)
        raise
    _acknowledge(session, complaint, policy, today)
    session.flush()
    return complaint


def _respondent(session: Session, data: ComplaintInput):
    """The provider organization or registry record a complaint is about, and its name."""
    if data.respondent_type not in {r.value for r in Respondent}:
        raise DomainError(
            Message("Say whether the complaint is about a peer or a training provider.")
        )
    if not data.nature.strip():
        raise DomainError(Message("Describe what happened (the nature of the allegations)."))
    if data.respondent_type == Respondent.PROVIDER:
        organization = session.get(Organization, data.organization_id or 0)
        if organization is None or not organization.approved:
            raise DomainError(Message("Choose the training provider from the list."))
        return organization, None, organization.name
    number = data.certification_number.strip().upper()
    profile = None
    if number:
        profile = session.scalar(
            select(PeerProfile).where(PeerProfile.certification_number == number)
        )
    name = profile.legal_name if profile is not None else data.respondent_name.strip()
    if not name:
        raise DomainError(Message("Give the name of the peer support specialist."))
    return None, profile, name


def identity_mismatch(complaint: Complaint) -> bool:
    """Whether the name typed with the certification number differs from the number's holder
    (ignoring case, accents, hyphens and word order)."""
    if complaint.peer_profile is None or not complaint.respondent_typed_name:
        return False
    return fold_name(complaint.respondent_typed_name) != fold_name(
        complaint.peer_profile.legal_name
    )


def require_confirmed_respondent(complaint: Complaint) -> None:
    """No action touches a peer's registry record before staff confirm who the respondent is."""
    if complaint.peer_profile is None or complaint.identity_confirmed_at is not None:
        return
    if identity_mismatch(complaint):
        raise Conflict(
            Message(
                "The name typed with the number (“%(typed)s”) is not the name of the number's "
                "holder (“%(holder)s”): confirm who the respondent is before the registry record "
                "changes.",
                typed=complaint.respondent_typed_name,
                holder=complaint.peer_profile.legal_name,
            )
        )
    raise Conflict(
        Message(
            "Confirm the respondent's identity (the holder of the certification number) before the "
            "registry record changes."
        )
    )


def confirm_respondent(
    session: Session,
    complaint: Complaint,
    reviewer: User,
    *,
    certification_number: str,
    note: str,
) -> Complaint:
    """Staff confirm which certification holder the complaint is about: the number's holder, or
    the holder of the number they found; a different name needs a note saying why. The name the
    complainant typed stays on the complaint."""
    _require_reviewer(reviewer)
    number = certification_number.strip().upper()
    profile = session.scalar(select(PeerProfile).where(PeerProfile.certification_number == number))
    if profile is None:
        raise DomainError(
            Message("No certified peer holds the number %(number)s.", number=number)
            if number
            else Message("Give the certification number of the peer.")
        )
    previous = complaint.peer_profile_id
    complaint.peer_profile_id, complaint.peer_profile = profile.id, profile
    if identity_mismatch(complaint) and not note.strip():
        raise DomainError(
            Message(
                "The typed name and the holder's name differ: say how you confirmed the identity."
            )
        )
    complaint.respondent_name = profile.legal_name[:200]
    complaint.identity_confirmed_at, complaint.identity_confirmed_by_id = utcnow(), reviewer.id
    complaint.identity_note = note.strip()
    _audit(
        session,
        reviewer,
        complaint.id,
        "confirm_respondent",
        reason=note.strip(),
        details={"peer_profile": [previous, profile.id], "number": number},
    )
    session.flush()
    return complaint


def _acknowledge(session: Session, complaint: Complaint, policy: Policy, today: date) -> None:
    """Acknowledge receipt to the person who complained (§805.5) and tell the reviewers."""
    email = email_of(complaint.complainant_contact)
    due = clock_of(complaint, policy, today).due_on
    if email:
        # The person complaining is the one filing in this request (the public form's visitor).
        with in_language_of(session, email, answers_request=True):
            queue_email(
                session,
                email,
                gettext(
                    "Complaint received: reference %(reference)s", reference=complaint.reference
                ),
                gettext(
                    "We received your complaint on %(day)s. Its reference number is "
                    "%(reference)s; quote it when you write to us.\n\nThe investigation is "
                    "completed within %(days)s calendar days of receipt, by %(due)s "
                    "(%(citation)s).",
                    day=email_day(today),
                    reference=complaint.reference,
                    days=policy.value("complaint.investigation_days"),
                    due=email_day(due),
                    citation=policy.cite("complaint.investigation_days"),
                ),
                category="decision",
                link=links.url("complaints.public_new"),
            )
        _activity(complaint, today, "Receipt acknowledged by email")
    queue_email_to_each(
        session,
        [reviewer.email for reviewer in active_reviewers(session)],
        lambda: (
            gettext("New complaint %(reference)s", reference=complaint.reference),
            gettext(
                "A complaint about %(respondent)s was received; investigate by %(due)s.",
                respondent=complaint.respondent_name,
                due=email_day(due),
            ),
        ),
        category="decision",
        link=links.url("complaints.detail", complaint_id=complaint.id),
    )


def _document(stored, user: User | None) -> ComplaintDocument:
    return ComplaintDocument.from_stored(stored, user.id if user else None)


def investigate(session: Session, complaint: Complaint, reviewer: User, *, today: date) -> None:
    """A reviewer takes the complaint and opens the investigation."""
    _require_reviewer(reviewer)
    _move(session, complaint, reviewer, "investigate")
    complaint.investigator_id = reviewer.id
    _activity(complaint, today, f"Investigation opened by {reviewer.name}")
    session.flush()


def add_activity(
    session: Session, complaint: Complaint, reviewer: User, *, today: date, text: str
) -> None:
    """An investigative action taken (§806.2.A–C, log field G)."""
    _require_reviewer(reviewer)
    if complaint.state not in OPEN_STATES:
        raise Conflict(Message("The complaint is closed."))
    if not text.strip():
        raise DomainError(Message("Say what was done."))
    _activity(complaint, today, text.strip()[:1000])
    _audit(session, reviewer, complaint.id, "activity", reason=text.strip()[:1000])
    session.flush()


def extend(
    session: Session,
    complaint: Complaint,
    reviewer: User,
    policy: Policy,
    *,
    today: date,
    days: int,
    reason: str,
) -> None:
    """Extend the investigation once, by up to 30 days, with written notice to the person who
    complained at least five days before the 90 days run out (§805.7)."""
    _require_reviewer(reviewer)
    if not reason.strip():
        raise DomainError(Message("Say why more time is needed."))
    allow_extension(clock_of(complaint, policy, today), days, policy, today)
    _move(session, complaint, reviewer, "extend", reason=reason.strip(), details={"days": days})
    complaint.extended_days = days
    complaint.extension_notice_on = today
    complaint.extension_reason = reason.strip()
    due = clock_of(complaint, policy, today).due_on
    email = email_of(complaint.complainant_contact)
    if email:
        with in_language_of(session, email):
            queue_email(
                session,
                email,
                gettext(
                    "Complaint %(reference)s: the investigation is extended",
                    reference=complaint.reference,
                ),
                gettext(
                    "The investigation of your complaint needs more time: %(reason)s\n\nIt is "
                    "extended by %(days)s days and will be completed by %(due)s (%(citation)s).",
                    reason=reason.strip(),
                    days=days,
                    due=email_day(due),
                    citation=policy.cite("complaint.extension_notice_days"),
                ),
                category="decision",
                link=links.url("complaints.public_new"),
            )
        _activity(complaint, today, f"Extended by {days} days to {due}; written notice emailed")
    else:
        _activity(
            complaint,
            today,
            f"Extended by {days} days to {due}; no email on file, notice to be sent by letter",
        )
    session.flush()


def add_confidential_name(
    session: Session, complaint: Complaint, reviewer: User, *, name: str
) -> ConfidentialName:
    """Add a care recipient to the confidentiality-names list; the report uses the reference (§806.1.D)."""
    _require_reviewer(reviewer)
    if not name.strip():
        raise DomainError(Message("Give the name."))
    number = 1 + max((n.number for n in complaint.names), default=0)
    item = ConfidentialName(
        complaint_id=complaint.id, number=number, name=name.strip()[:200], added_by_id=reviewer.id
    )
    complaint.names.append(item)
    session.flush()
    confidential.forget_unsent(session, item)
    # The audit log names the reference only: the name stays in the confidential list.
    _audit(
        session,
        reviewer,
        complaint.id,
        "add_confidential_name",
        details={"reference": item.reference},
    )
    session.flush()
    return item


def attach_document(
    session: Session,
    complaint: Complaint,
    reviewer: User,
    upload: Upload,
    upload_dir: str,
    max_bytes: int,
) -> ComplaintDocument:
    """Keep a supporting document with the complaint (§806.1.B)."""
    _require_reviewer(reviewer)
    stored = store_upload(
        upload[0], upload[1], kinds="evidence", upload_dir=upload_dir, max_bytes=max_bytes
    )
    document = _document(stored, reviewer)
    complaint.documents.append(document)
    try:
        _audit(session, reviewer, complaint.id, "attach_document", reason=stored.original_name)
        session.flush()
    except Exception:
        delete_stored(upload_dir, stored.stored_name)
        raise
    return document


def decide(
    session: Session,
    complaint: Complaint,
    reviewer: User,
    policy: Policy,
    *,
    today: date,
    outcome: str,
    reason: str,
    expected_version: int | None = None,
    appeal_link: str = "",
) -> None:
    """The final disposition (§806.4.H–K): the status changes in the registry or the provider
    list in the same transaction, and the letter goes to the respondent and the complainant
    (with ``appeal_link``, the respondent's page to appeal a suspension or revocation)."""
    _require_reviewer(reviewer)
    try:
        result = Outcome(outcome)
    except ValueError:
        raise DomainError(Message("Choose the final disposition.")) from None
    if not reason.strip():
        raise DomainError(Message("Give the reasons for the final disposition."))
    if (
        result in STATUS_CHANGES
        and complaint.organization is None
        and complaint.peer_profile is None
    ):
        raise DomainError(
            Message(
                "This complaint is not linked to a provider or a registry record, so no status can change; "
                "record the finding without a change in status."
            )
        )
    if result in STATUS_CHANGES:
        require_confirmed_respondent(complaint)
    _move(
        session,
        complaint,
        reviewer,
        "decide",
        reason=reason.strip(),
        details={"outcome": result.value},
        expected_version=expected_version,
    )
    complaint.outcome = result.value
    complaint.disposition_on = today
    complaint.disposition = f"{OUTCOME_LABELS[result]}: {reason.strip()}"
    if result in STATUS_CHANGES:
        _change_status(session, complaint, reviewer, result, today=today, reason=reason.strip())
        complaint.registry_updated_at = utcnow()
    complaint.letter_sent_on = today
    _activity(complaint, today, f"Final disposition by {reviewer.name}; letter of disposition sent")
    send_letters(session, complaint, policy, appeal_link)
    session.flush()


def _change_status(
    session: Session, complaint: Complaint, reviewer: User, result: Outcome, *, today, reason
) -> None:
    if complaint.organization is not None:
        standing = Standing.SUSPENDED if result == Outcome.SUSPEND else Standing.REVOKED
        providers.set_standing(
            session,
            complaint.organization,
            reviewer,
            standing,
            today=today,
            reason=reason,
            complaint_id=complaint.id,
        )
        return
    status = (
        CertificationStatus.SUSPENDED if result == Outcome.SUSPEND else CertificationStatus.REVOKED
    )
    _set_certification(session, complaint, reviewer, status, today=today, reason=reason)


def _set_certification(
    session: Session,
    complaint: Complaint,
    reviewer: User,
    status: CertificationStatus,
    *,
    today: date,
    reason: str,
) -> None:
    """Change the peer's certification status: on the registry record when the profile is linked
    to one (dated and audited there, §805.2–3), else on the profile itself."""
    profile = complaint.peer_profile
    certification = (
        session.get(CertificationRecord, profile.record_id) if profile.record_id else None
    )
    if certification is not None:
        registry.change_status(
            session,
            reviewer,
            certification,
            status=status.value,
            action=certification.action,
            effective_on=today,
            reason=f"{reason} (complaint {complaint.reference})",
            today=today,
        )
        return
    previous = profile.status
    profile.status = status
    record_by(
        session,
        reviewer,
        "peer_profile",
        profile.id,
        f"certification_{status.value}",
        from_state=str(previous),
        to_state=status.value,
        reason=reason,
        details={"complaint_id": complaint.id},
    )


def reinstate(
    session: Session,
    complaint: Complaint,
    reviewer: User,
    policy: Policy,
    *,
    today: date,
    reason: str,
) -> None:
    """Return the peer's certification or the provider's approval suspended or revoked by this
    complaint to good standing, after reviewing the evidence (§806.5); the registry or the provider
    list changes at once (§806.5.H) and the respondent is told (§806.3.B)."""
    _require_reviewer(reviewer)
    if complaint.outcome not in STATUS_CHANGES:
        raise Conflict(Message("This complaint suspended or revoked nothing."))
    if not reason.strip():
        raise DomainError(Message("Say what the evidence shows (§806.5.D)."))
    require_confirmed_respondent(complaint)
    if complaint.organization is not None:
        providers.set_standing(
            session,
            complaint.organization,
            reviewer,
            Standing.GOOD,
            today=today,
            reason=reason.strip(),
            complaint_id=complaint.id,
        )
        recipients = [complaint.organization.contact_email]
    else:
        profile = complaint.peer_profile
        if profile.status == CertificationStatus.ACTIVE:
            raise Conflict(Message("The certification is already active."))
        _set_certification(
            session,
            complaint,
            reviewer,
            CertificationStatus.ACTIVE,
            today=today,
            reason=reason.strip(),
        )
        recipients = [profile.user.email]
    complaint.registry_updated_at = utcnow()
    _activity(complaint, today, f"Returned to good standing by {reviewer.name}")
    for address in recipients:
        with in_language_of(session, address):
            queue_email(
                session,
                address,
                gettext(
                    "Returned to good standing: complaint %(reference)s",
                    reference=complaint.reference,
                ),
                gettext(
                    "%(reason)s\n\nThe registry is updated (%(citation)s).",
                    reason=reason.strip(),
                    citation=policy.cite("registry.update_hours"),
                ),
                category="decision",
                link=links.url("complaints.respondent_appeal", reference=complaint.reference),
            )
    session.flush()


def withdraw(
    session: Session, complaint: Complaint, reviewer: User, *, today: date, reason: str
) -> None:
    """Close a complaint without a finding (a duplicate, or outside the program)."""
    _require_reviewer(reviewer)
    if not reason.strip():
        raise DomainError(Message("Say why the complaint is closed."))
    _move(session, complaint, reviewer, "withdraw", reason=reason.strip())
    complaint.disposition_on = today
    complaint.disposition = f"Closed without a finding: {reason.strip()}"
    _activity(complaint, today, f"Closed by {reviewer.name}")
    session.flush()
