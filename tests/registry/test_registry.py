"""The registry: staff keep records, peers claim theirs by code, changes are dated, the public
searches what §500.2 lists, CE audits sample from it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import insert

from app.audit.services import events_for
from app.auth.models import Role
from app.ce import services as ce
from app.ce.models import PeerProfile
from app.errors import DomainError
from app.notifications.models import OutboxEmail
from app.registry import services
from app.registry.models import CertificationRecord
from app.registry.rules import read_registry_csv
from tests.ce.factories import draw, make_profile
from tests.factories import login, make_user, without_tokens
from tests.queries import counting
from tests.registry.factories import make_record

TODAY = datetime.now(UTC).date()


def _record(db, number="MPSS200001", email="holder@example.org", issued=date(2025, 1, 15)):
    return make_record(certification_number=number, today=TODAY, issued_on=issued, email=email)


@pytest.mark.parametrize(
    ("number", "issued", "says"),
    [
        ("ABC1", date(2025, 1, 1), "MPSS followed by digits"),
        ("MPSS1234", date(2999, 1, 1), "future"),
    ],
)
def test_create_refuses_bad_facts(db, number, issued, says):
    with pytest.raises(DomainError, match=says):
        services.create_record(
            db.session,
            None,
            legal_name="A",
            certification_number=number,
            issued_on=issued,
            expires_on=date(3001, 1, 1),
            today=TODAY,
        )


def test_claim_by_code_once_and_generic_refusals(app, db):
    record = _record(db)
    code = services.send_claim_code(db.session, None, record)
    mail = db.session.scalar(db.select(OutboxEmail).where(OutboxEmail.category == "registry"))
    assert mail.recipient == "holder@example.org" and code in mail.body
    db.session.commit()
    # A stranger's account typed the number earlier: the registry, not the first typist, decides.
    squatter = make_user(Role.PEER)
    make_profile(
        squatter, issued_on=date(2025, 1, 1), legal_name="X", certification_number="MPSS999001"
    )
    db.session.execute(
        db.update(PeerProfile)
        .where(PeerProfile.user_id == squatter.id)
        .values(certification_number="MPSS200001", record_id=None)
    )
    db.session.commit()
    peer_user = make_user(Role.PEER)
    peer = app.test_client()
    login(peer, peer_user)
    wrong = peer.post("/ce/profile", data={"code": "MPSS200001"})
    unknown = peer.post("/ce/profile", data={"code": "MPSS299999"})
    assert wrong.status_code == unknown.status_code == 422

    # The answer for a number in the registry is the answer for one that is not.
    def page(response, number):
        return without_tokens(response.get_data(as_text=True).replace(number, "N"))

    assert page(wrong, "MPSS200001") == page(unknown, "MPSS299999")
    assert peer.post("/ce/profile", data={"code": code.lower()}).status_code == 302
    profile = ce.profile_of(db.session, peer_user)
    assert profile.certification_number == "MPSS200001" and profile.record_id == record.id
    assert ce.profile_of(db.session, squatter).certification_number.startswith("UNLINKED")
    again = app.test_client()
    login(again, make_user(Role.PEER))
    used = again.post("/ce/profile", data={"code": code})
    assert used.status_code == 422 and "not valid or has expired" in used.get_data(as_text=True)


def test_status_change_is_dated_audited_synced_and_late_ones_flagged(app, db):
    record = _record(db)
    peer_user = make_user(Role.PEER)
    services.claim(db.session, peer_user, services.send_claim_code(db.session, None, record))
    staff = make_user(Role.REVIEWER)
    services.change_status(
        db.session,
        staff,
        record,
        status="suspended",
        action="suspended",
        effective_on=TODAY - timedelta(days=5),
        reason="Sanction F4",
        today=TODAY,
    )
    db.session.commit()
    assert ce.profile_of(db.session, peer_user).status == "suspended"
    actions = [e.action for e in events_for(db.session, "certification_record", record.id)]
    assert "status" in actions and "action" in actions
    late = services.late_changes(record)
    assert late and all(hours > 40 for hours in late.values())
    client = app.test_client()
    login(client, staff)
    page = client.get(f"/registry/records/{record.id}").get_data(as_text=True)
    assert "after the 72 hours" in page and "Sanction F4" in page
    with pytest.raises(DomainError, match="future"):
        services.change_status(
            db.session,
            staff,
            record,
            status="active",
            action="none",
            effective_on=TODAY + timedelta(days=1),
            reason="x",
            today=TODAY,
        )


def test_csv_import_all_or_nothing_and_idempotent(app, db):
    text = (
        "legal_name,certification_number,issued_on,expires_on,status,action,specializations,email\n"
        "Sam Lee,MPSS300001,03/15/2025,03/15/2027,active,none,crisis,sam@example.org\n"
        "Kim Park,MPSS300002,2024-06-01,2026-06-01,suspended,under investigation,,\n"
    )
    staff = make_user(Role.ADMIN)
    assert services.import_csv(db.session, staff, text, today=TODAY) == (2, 0, [])
    kim = services.search(db.session, "MPSS300002", 1, public=False).items[0]
    assert (kim.status, kim.action) == ("suspended", "under_investigation")
    assert services.import_csv(db.session, staff, text, today=TODAY) == (0, 0, [])
    moved = text.replace("2026-06-01", "2026-07-01")
    assert services.import_csv(db.session, staff, moved, today=TODAY) == (0, 1, [])
    _rows, errors = read_registry_csv(text.replace("03/15/2025", "02/30/2025"), TODAY)
    assert errors and errors[0].startswith("line 2, issued_on")
    client = app.test_client()
    login(client, staff)
    bad = text.replace("MPSS300002", "X2")
    import io

    response = client.post(
        "/registry/import",
        data={"file": (io.BytesIO(bad.encode()), "r.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422 and "line 3" in response.get_data(as_text=True)


def _bulk(db, count, start=0):
    now = datetime.now(UTC)
    db.session.execute(
        insert(CertificationRecord),
        [
            {
                "legal_name": f"Person {start + i:05d}",
                "certification_number": f"MPSS{500000 + start + i}",
                "issued_on": date(2025, 1, 1),
                "expires_on": date(2027, 1, 1),
                "status": "active",
                "action": "none",
                "specializations": [],
                "email": f"p{start + i}@example.org",
                "created_at": now,
                "updated_at": now,
            }
            for i in range(count)
        ],
    )
    db.session.commit()


def test_public_search_shows_only_500_2_paginated_constant_queries(app, db, client):
    _bulk(db, 30)
    page = client.get("/registry?q=person").get_data(as_text=True)
    assert "30 record(s)" in page and "Page 1 of 2" in page and "Person 00024" in page
    assert "@example.org" not in page
    assert "Person 00025" in client.get("/registry?q=person&page=2").get_data(as_text=True)
    assert "MPSS500007" in client.get("/registry?q=mpss 500007").get_data(as_text=True)
    with counting(db.engine) as few:
        client.get("/registry?q=person")
    _bulk(db, 2000, start=30)
    with counting(db.engine) as many:
        assert "Page 1 of 82" in client.get("/registry?q=person").get_data(as_text=True)
    assert len(many) == len(few)


@pytest.mark.parametrize("q", ["%%", "__", "\\\\", "%_", "_erson"])
def test_public_search_takes_like_wildcards_literally(app, db, client, q):
    _bulk(db, 5)
    page = client.get("/registry", query_string={"q": q}).get_data(as_text=True)
    assert "Person 0000" not in page  # no name holds these characters: nothing is listed


def test_public_search_reads_punctuation_as_a_word_break_not_a_wildcard(app, db, client):
    _bulk(db, 5)
    plain = client.get("/registry", query_string={"q": "Person"}).get_data(as_text=True)
    marked = client.get("/registry", query_string={"q": "Person%"}).get_data(as_text=True)
    assert plain.count("Person 0000") == marked.count("Person 0000") == 5


def test_public_search_finds_names_with_wildcard_characters(app, db, client):
    _bulk(db, 3)
    db.session.add(
        CertificationRecord(
            legal_name="Ana 100%_Real",
            certification_number="MPSS600001",
            issued_on=date(2025, 1, 1),
            expires_on=date(2027, 1, 1),
            status="active",
            action="none",
            specializations=[],
        )
    )
    db.session.commit()
    page = client.get("/registry", query_string={"q": "100%_"}).get_data(as_text=True)
    assert "Ana 100%_Real" in page and "1 record(s)" in page and "Person 0000" not in page


def test_public_search_is_rate_limited(app, db, client):
    app.config["RATE_LIMITS_GET"] = {"registry.search": (3, 60)}
    statuses = [client.get("/registry?q=ab").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_audits_sample_the_registry_not_self_declared_status(db):
    issued = date(TODAY.year - 2, TODAY.month, 1) + timedelta(days=40)
    users = [make_user(Role.PEER) for _ in range(3)]
    for n, user in enumerate(users):
        make_profile(
            user, issued_on=issued, legal_name=f"P{n}", certification_number=f"MPSS70000{n}"
        )
    suspended = services.search(db.session, "MPSS700001", 1, public=False).items[0]
    services.change_status(
        db.session,
        None,
        suspended,
        status="suspended",
        action="suspended",
        effective_on=TODAY,
        reason="x",
        today=TODAY,
    )
    unlinked = ce.profile_of(db.session, users[2])
    unlinked.record_id = None
    db.session.commit()
    reviewer = make_user(Role.REVIEWER)
    window = (TODAY - timedelta(days=400), TODAY + timedelta(days=400))
    audit = draw(reviewer, *window, today=TODAY, method="percent", amount=100)
    assert audit.population == [ce.profile_of(db.session, users[0]).id]


def test_sanction_requirement_on_the_record_shows_on_the_peer_dashboard(app, db):
    record = _record(db, issued=TODAY - timedelta(days=200))
    peer_user = make_user(Role.PEER)
    services.claim(db.session, peer_user, services.send_claim_code(db.session, None, record))
    db.session.commit()
    staff = make_user(Role.REVIEWER)
    client = app.test_client()
    login(client, staff)
    client.post(
        f"/registry/records/{record.id}/requirements",
        data={"sanction": "CS6", "imposed_on": (TODAY - timedelta(days=10)).isoformat()},
    )
    assert "App. F (F4, F5)" in client.get(f"/registry/records/{record.id}").get_data(as_text=True)
    peer = app.test_client()
    login(peer, peer_user)
    page = peer.get("/ce").get_data(as_text=True)
    assert "CE required by a sanction" in page and "cultural sensitivity 0 of 6 h" in page


def test_registry_csv_errors_name_line_and_column():
    header = "legal_name,certification_number,issued_on,expires_on,status,action,specializations\n"
    assert "missing column(s)" in read_registry_csv("legal_name\nA\n", TODAY)[1][0]
    text = header + "\n".join(
        [
            ",MPSS100001,2025-01-01,2027-01-01,active,none,",
            "",
            "B,MPSS100002,2025-01-01,2024-01-01,dormant,sleeping,knitting",
            "C,MPSS100002,2025-01-01,2027-01-01,,,",
        ]
    )
    rows, errors = read_registry_csv(text, TODAY)
    assert rows == []
    assert errors == [
        "line 2: the legal name is required",
        "line 4: the expiration date is not after the active date",
        "line 4, status: one of active, suspended, revoked, expired",
        "line 4, action: one of none, under_investigation, suspended, revoked",
        "line 4, specializations: unknown knitting",
        "line 5: MPSS100002 is also on line 4",
    ]
