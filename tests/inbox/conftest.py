"""Inbox fixtures shared by the service and page tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.auth.models import Role
from app.registry.models import CertificationRecord
from tests.factories import make_user
from tests.inbox.factories import draw_one


@pytest.fixture
def peer_due_to_renew(db):
    """A peer drawn into a records review today whose certification expires in 20 days.

    Returns ``(peer, certification record, today)``, committed: the renewal window is open and
    the records review asks for proof, so both show in the peer's inbox.
    """
    today = datetime.now(UTC).date()
    peer, _, _ = draw_one(make_user(Role.REVIEWER), today)
    record = db.session.scalar(
        db.select(CertificationRecord).where(CertificationRecord.claimed_by_id == peer.id)
    )
    record.expires_on = today + timedelta(days=20)
    db.session.commit()
    return peer, record, today
