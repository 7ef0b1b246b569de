"""The email a peer gets when their certification record changes, however it changed: one
person's change (app.registry.records.change_status) or a registry import
(app.registry.bulk_import)."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext
from sqlalchemy.orm import Session

from app.certification import CertificationStatus
from app.i18n.data import translated
from app.notifications import links
from app.notifications.language import email_day, in_language_of
from app.notifications.services import queue_email
from app.registry.models import CertificationRecord
from app.registry.rules import ACTION_LABELS, STATUS_LABELS, RegistryAction


def tell_record_changed(
    session: Session, email: str, record: CertificationRecord, *, day: date, reason: str
) -> None:
    """Queue, in the peer's language, the record's new status and action from ``day`` and why."""
    with in_language_of(session, email):
        queue_email(
            session,
            email,
            gettext("Your certification record changed"),
            gettext(
                "Your certification %(number)s is now: %(status)s; action: %(action)s (from "
                "%(day)s). Reason: %(reason)s",
                number=record.certification_number,
                status=translated(STATUS_LABELS[CertificationStatus(record.status)]),
                action=translated(ACTION_LABELS[RegistryAction(record.action)]),
                day=email_day(day),
                reason=reason,
            ),
            category="registry",
            link=links.url("ce.profile"),
        )
