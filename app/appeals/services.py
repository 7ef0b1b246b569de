"""Appeals of either domain: the review clock and its extension (§805.6–7), who may see an appeal,
its evidence files (§702.2.A), the acknowledgement of receipt (§805.5) and the date the letter of
final disposition was sent. Every change is audited; the caller commits."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import gettext
from sqlalchemy.orm import Session

from app.appeals.clock import (
    InvestigationClock,
    check_extension,
    check_letter_date,
    investigation_clock,
    rules_from,
)
from app.appeals.kinds import email_of
from app.appeals.models import Appeal, AppealFile
from app.audit.services import record, record_by
from app.auth.models import Role, User
from app.errors import Conflict, DomainError, Forbidden, NotFound
from app.messages import Listed, Message, sentence
from app.notifications import links
from app.notifications.language import email_day, in_language_of
from app.notifications.services import queue_email, queue_email_to_each
from app.policy import Policy
from app.uploads import StoredFile, UploadError, check_upload, delete_stored, store_upload

Upload = tuple[bytes, str]  # (content, the name the person's computer gave it)

STAFF = (Role.REVIEWER, Role.ADMIN)


def subject_type(item: Appeal) -> str:
    """The kind of record an appeal belongs to, as the audit log names it."""
    return "complaint" if item.complaint_id else "curriculum"


def subject_id(item: Appeal) -> int:
    return item.complaint_id or item.curriculum_id  # type: ignore[return-value]


def subject_of(item: Appeal) -> str:
    """What an appeal is about: the curriculum's title, or the complaint's reference and its
    respondent."""
    if item.complaint is not None:
        return Message(
            "Complaint %(reference)s (%(respondent)s)",
            reference=item.complaint.reference,
            respondent=item.complaint.respondent_name,
        )
    return item.curriculum.title if item.curriculum is not None else ""


def _subject_in_language(item: Appeal) -> str:
    """``subject_of`` in the language of the email being written."""
    if item.complaint is not None:
        return gettext(
            "Complaint %(reference)s (%(respondent)s)",
            reference=item.complaint.reference,
            respondent=item.complaint.respondent_name,
        )
    return subject_of(item)


def appellant_addresses(item: Appeal) -> list[str]:
    """Who hears of the appeal by email: the requester, and the email of the contact line when
    it names another address."""
    recipients = [item.requester.email]
    if (email := email_of(item.contact)) and email not in recipients:
        recipients.append(email)
    return recipients


def note_activity(item: Appeal, today: date, what: str) -> None:
    """One line of the appeal's activity log, dated ``today``."""
    item.activities = [*item.activities, {"on": today.isoformat(), "what": what}]


def record_disposition(item: Appeal, reviewer: User, today: date, disposition: str) -> None:
    """The final disposition, dated today and by ``reviewer``; the letter's date is entered once
    it is sent (``record_letter``)."""
    item.disposition_on = today
    item.disposition = disposition
    item.decided_by_id = reviewer.id
    note_activity(item, today, f"Final disposition by {reviewer.name}")


def appeal_clock(item: Appeal, policy: Policy, today: date) -> InvestigationClock:
    """Where the 90(+30)-day review of an appeal stands (§805.6–7)."""
    return investigation_clock(
        item.requested_on,
        today,
        rules_from(policy),
        extended_days=item.extended_days or 0,
        closed_on=item.disposition_on,
    )


def is_appellant(item: Appeal, user: User) -> bool:
    """Whether ``user`` speaks for the appellant: the person who filed it, a member of the
    provider whose curriculum or approval is appealed, or the peer whose certification is."""
    if not getattr(user, "is_authenticated", False):
        return False
    if item.requester_id == user.id:
        return True
    organization_id = None
    if item.curriculum is not None:
        organization_id = item.curriculum.organization_id
    elif item.complaint is not None:
        organization_id = item.complaint.organization_id
        profile = item.complaint.peer_profile
        if organization_id is None and profile is not None:
            return profile.user_id == user.id
    return (
        organization_id is not None
        and user.role == Role.PROVIDER
        and user.organization_id == organization_id
    )


def can_see(item: Appeal, user: User) -> bool:
    """Reviewers and administrators see every appeal; the appellant sees their own."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.role in STAFF or is_appellant(item, user)


def visible(session: Session, user: User, appeal_id: int) -> Appeal:
    """The appeal ``appeal_id`` if ``user`` may see it; anyone else learns nothing of it (404)."""
    item = session.get(Appeal, appeal_id)
    if item is None or not can_see(item, user):
        raise NotFound(Message("There is no such appeal."))
    return item


def evidence_file(item: Appeal, file_id: int) -> AppealFile:
    """One evidence file of ``item`` (a file of another appeal is not found here)."""
    for found in item.files:
        if found.id == file_id:
            return found
    raise NotFound(Message("There is no such file."))


def check_evidence(uploads: list[Upload], max_bytes: int) -> None:
    """Raise UploadError naming the first file that cannot be kept (type, size, content), before
    anything is stored or filed."""
    for data, filename in uploads:
        try:
            check_upload(data, filename, kinds="evidence", max_bytes=max_bytes)
        except UploadError as error:
            raise UploadError(
                Message("%(file)s: %(problem)s", file=filename, problem=error.message),
                status=error.status,
            ) from None


def add_evidence(
    session: Session,
    item: Appeal,
    user: User,
    uploads: list[Upload],
    *,
    today: date,
    upload_dir: str,
    max_bytes: int,
) -> list[AppealFile]:
    """Store ``uploads`` as evidence of ``item`` (§702.2.A), each under a generated name and each
    audited. Only the appellant adds evidence, and only while the appeal is open; a refused file
    leaves nothing stored, not even the files before it."""
    if not can_see(item, user):
        raise NotFound(Message("There is no such appeal."))
    if not is_appellant(item, user):
        raise Forbidden(Message("Only the appellant adds evidence to an appeal."))
    if item.disposition_on is not None:
        raise Conflict(Message("The appeal is decided; no evidence can be added now."))
    if not uploads:
        raise DomainError(Message("Choose one or more files to add."))
    check_evidence(uploads, max_bytes)
    stored: list[StoredFile] = []
    try:
        for data, filename in uploads:
            stored.append(
                store_upload(
                    data, filename, kinds="evidence", upload_dir=upload_dir, max_bytes=max_bytes
                )
            )
        return _record_files(session, item, user, stored, today)
    except BaseException:
        for done in stored:
            delete_stored(upload_dir, done.stored_name)
        raise


def _record_files(
    session: Session, item: Appeal, user: User, stored: list[StoredFile], today: date
) -> list[AppealFile]:
    rows = []
    for done in stored:
        row = AppealFile.from_stored(done, user.id, appeal_id=item.id)
        session.add(row)
        session.flush()
        rows.append(row)
        record_by(
            session,
            user,
            subject_type(item),
            subject_id(item),
            "appeal_evidence",
            reason=done.original_name,
            details={"appeal_id": item.id, "file_id": row.id, "sha256": done.sha256},
        )
    names = ", ".join(d.original_name for d in stored)
    note_activity(item, today, f"Evidence: {names}")
    session.expire(item, ["files"])
    session.flush()
    return rows


def acknowledge(
    session: Session,
    item: Appeal,
    policy: Policy,
    *,
    today: date,
    appellant_link: str,
) -> bool:
    """Acknowledge receipt of the appeal to the appellant (§805.5), with the link to the appeal's
    page (the reviewers who must act are told by app.alerts.notify). Done once: False when
    the appeal was already acknowledged."""
    if item.acknowledged_on is not None:
        return False
    item.acknowledged_on = today
    clock = appeal_clock(item, policy, today)
    recipients = appellant_addresses(item)
    for address in recipients:
        # The appellant files the appeal in this request: without a saved language, theirs.
        with in_language_of(session, address, answers_request=True):
            subject = _subject_in_language(item)
            queue_email(
                session,
                address,
                gettext("Appeal received: %(subject)s", subject=subject),
                gettext(
                    "We received your appeal of the decision on %(subject)s on %(day)s. A "
                    "reviewer other than the one who decided will review it by %(due)s "
                    "(%(citation)s), and that decision is final (%(final)s).\n\nYour appeal, "
                    "its evidence and where it stands: %(link)s",
                    subject=subject,
                    day=email_day(item.requested_on),
                    due=email_day(clock.due_on),
                    citation=policy.cite("complaint.investigation_days"),
                    final=policy.cite("appeal.final"),
                    link=appellant_link,
                ),
                category="decision",
                link=appellant_link,
            )
    note_activity(item, today, "Receipt acknowledged by email (§805.5)")
    record(
        session,
        actor_id=item.requester_id,
        subject_type=subject_type(item),
        subject_id=subject_id(item),
        action="acknowledge_appeal",
        reason=f"Receipt acknowledged to {', '.join(recipients)}",
        details={"appeal_id": item.id},
    )
    session.flush()
    return True


def record_letter(
    session: Session, item: Appeal, user: User, *, sent_on: date | None, today: date
) -> Appeal:
    """Record the date the letter of final disposition was sent, as the staff member enters it:
    not in the future, not before the decision."""
    if user.role not in STAFF:
        raise Forbidden(Message("Only reviewers record the letter of final disposition."))
    try:
        check_letter_date(sent_on, item.disposition_on, today)
    except ValueError as error:
        raise DomainError(sentence([error.args[0]])) from None
    assert sent_on is not None
    previous = item.letter_sent_on
    item.letter_sent_on, item.letter_recorded_by_id = sent_on, user.id
    note_activity(item, today, f"Letter of final disposition sent on {sent_on}")
    details: dict[str, Any] = {"appeal_id": item.id, "letter_sent_on": sent_on.isoformat()}
    if previous is not None:
        details["was"] = previous.isoformat()
    record_by(
        session,
        user,
        subject_type(item),
        subject_id(item),
        "record_appeal_letter",
        reason=f"Letter sent on {sent_on.isoformat()}",
        details=details,
    )
    session.flush()
    return item


def allow_extension(clock: InvestigationClock, days: int, policy: Policy, today: date) -> None:
    """Conflict, with its citation, when an extension of ``days`` is not allowed now (§805.7):
    the one refusal of an appeal's and of a complaint's investigation clock."""
    try:
        check_extension(clock, days, rules_from(policy), today)
    except ValueError as error:
        raise Conflict(
            Message(
                "%(problem)s (%(citation)s).",
                problem=Listed([error.args[0]], capital=True),
                citation=policy.cite("complaint.extension_days"),
            )
        ) from None


def extend_review(
    session: Session,
    item: Appeal | None,
    reviewer: User,
    policy: Policy,
    *,
    today: date,
    days: int,
    reason: str,
) -> Appeal:
    """Extend the review once by up to 30 days, with notice five days before day 90 (§805.7)."""
    if reviewer.role not in STAFF:
        raise Forbidden(Message("Only reviewers extend the review of an appeal."))
    if item is None:
        raise NotFound(Message("There is no such appeal."))
    if not reason.strip():
        raise DomainError(Message("Say why more time is needed."))
    allow_extension(appeal_clock(item, policy, today), days, policy, today)
    item.extended_days, item.extension_notice_on = days, today
    due = appeal_clock(item, policy, today).due_on
    note_activity(item, today, f"Review extended by {days} days to {due}; notice sent")
    record_by(
        session,
        reviewer,
        subject_type(item),
        subject_id(item),
        "extend_appeal_review",
        reason=reason.strip(),
        details={"appeal_id": item.id, "days": days},
    )
    queue_email_to_each(
        session,
        appellant_addresses(item),
        lambda: (
            gettext("The review of your appeal is extended"),
            gettext(
                "The review of your appeal needs more time: %(reason)s\n\nIt will be "
                "completed by %(day)s (%(citation)s).",
                reason=reason.strip(),
                day=email_day(due),
                citation=policy.cite("complaint.extension_notice_days"),
            ),
        ),
        category="decision",
        link=links.url("appeal_pages.page", appeal_id=item.id),
    )
    session.flush()
    return item
