"""CE a sanction requires of a certified peer (App. F), kept on the registry record."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    select,
)
from sqlalchemy.orm import Session

from app.auth.models import User
from app.errors import DomainError
from app.registry.models import (
    CERequirement,
    CertificationRecord,
)
from app.registry.records import _change, _day_start


def add_requirement(
    session: Session,
    actor: User,
    record: CertificationRecord,
    *,
    sanction: str,
    imposed_on: date,
    due_on: date | None,
    note: str,
    today: date,
) -> CERequirement:
    """Attach the CE a sanction requires (App. F) to a record; dated and audited."""
    from app.policy import SANCTIONS

    if sanction not in SANCTIONS:
        raise DomainError("Choose the sanction's CE requirement.")
    if imposed_on > today or (due_on is not None and due_on < imposed_on):
        raise DomainError("The sanction is imposed today or earlier, and due after it is imposed.")
    item = CERequirement(
        record_id=record.id,
        sanction=sanction,
        imposed_on=imposed_on,
        due_on=due_on,
        note=note.strip(),
        created_by_id=actor.id,
    )
    session.add(item)
    rule = SANCTIONS[sanction]
    _change(
        session,
        record,
        actor,
        "ce_required",
        "",
        f"{rule.text} ({rule.citation})",
        effective_at=_day_start(imposed_on),
        reason=note.strip(),
    )
    session.flush()
    return item


def requirements_of(session: Session, record_id: int | None) -> list[CERequirement]:
    if record_id is None:
        return []
    return list(
        session.scalars(
            select(CERequirement)
            .where(CERequirement.record_id == record_id)
            .order_by(CERequirement.id)
        )
    )
