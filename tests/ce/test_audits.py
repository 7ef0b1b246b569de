"""CE records reviews: reproducible draws, notification, 10 days, per-entry decisions, audit log."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

from app.audit.services import events_for
from app.auth.models import Role
from app.ce import services
from app.ce.models import CEAudit, CEEntryRecord
from app.ce.rules import draw_sample
from app.dates import add_years
from app.notifications.models import OutboxEmail
from app.policy import DEFAULT_POLICY
from tests.factories import login, make_user


def test_draw_is_reproducible_from_seed_and_population():
    population = list(range(1, 101))
    first = draw_sample(population, 42, count=10)
    assert first == draw_sample(list(reversed(population)), 42, count=10)
    assert len(draw_sample(population, 7, percent=12.5)) == 13
    assert draw_sample(population, 1, count=500) == population


def _peers(db, count, issued):
    peers = []
    for n in range(count):
        user = make_user(Role.PEER)
        peers.append(
            services.save_profile(
                db.session,
                user,
                legal_name=f"Peer {n}",
                certification_number=f"MPSS{100000 + n}",
                issued_on=issued,
                status="active",
                specializations=[],
            )
        )
    return peers


def test_draw_notifies_and_logs(db):
    reviewer = make_user(Role.REVIEWER)
    today = datetime.now(UTC).date()
    issued = add_years(today, -2) + timedelta(days=30)  # renews in about 30 days
    _peers(db, 5, issued)
    audit = services.draw_audit(
        db.session,
        reviewer,
        DEFAULT_POLICY,
        window_start=today,
        window_end=today + timedelta(days=60),
        method="percent",
        amount=40,
        seed=99,
        today=today,
    )
    assert len(audit.population) == 5 and len(audit.selected) == 2
    assert audit.selected == draw_sample(audit.population, audit.seed, percent=40)
    assert all(s.due_on == today + timedelta(days=10) for s in audit.selections)
    assert (
        db.session.scalar(
            db.select(db.func.count())
            .select_from(OutboxEmail)
            .where(OutboxEmail.category == "audit")
        )
        == 2
    )
    (event,) = events_for(db.session, "ce_audit", audit.id)
    assert event.details["seed"] == 99


def test_peer_uploads_proof_and_reviewer_accepts(app, db):
    today = datetime.now(UTC).date()
    issued = add_years(today, -2) + timedelta(days=30)
    peer_user = make_user(Role.PEER)
    profile = services.save_profile(
        db.session,
        peer_user,
        legal_name="Jo",
        certification_number="MPSS555555",
        issued_on=issued,
        status="active",
        specializations=[],
    )
    entry = CEEntryRecord(
        profile_id=profile.id,
        title="Ethics",
        provider="GS",
        start_date=today - timedelta(days=10),
        end_date=None,
        format="in_person",
        hours=6,
        units=None,
        source="calmhsa_ce_provider",
        law_ethics=True,
        law_ethics_topics=["le-13"],
        evidence=[],
    )
    db.session.add(entry)
    db.session.commit()
    reviewer_user = make_user(Role.REVIEWER)
    reviewer = app.test_client()
    login(reviewer, reviewer_user)
    window = {
        "window_start": today.isoformat(),
        "window_end": (today + timedelta(days=90)).isoformat(),
        "method": "count",
        "amount": "1",
        "seed": "5",
    }
    assert reviewer.post("/ce/audits", data=window).status_code == 302
    audit = db.session.scalar(db.select(CEAudit))

    peer = app.test_client()
    login(peer, peer_user)
    assert "selected for review" in peer.get("/ce").get_data(as_text=True)
    pdf = b"%PDF-1.4\n%%EOF\n"
    peer.post(
        f"/ce/entries/{entry.id}/evidence",
        data={"file": (io.BytesIO(pdf), "ethics-certificate.pdf")},
        content_type="multipart/form-data",
    )
    peer.post("/ce/audit/respond")

    page = reviewer.get(f"/ce/audits/{audit.id}").get_data(as_text=True)
    assert "ethics-certificate.pdf" in page and "proof uploaded" in page
    selection = audit.selections[0]
    db.session.refresh(entry)
    stored = entry.files[0].stored_name
    download = reviewer.get(f"/ce/evidence/{stored}")
    assert download.data == pdf and "attachment" in download.headers["Content-Disposition"]
    download.close()
    reviewer.post(
        f"/ce/audits/{audit.id}/selections/{selection.id}/entries/{entry.id}",
        data={"decision": "accepted", "note": "Certificate matches."},
    )
    assert "accepted" in reviewer.get(f"/ce/audits/{audit.id}").get_data(as_text=True)
    actions = [e.action for e in events_for(db.session, "ce_audit", audit.id)]
    assert actions == ["draw", "respond", "entry_accepted"]


def test_overdue_responses_are_flagged(app, db):
    today = datetime.now(UTC).date()
    _peers(db, 1, add_years(today, -2) + timedelta(days=30))
    reviewer_user = make_user(Role.REVIEWER)
    audit = services.draw_audit(
        db.session,
        reviewer_user,
        DEFAULT_POLICY,
        window_start=today,
        window_end=today + timedelta(days=60),
        method="count",
        amount=1,
        seed=3,
        today=today - timedelta(days=20),
    )
    assert audit.selections[0].due_on < today
    reviewer = app.test_client()
    login(reviewer, reviewer_user)
    assert "overdue" in reviewer.get(f"/ce/audits/{audit.id}").get_data(as_text=True)


def test_reviewers_see_evidence_only_of_drawn_peers(app, db):
    peer_user = make_user(Role.PEER)
    profile = services.save_profile(
        db.session,
        peer_user,
        legal_name="Jo",
        certification_number="MPSS777777",
        issued_on=date(2025, 1, 1),
        status="active",
        specializations=[],
    )
    entry = CEEntryRecord(
        profile_id=profile.id,
        title="X",
        provider="Y",
        start_date=date(2025, 6, 1),
        end_date=None,
        format="in_person",
        hours=2,
        units=None,
        source="other",
        law_ethics=False,
        law_ethics_topics=[],
        evidence=[],
    )
    db.session.add(entry)
    db.session.commit()
    peer = app.test_client()
    login(peer, peer_user)
    peer.post(
        f"/ce/entries/{entry.id}/evidence",
        data={"file": (io.BytesIO(b"%PDF-1.4\n"), "c.pdf")},
        content_type="multipart/form-data",
    )
    db.session.refresh(entry)
    reviewer = app.test_client()
    login(reviewer, make_user(Role.REVIEWER))
    assert reviewer.get(f"/ce/evidence/{entry.files[0].stored_name}").status_code == 404
