"""CE a sanction requires of a certified peer (App. F), kept on the registry record."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.registry.models import CERequirement


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
