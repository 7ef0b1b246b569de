"""A registry CSV of 20,000 rows under the size cap imports in a bounded number of queries:
the statements do not grow with the file (they did: several per row, and the worker was killed)."""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime

from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from app.audit.models import AuditEvent
from app.audit.services import verify
from app.auth.models import Role
from app.registry import services
from app.registry.models import CertificationRecord, RegistryChange
from app.registry.views import MAX_IMPORT_BYTES
from tests.ce.factories import make_profile
from tests.factories import login, make_user
from tests.queries import counting

TODAY = datetime.now(UTC).date()
HEADER = (
    "legal_name,certification_number,issued_on,expires_on,status,action,specializations,email\n"
)


def _csv(count: int, *, status: str = "active", expires: str = "2027-01-01") -> str:
    return HEADER + "".join(
        f"Person {i:05d},MPSS{700000 + i},2025-01-01,{expires},{status},none,,\n"
        for i in range(count)
    )


def _import(db, staff, text) -> tuple[tuple, int]:
    with counting(db.engine) as statements:
        result = services.import_csv(db.session, staff, text, today=TODAY)
        db.session.commit()
    return result, len(statements)


def test_queries_do_not_grow_with_the_file(app, db):
    staff = make_user(Role.ADMIN)
    small, small_queries = _import(db, staff, _csv(50))
    assert small == (50, 0, [])
    db.session.execute(RegistryChange.__table__.delete())
    db.session.execute(CertificationRecord.__table__.delete())
    db.session.commit()
    large, large_queries = _import(db, staff, _csv(3000))
    assert large == (3000, 0, [])
    assert large_queries <= small_queries + 6  # a lookup per 1,000 numbers, nothing per row
    # Again: nothing changes. Then every expiration date and status moves.
    assert _import(db, staff, _csv(3000))[0] == (0, 0, [])
    moved, moved_queries = _import(db, staff, _csv(3000, status="suspended", expires="2027-02-01"))
    assert moved == (0, 6000, [])
    assert moved_queries <= small_queries + 12
    assert db.session.scalar(select(func.count()).select_from(RegistryChange)) == 3000 * 3
    assert verify(db.session)[0] is None  # the audit chain holds every bulk-written event


def test_a_20000_row_file_under_the_cap_imports_through_the_page(app, db):
    staff = make_user(Role.ADMIN)
    text = _csv(20_000)
    assert len(text.encode()) < MAX_IMPORT_BYTES
    client = app.test_client()
    login(client, staff)
    start = time.process_time()
    # Encoded here: the test client would spool a body this large to a file it never closes.
    upload = FileStorage(
        io.BytesIO(text.encode()), filename="registry.csv", content_type="text/csv"
    )
    boundary, body = encode_multipart({"file": upload})
    with counting(db.engine) as statements:
        response = client.post(
            "/registry/import",
            data=body,
            content_type=f"multipart/form-data; boundary={boundary}",
        )
    seconds = time.process_time() - start
    page = response.get_data(as_text=True)
    assert response.status_code in (200, 302), page[page.find("<main") :][:1500]
    assert db.session.scalar(select(func.count()).select_from(CertificationRecord)) == 20_000
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) >= 20_000
    assert len(statements) < 80
    assert seconds < 20, f"{seconds:.1f} s of CPU"  # it ran for minutes, one query at a time


def test_a_claimed_record_that_moves_updates_the_profile_and_tells_the_peer(app, db):
    from app.notifications.models import OutboxEmail

    staff = make_user(Role.ADMIN)
    profile = make_profile(legal_name="Jordan Peer")
    record = db.session.get(CertificationRecord, profile.record_id)
    line = (
        f"Jordan Peer,{record.certification_number},{record.issued_on.isoformat()},"
        f"{record.expires_on.isoformat()},suspended,under investigation,,\n"
    )
    assert services.import_csv(db.session, staff, HEADER + line, today=TODAY) == (0, 1, [])
    db.session.commit()
    db.session.refresh(profile)
    assert profile.status == "suspended"
    sent = db.session.scalars(
        select(OutboxEmail).where(OutboxEmail.recipient == profile.user.email)
    )
    assert any("now: Suspended" in email.body for email in sent)
