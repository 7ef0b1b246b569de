"""Renewal of a certification, its reminders, and reinstatement after a lapse (§207)."""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.certification import CertificationStatus
from app.dates import add_years
from app.dbtypes import utcnow
from app.errors import DomainError, NotFound
from app.messages import Message, joined, term
from app.notifications import links
from app.notifications.language import email_day, in_language_of
from app.notifications.services import queue_email, reminder
from app.policy import DEFAULT_POLICY, Policy
from app.registry import hooks
from app.registry.models import (
    CertificationRecord,
    RegistryChange,
    RenewalApplication,
)
from app.registry.records import _change, _day_start, _sync_profile
from app.registry.rules import REINSTATEMENT_STEPS, reminder_days, reminder_due, signature_matches
from app.reports.services import record_renewal


def renewal_state(
    record: CertificationRecord, today: date, policy: Policy = DEFAULT_POLICY
) -> dict:
    """Whether the holder can renew today (§207.7–8, §802.1.B), with the fee (§601)."""

    state = hooks.CE.renewal_status(record.status, today, record.expires_on, policy)
    state["allowed"] = state["code"] == "CE_RENEWAL_OK"
    state["fee"] = int(policy.value("fee.peer_renewal"))
    state["fee_citation"] = policy.cite("fee.peer_renewal")
    return state


def attestation_shortfall(ce_summary: dict) -> str:
    """What the peer's own CE record lacks of what a renewal attests (§207.3, §207.9), or ""."""
    short = float(ce_summary.get("required_hours", 0)) - float(ce_summary.get("total_hours", 0))
    short_le = float(ce_summary.get("required_law_ethics_hours", 0)) - float(
        ce_summary.get("law_ethics_hours", 0)
    )
    hours = {
        "total": float(ce_summary.get("total_hours", 0)),
        "required": float(ce_summary.get("required_hours", 0)),
        "law_ethics": float(ce_summary.get("law_ethics_hours", 0)),
        "required_law_ethics": float(ce_summary.get("required_law_ethics_hours", 0)),
    }
    # A Message, so the renewal page shows it in its language; "" when nothing is short.
    if short > 0 and short_le > 0:
        return Message(
            "the record counts %(total)s of %(required)s CE hours and %(law_ethics)s of "
            "%(required_law_ethics)s hours of law and ethics",
            **hours,
        )
    if short > 0:
        return Message(
            "the record counts %(total)s of %(required)s CE hours",
            total=hours["total"],
            required=hours["required"],
        )
    if short_le > 0:
        return Message(
            "the record counts %(law_ethics)s of %(required_law_ethics)s hours of law and ethics",
            law_ethics=hours["law_ethics"],
            required_law_ethics=hours["required_law_ethics"],
        )
    return ""


def shortfall_of(application: RenewalApplication, policy: Policy = DEFAULT_POLICY) -> str:
    """The shortfall a recorded renewal was attested with, or ""."""
    return attestation_shortfall(
        {
            "total_hours": application.ce_hours,
            "required_hours": float(policy.value("ce.hours")),
            "law_ethics_hours": application.law_ethics_hours,
            "required_law_ethics_hours": float(policy.value("ce.law_ethics_hours")),
        }
    )


def renew(
    session: Session,
    user: User,
    record: CertificationRecord,
    *,
    attested: bool,
    signature: str,
    ce_summary: dict,
    today: date,
    policy: Policy = DEFAULT_POLICY,
) -> RenewalApplication:
    """Record a renewal inside the window: the attestation (§207.9) and the code of ethics signed
    with the legal name (§207.10); the next period opens (expiration two years on). Audited."""

    if record.claimed_by_id != user.id:
        raise NotFound(Message("There is no such certification."))
    state = renewal_state(record, today, policy)
    if not state["allowed"]:
        raise DomainError(
            Message(
                "%(message)s (%(citation)s)", message=state["message"], citation=state["citation"]
            )
        )
    problems = []
    if not attested:
        problems.append(
            Message(
                "attest that you completed the CE hours (%(citation)s)",
                citation=policy.cite("renewal.attestation"),
            )
        )
    if not signature_matches(signature, record.legal_name):
        problems.append(
            Message(
                "sign the code of ethics with your legal name as the registry has it, %(name)s",
                name=record.legal_name,
            )
        )
    if problems:
        if len(problems) == 1:
            raise DomainError(Message("To renew, %(first)s.", first=problems[0]))
        raise DomainError(
            Message("To renew, %(first)s and %(second)s.", first=problems[0], second=problems[1])
        )
    previous = record.expires_on
    application = RenewalApplication(
        record_id=record.id,
        user_id=user.id,
        previous_expires_on=previous,
        new_expires_on=add_years(previous, int(policy.value("cert.period_years"))),
        attested=True,
        ethics_signature=signature.strip(),
        fee=state["fee"],
        ce_hours=float(ce_summary.get("total_hours", 0)),
        law_ethics_hours=float(ce_summary.get("law_ethics_hours", 0)),
    )
    session.add(application)
    record_renewal(session, user.id, today)  # App. E item 19, for the DHCS report (§808)
    record.expires_on = application.new_expires_on
    _change(
        session,
        record,
        user,
        "renewed",
        previous.isoformat(),
        record.expires_on.isoformat(),
        reason=f"renewal application; fee ${application.fee} ({state['fee_citation']})",
    )
    shortfall = attestation_shortfall(ce_summary)
    if shortfall:
        # Flagged to the reviewers on the record and drawn first in the next records review.
        _change(
            session,
            record,
            user,
            "attestation_shortfall",
            "",
            f"{float(ce_summary.get('total_hours', 0)):g} h",
            reason=(
                f"CE hours attested while {shortfall} ({policy.cite('renewal.attestation')}); "
                "drawn first in the next records review (§207.11)"
            ),
        )
    with in_language_of(session, user.email):
        queue_email(
            session,
            user.email,
            gettext("Your certification renewal is recorded"),
            gettext(
                "Your renewal of certification %(number)s is recorded. It now expires on "
                "%(day)s. Renewal fee: $%(fee)s (%(citation)s). Keep your CE records for two "
                "years after this application (§207.13.A).",
                number=record.certification_number,
                day=email_day(record.expires_on),
                fee=application.fee,
                citation=state["fee_citation"],
            ),
            category="registry",
            link=links.url("ce.dashboard"),
        )
    session.flush()
    return application


def renewals_of(session: Session, record: CertificationRecord) -> list[RenewalApplication]:
    return list(
        session.scalars(
            select(RenewalApplication)
            .where(RenewalApplication.record_id == record.id)
            .order_by(RenewalApplication.id.desc())
        )
    )


@reminder
def queue_renewal_reminders(session: Session, policy: Policy, today: date) -> int:
    """Remind holders at 90, 30 and 7 days before expiration (§802.1), once each; mark active
    certifications past their expiration as expired (lapsed, §207.6) and tell the holder."""

    queued = 0
    horizon = today + timedelta(days=max(reminder_days(policy)))
    records = session.scalars(
        select(CertificationRecord).where(
            CertificationRecord.status == CertificationStatus.ACTIVE.value,
            CertificationRecord.expires_on <= horizon,
        )
    ).all()
    sent_rows = session.execute(
        select(RegistryChange.record_id, RegistryChange.to_value).where(
            RegistryChange.kind == "reminder",
            RegistryChange.record_id.in_([r.id for r in records]),
        )
    ).all()
    sent: dict[int, set[str]] = {}
    for record_id, value in sent_rows:
        sent.setdefault(record_id, set()).add(value)
    window = int(policy.value("renewal.window_days"))
    for record in records:
        address = _holder_address(session, record)
        if record.expires_on < today:
            _change(
                session,
                record,
                None,
                "status",
                record.status,
                CertificationStatus.EXPIRED.value,
                effective_at=_day_start(record.expires_on),
                reason="not renewed by the expiration date (§207.6)",
            )
            record.status = CertificationStatus.EXPIRED.value
            _sync_profile(session, record)
            if address:
                with in_language_of(session, address):
                    queue_email(
                        session,
                        address,
                        gettext("Your certification has lapsed"),
                        gettext(
                            "Certification %(number)s was not renewed by %(day)s and has lapsed. "
                            "Under four years, reinstatement needs a 40-hour refresher, the "
                            "signed code of ethics and a passed exam (§209.1–2).",
                            number=record.certification_number,
                            day=email_day(record.expires_on),
                        ),
                        category="registry",
                        link=links.url("ce.dashboard"),
                    )
                queued += 1
            continue
        done = {
            int(v.split()[0])
            for v in sent.get(record.id, set())
            if v.endswith(record.expires_on.isoformat())
        }
        milestone = reminder_due(record.expires_on, today, done, policy)
        if milestone is None or not address:
            continue
        opens = record.expires_on - timedelta(days=window)
        with in_language_of(session, address):
            queue_email(
                session,
                address,
                gettext(
                    "Renew your certification: %(days)s days left",
                    days=(record.expires_on - today).days,
                ),
                gettext(
                    "Certification %(number)s expires on %(day)s. The renewal window opened on "
                    "%(opened)s (%(citation)s): attest your 20 CE hours (6 of law and ethics), "
                    "sign the code of ethics and pay the $%(fee)s fee (%(fee_citation)s).",
                    number=record.certification_number,
                    day=email_day(record.expires_on),
                    opened=email_day(opens),
                    citation=policy.cite("renewal.window_days"),
                    fee=int(policy.value("fee.peer_renewal")),
                    fee_citation=policy.cite("fee.peer_renewal"),
                ),
                category="registry",
                link=links.url("registry.renewal"),
            )
        session.add(
            RegistryChange(
                record_id=record.id,
                kind="reminder",
                to_value=f"{milestone} days {record.expires_on.isoformat()}",
                effective_at=utcnow(),
                reason="renewal reminder",
            )
        )
        queued += 1
    session.flush()
    return queued


def _holder_address(session: Session, record: CertificationRecord) -> str:
    if record.claimed_by_id:
        return session.get(User, record.claimed_by_id).email
    return record.email


def record_reinstatement_step(
    session: Session,
    actor: User,
    record: CertificationRecord,
    *,
    step: str,
    completed_on: date,
    today: date,
) -> RegistryChange:
    """A reviewer records a step of reinstatement (§209.1–2) with the day it was completed."""

    if step not in REINSTATEMENT_STEPS:
        raise DomainError(Message("Choose the refresher, the code of ethics or the exam."))
    if record.status != CertificationStatus.EXPIRED.value:
        raise DomainError(Message("Only a lapsed (expired) certification is reinstated (§209)."))
    if completed_on > today or completed_on < record.expires_on:
        raise DomainError(
            Message("The step counts when completed after the lapse and not in the future.")
        )
    change = _change(
        session,
        record,
        actor,
        f"reinstatement_{step}",
        "",
        completed_on.isoformat(),
        effective_at=_day_start(completed_on),
        reason=REINSTATEMENT_STEPS[step],
    )
    session.flush()
    return change


def reinstatement_steps(record: CertificationRecord) -> dict[str, date]:
    """Steps recorded since the lapse: step -> completion day."""
    steps = {}
    for change in record.changes:
        if (
            change.kind.startswith("reinstatement_")
            and change.effective_at.date() >= record.expires_on
        ):
            steps.setdefault(change.kind.removeprefix("reinstatement_"), change.effective_at.date())
    return steps


def reinstate(
    session: Session,
    actor: User,
    record: CertificationRecord,
    *,
    today: date,
    policy: Policy = DEFAULT_POLICY,
) -> CertificationRecord:
    """Reinstate a lapsed certification once the refresher, code of ethics and exam are recorded,
    within four years of the lapse (§209.1–2); from four years, initial certification (§209.3)."""

    if record.status != CertificationStatus.EXPIRED.value:
        raise DomainError(Message("Only a lapsed (expired) certification is reinstated (§209)."))
    if today >= add_years(record.expires_on, int(policy.value("reinstatement.lapse_years"))):
        raise DomainError(
            Message(
                "Lapsed four years or more: initial certification again (%(citation)s).",
                citation=policy.cite("reinstatement.initial_certification"),
            )
        )
    missing = [
        label
        for step, label in REINSTATEMENT_STEPS.items()
        if step not in reinstatement_steps(record)
    ]
    if missing:
        raise DomainError(
            Message(
                "Still to record: %(missing)s (%(citation)s).",
                missing=joined([term(label) for label in missing], "; "),
                citation=policy.cite("reinstatement.requirements"),
            )
        )
    previous = record.expires_on
    record.issued_on = today
    record.expires_on = add_years(today, int(policy.value("cert.period_years")))
    _change(
        session,
        record,
        actor,
        "status",
        CertificationStatus.EXPIRED.value,
        CertificationStatus.ACTIVE.value,
        effective_at=_day_start(today),
        reason=f"reinstated (§209.1–2); lapsed {previous.isoformat()}",
    )
    record.status = CertificationStatus.ACTIVE.value
    _sync_profile(session, record)
    address = _holder_address(session, record)
    if address:
        with in_language_of(session, address):
            queue_email(
                session,
                address,
                gettext("Your certification is reinstated"),
                gettext(
                    "Certification %(number)s is active again until %(day)s.",
                    number=record.certification_number,
                    day=email_day(record.expires_on),
                ),
                category="registry",
                link=links.url("ce.dashboard"),
            )
    session.flush()
    return record
