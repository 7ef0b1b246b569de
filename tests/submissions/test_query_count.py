"""The reviewer queue and the provider dashboard issue as many SQL queries for 1,000 curricula as for 10."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import insert

from app.audit.models import AuditEvent
from app.auth.models import Role
from app.dbtypes import utcnow
from app.submissions.models import Curriculum, CurriculumVersion
from tests.factories import client_in, make_user
from tests.queries import counting


def _add(db, organization_id: int, count: int, actor_id: int) -> None:
    now = utcnow()
    start = db.session.scalar(db.select(db.func.count()).select_from(Curriculum))
    db.session.execute(
        insert(Curriculum),
        [
            {
                "organization_id": organization_id,
                "program": "core",
                "title": f"C{start + i}",
                "language": "English",
                "state": "submitted",
                "lock_version": 1,
                "created_at": now,
                "is_open": True,
                "due_on": (now + timedelta(days=90 - i % 90)).date(),
                "queue_key": (now + timedelta(days=90 - i % 90)).date().toordinal(),
            }
            for i in range(count)
        ],
    )
    ids = db.session.scalars(db.select(Curriculum.id).order_by(Curriculum.id)).all()[start:]
    db.session.execute(
        insert(CurriculumVersion),
        [
            {
                "curriculum_id": i,
                "number": 1,
                "syllabus_text": "x",
                "report": {},
                "original_name": "",
                "stored_name": "",
                "note": "",
                "created_at": now,
            }
            for i in ids
        ],
    )
    db.session.execute(
        insert(AuditEvent),
        [
            {
                "at": now,
                "actor_id": actor_id,
                "subject_type": "curriculum",
                "subject_id": i,
                "action": "submit",
                "from_state": "draft",
                "to_state": "submitted",
                "reason": "",
                "details": {},
                # Bulk rows for counting queries only: positions far from the real chain.
                "seq": 1_000_000 + i,
                "prev_hash": "0" * 64,
                "hash": "0" * 64,
            }
            for i in ids
        ],
    )
    db.session.commit()


def _queries(app, db, client, url):
    with counting(db.engine) as statements:
        assert client.get(url).status_code == 200
    return len(statements)


def test_queue_and_dashboard_do_not_grow_with_curricula(app, db):
    provider, reviewer = make_user(Role.PROVIDER), make_user(Role.REVIEWER)
    provider_client, reviewer_client = client_in(app, provider), client_in(app, reviewer)
    _add(db, provider.organization_id, 10, provider.id)
    small = (
        _queries(app, db, reviewer_client, "/review"),
        _queries(app, db, provider_client, "/provider"),
    )
    _add(db, provider.organization_id, 990, provider.id)
    large = (
        _queries(app, db, reviewer_client, "/review"),
        _queries(app, db, provider_client, "/provider"),
    )
    assert small == large, f"queries with 10 curricula {small}, with 1,000 {large}"


def test_pages_hold_one_page_of_rows_open_items_first_by_deadline(app, db):
    from app.submissions.services import PAGE_SIZE
    from tests.submissions.factories import make_curriculum

    provider, reviewer = make_user(Role.PROVIDER), make_user(Role.REVIEWER)
    make_curriculum(provider, state="approved", title="Already approved")
    _add(db, provider.organization_id, 120, provider.id)
    client = client_in(app, reviewer)
    first = client.get("/review?view=all").get_data(as_text=True)
    assert first.count('<th scope="row">') == PAGE_SIZE
    assert "Page 1 of 3 (121 in all)" in first and "Already approved" not in first
    last = client.get("/review?view=all&page=3").get_data(as_text=True)
    assert "Already approved" in last  # closed items after the open ones
    due = [d for d in re.findall(r'data-label="Due or valid until">(\d{4}-\d{2}-\d{2})', first)]
    assert due == sorted(due) and len(due) == PAGE_SIZE


def test_curriculum_pages_do_not_grow_with_versions_or_curricula(app, db):
    from tests.submissions.factories import make_curriculum

    provider, reviewer = make_user(Role.PROVIDER), make_user(Role.REVIEWER)
    curriculum = make_curriculum(provider, state="submitted")
    provider_client, reviewer_client = client_in(app, provider), client_in(app, reviewer)
    small = (
        _queries(app, db, provider_client, f"/curricula/{curriculum.id}"),
        _queries(app, db, reviewer_client, f"/review/{curriculum.id}"),
    )
    _add(db, provider.organization_id, 500, provider.id)
    large = (
        _queries(app, db, provider_client, f"/curricula/{curriculum.id}"),
        _queries(app, db, reviewer_client, f"/review/{curriculum.id}"),
    )
    assert small == large
