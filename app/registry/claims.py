"""A peer claims a registry record with an emailed one-time code and links it to a CE profile;
staff (and the demo) register a certification and link it directly."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, timedelta
from typing import Any

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.dates import add_years
from app.dbtypes import utcnow
from app.errors import Conflict, DomainError
from app.messages import Message
from app.notifications import links
from app.notifications.language import in_language_of
from app.notifications.services import queue_email
from app.policy import DEFAULT_POLICY, Policy
from app.registry import hooks
from app.registry.models import (
    CertificationRecord,
    ClaimCode,
)
from app.registry.records import _change, create_record
from app.registry.rules import CERTIFICATION_NUMBER

CLAIM_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def _hash(code: str) -> str:
    return hashlib.sha256(
        code.strip().upper().replace("-", "").replace(" ", "").encode()
    ).hexdigest()


def send_claim_code(
    session: Session,
    actor: User | None,
    record: CertificationRecord,
    *,
    policy: Policy = DEFAULT_POLICY,
) -> str:
    """Email a single-use code to the record's address; the peer types it to claim the record.
    Returns the code (for the email only: it is stored hashed)."""
    if not record.email:
        raise DomainError(Message("Add the holder's email address first: the code is sent there."))
    if record.claimed_by_id:
        raise DomainError(Message("This record is already linked to an account."))
    code = "".join(secrets.choice(CLAIM_ALPHABET) for _ in range(10))
    days = int(policy.value("registry.claim_days"))
    session.add(
        ClaimCode(
            record_id=record.id,
            code_hash=_hash(code),
            email=record.email,
            created_by_id=actor.id if actor else None,
            expires_at=utcnow() + timedelta(days=days),
        )
    )
    with in_language_of(session, record.email):
        queue_email(
            session,
            record.email,
            gettext("Link your peer support certification to your account"),
            gettext(
                "Sign in (or create a peer account with this address) and enter this code on "
                "the “Certification details” page to link certification %(number)s: "
                "%(code)s\nThe code works once, for %(days)s days.",
                number=record.certification_number,
                code=f"{code[:5]}-{code[5:]}",
                days=days,
            ),
            category="registry",
            link=links.url("ce.profile"),
        )
    _change(session, record, actor, "claim_code", "", "sent", reason="claim code sent")
    session.flush()
    return f"{code[:5]}-{code[5:]}"


CLAIM_REFUSED = Message(
    "This code is not valid or has expired. Ask the certifying entity for a new one."
)


def claim(session: Session, user: User, code: str) -> Any:
    """Link the record a valid code was sent for to ``user``; the CE profile takes the registry's
    facts. Any failure says the same thing, so nothing is learnt about other records."""
    item = session.scalar(select(ClaimCode).where(ClaimCode.code_hash == _hash(code)))
    if item is None or item.used_at is not None or item.expires_at < utcnow():
        raise DomainError(CLAIM_REFUSED)
    record = session.get(CertificationRecord, item.record_id)
    if record.claimed_by_id is not None:
        raise DomainError(CLAIM_REFUSED)
    if session.scalar(
        select(CertificationRecord.id).where(CertificationRecord.claimed_by_id == user.id)
    ):
        raise DomainError(Message("Your account already has a certification linked."))
    item.used_at = utcnow()
    record.claimed_by_id = user.id
    profile = link_profile(session, user, record)
    _change(session, record, user, "claimed", "", user.email, reason="claimed with an emailed code")
    session.flush()
    return profile


def link_profile(session: Session, user: User, record: CertificationRecord) -> Any:
    """The user's CE profile made to match the record (a number held by a self-declared profile
    of another account is released: the registry decides who holds it). CE owns the profile and
    does it (app.registry.hooks); the profile is returned."""
    return hooks.CE.link_profile(session, user, record)


def record_of_user(session: Session, user: User) -> CertificationRecord | None:
    return session.scalar(
        select(CertificationRecord).where(CertificationRecord.claimed_by_id == user.id)
    )


def save_profile(
    session: Session,
    user: User,
    *,
    legal_name: str,
    certification_number: str,
    issued_on: date,
    status: str,
    specializations: list[str],
) -> Any:
    """Register a certification and link it to ``user`` (staff set-up and the demo; peers claim
    theirs with a code). The number looks like MPSS123456 (§213.6); audited."""

    number = certification_number.strip().upper().replace(" ", "")
    if not CERTIFICATION_NUMBER.match(number):
        raise DomainError(
            Message(
                "A certification number is MPSS followed by digits, e.g. MPSS123456 (%(citation)s).",
                citation=DEFAULT_POLICY.cite("cert.number_format"),
            )
        )
    record = session.scalar(
        select(CertificationRecord).where(CertificationRecord.certification_number == number)
    )
    if record is None:
        record = create_record(
            session,
            None,
            legal_name=legal_name,
            certification_number=number,
            issued_on=issued_on,
            expires_on=add_years(issued_on, int(DEFAULT_POLICY.value("cert.period_years"))),
            specializations=specializations,
            email=user.email,
            today=max(issued_on, date.today()),
        )
    elif record.claimed_by_id not in (None, user.id):
        raise Conflict(Message("That registry record is linked to another account."))
    record.claimed_by_id = user.id
    record.status = status
    record.specializations = list(specializations)
    return link_profile(session, user, record)
