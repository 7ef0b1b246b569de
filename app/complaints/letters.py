"""The letters of a complaint's final disposition to the respondent and the complainant (§806)."""

from __future__ import annotations

from flask_babel import gettext
from sqlalchemy.orm import Session

from app.appeals.kinds import email_of
from app.complaints.models import Complaint
from app.complaints.states import OUTCOME_LABELS, STATUS_CHANGES, Outcome
from app.i18n.data import translated
from app.notifications import links
from app.notifications.language import email_day, in_language_of
from app.notifications.services import queue_email
from app.policy import Policy


def _disposition_in_language(complaint: Complaint) -> str:
    """The disposition with its outcome (stored in English) in the email's language."""
    for label in (*OUTCOME_LABELS.values(), "Closed without a finding"):
        if complaint.disposition.startswith(f"{label}: "):
            return f"{translated(label)}: {complaint.disposition[len(label) + 2 :]}"
    return complaint.disposition


def send_letters(
    session: Session, complaint: Complaint, policy: Policy, appeal_link: str = ""
) -> None:
    def letter() -> tuple[str, str]:
        subject = gettext(
            "Final disposition of complaint %(reference)s", reference=complaint.reference
        )
        body = gettext(
            "%(disposition)s\n\nDate of final disposition: %(day)s.",
            disposition=_disposition_in_language(complaint),
            day=email_day(complaint.disposition_on),
        )
        if complaint.outcome in STATUS_CHANGES:
            body += "\n\n" + gettext(
                "This decision may be appealed (§807.1.B). The registry is updated within "
                "%(hours)s hours (%(citation)s).",
                hours=policy.value("registry.update_hours"),
                citation=policy.cite("registry.update_hours"),
            )
            if appeal_link:
                body += "\n\n" + gettext(
                    "To appeal within %(days)s days (§702.2.A), sign in and go to %(link)s",
                    days=policy.value("appeal.days"),
                    link=appeal_link,
                )
        return subject, body

    recipients: list[str] = []
    if complaint.organization is not None:
        recipients = [complaint.organization.contact_email] + [
            m.email for m in complaint.organization.members
        ]
    elif complaint.peer_profile is not None:
        recipients = [complaint.peer_profile.user.email]
    for address in dict.fromkeys(recipients):
        with in_language_of(session, address):
            subject, body = letter()
            queue_email(
                session,
                address,
                subject,
                body,
                category="decision",
                link=links.url("complaints.respondent_appeal", reference=complaint.reference),
            )
    email = email_of(complaint.complainant_contact)
    if email:
        with in_language_of(session, email):
            subject, _body = letter()
            queue_email(
                session,
                email,
                subject,
                gettext(
                    "The investigation of your complaint is complete. %(outcome)s.",
                    outcome=translated(OUTCOME_LABELS[Outcome(complaint.outcome)]),
                ),
                category="decision",
                link=links.url("complaints.public_new"),
            )
