"""CE records reviews: reproducible draws, notification, 10 days, per-entry decisions, audit log."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from app.audit.services import events_for
from app.auth.models import Role
from app.ce.models import CEAudit, CEEntryRecord
from app.ce.rules import draw_sample
from app.dates import add_years
from app.notifications.models import OutboxEmail
from tests.ce.factories import draw, entry_row, make_profile, post_evidence
from tests.factories import login, make_user
from tests.queries import counting


def test_draw_is_reproducible_from_seed_and_population():
    population = list(range(1, 101))
    first = draw_sample(population, 42, count=10)
    assert first == draw_sample(list(reversed(population)), 42, count=10)
    assert len(draw_sample(population, 7, percent=12.5)) == 13
    assert draw_sample(population, 1, count=500) == population


def _peers(db, count, issued):
    return [make_profile(issued_on=issued, legal_name=f"Peer {n}") for n in range(count)]


def test_draw_notifies_and_logs(db):
    reviewer = make_user(Role.REVIEWER)
    today = datetime.now(UTC).date()
    issued = add_years(today, -2) + timedelta(days=30)  # renews in about 30 days
    _peers(db, 5, issued)
    audit = draw(reviewer, today, today + timedelta(days=60), method="percent", amount=40, seed=99)
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
    profile = make_profile(peer_user, issued_on=issued, legal_name="Jo")
    entry = entry_row(profile, today - timedelta(days=10))
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
    post_evidence(peer, entry.id, pdf, "ethics-certificate.pdf")
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
    assert actions == ["draw", "respond", "evidence_download", "entry_accepted"]


def test_overdue_responses_are_flagged(app, db):
    today = datetime.now(UTC).date()
    _peers(db, 1, add_years(today, -2) + timedelta(days=30))
    reviewer_user = make_user(Role.REVIEWER)
    audit = draw(
        reviewer_user, today, today + timedelta(days=60), today=today - timedelta(days=20), seed=3
    )
    assert audit.selections[0].due_on < today
    reviewer = app.test_client()
    login(reviewer, reviewer_user)
    assert "overdue" in reviewer.get(f"/ce/audits/{audit.id}").get_data(as_text=True)


def test_reviewers_see_evidence_only_of_drawn_peers(app, db):
    peer_user = make_user(Role.PEER)
    profile = make_profile(peer_user, issued_on=date(2025, 1, 1), legal_name="Jo")
    entry = entry_row(
        profile,
        date(2025, 6, 1),
        title="X",
        provider="Y",
        hours=2,
        source="other",
        law_ethics=False,
        law_ethics_topics=[],
    )
    db.session.add(entry)
    db.session.commit()
    peer = app.test_client()
    login(peer, peer_user)
    post_evidence(peer, entry.id, b"%PDF-1.4\n", "c.pdf")
    db.session.refresh(entry)
    reviewer = app.test_client()
    login(reviewer, make_user(Role.REVIEWER))
    assert reviewer.get(f"/ce/evidence/{entry.files[0].stored_name}").status_code == 404


PDF = b"%PDF-1.4\n%%EOF\n"


def _entry(profile, title, on, hours=3, law_ethics=False):
    topics = ["le-13"] if law_ethics else []
    return entry_row(
        profile, on, title=title, hours=hours, law_ethics=law_ethics, law_ethics_topics=topics
    )


def _drawn(app, db):
    """A peer with two entries in the period and one before it, drawn in a review."""
    today = datetime.now(UTC).date()
    issued = add_years(today, -2) + timedelta(days=30)
    peer_user = make_user(Role.PEER)
    profile = make_profile(peer_user, issued_on=issued, legal_name="Jo")
    inside = _entry(profile, "Ethics", today - timedelta(days=10), hours=6, law_ethics=True)
    other = _entry(profile, "Recovery", today - timedelta(days=40), hours=4)
    before = _entry(profile, "Old course", issued - timedelta(days=5), hours=9)
    db.session.add_all([inside, other, before])
    db.session.commit()
    reviewer_user = make_user(Role.REVIEWER)
    audit = draw(reviewer_user, today, today + timedelta(days=90), seed=5)
    db.session.commit()
    peer, reviewer = app.test_client(), app.test_client()
    login(peer, peer_user)
    login(reviewer, reviewer_user)
    return audit, audit.selections[0], peer, reviewer, (inside, other, before)


def _upload(peer, entry, name="proof.pdf"):
    return post_evidence(peer, entry.id, PDF, name)


def test_entries_under_review_are_frozen_and_attempts_logged(app, db):
    _audit, _selection, peer, _reviewer, (inside, _other, before) = _drawn(app, db)
    page = peer.get(f"/ce/entries/{inside.id}").get_data(as_text=True)
    assert "Part of a records review" in page and "Save the entry" not in page
    changed = peer.post(
        f"/ce/entries/{inside.id}",
        data={
            "title": "Ethics",
            "provider": "GS",
            "start_date": inside.start_date.isoformat(),
            "format": "in_person",
            "hours": "10",
            "source": "calmhsa_ce_provider",
        },
    )
    assert changed.status_code == 302
    assert peer.post(f"/ce/entries/{inside.id}/delete").status_code == 302
    db.session.expire_all()
    assert db.session.get(CEEntryRecord, inside.id).hours == 6
    actions = [e.action for e in events_for(db.session, "ce_entry", inside.id)]
    assert actions == ["change_entry_refused", "delete_entry_refused"]
    # An entry outside the period under review stays the peer's to change.
    assert peer.post(f"/ce/entries/{before.id}/delete").status_code == 302
    assert db.session.get(CEEntryRecord, before.id) is None


def test_proof_uploaded_refused_while_entries_lack_files(app, db):
    _audit, selection, peer, _reviewer, (inside, other, _before) = _drawn(app, db)
    _upload(peer, inside)
    peer.post("/ce/audit/respond")
    db.session.refresh(selection)
    assert selection.responded_at is None
    assert "Recovery" in peer.get("/ce").get_data(as_text=True)
    _upload(peer, other)
    peer.post("/ce/audit/respond")
    db.session.refresh(selection)
    assert selection.responded_at is not None


def test_rejected_proof_is_shown_to_the_peer_and_mailed(app, db):
    audit, selection, peer, reviewer, (inside, _other, _before) = _drawn(app, db)
    url = f"/ce/audits/{audit.id}/selections/{selection.id}/entries/{inside.id}"
    reviewer.post(url, data={"decision": "rejected", "note": ""})
    assert not selection.reviews  # a rejection says why
    reviewer.post(url, data={"decision": "rejected", "note": "The certificate shows no hours."})
    mail = db.session.scalar(
        db.select(OutboxEmail).where(OutboxEmail.subject.contains("not accepted"))
    )
    assert mail is not None and "The certificate shows no hours." in mail.body
    assert "The certificate shows no hours." in peer.get("/ce").get_data(as_text=True)


def test_review_page_shows_period_entries_and_totals(app, db):
    audit, _selection, _peer, reviewer, _entries = _drawn(app, db)
    page = reviewer.get(f"/ce/audits/{audit.id}").get_data(as_text=True)
    assert "Ethics" in page and "Recovery" in page and "Old course" not in page
    assert "10 of 20 hours" in page and "6 of 6" in page


def test_closing_ends_evidence_access_and_keeps_decisions(app, db):
    audit, selection, peer, reviewer, (inside, other, _before) = _drawn(app, db)
    _upload(peer, inside)
    db.session.refresh(inside)
    stored = inside.files[0].stored_name
    reviewer.get(f"/ce/evidence/{stored}").close()
    base = f"/ce/audits/{audit.id}/selections/{selection.id}"
    reviewer.post(f"{base}/entries/{inside.id}", data={"decision": "accepted", "note": ""})
    reviewer.post(f"{base}/close", data={"outcome": "compliant", "note": ""})
    db.session.refresh(selection)
    assert selection.closed_at is None  # every entry needs a decision to be compliant
    reviewer.post(f"{base}/close", data={"outcome": "not_compliant", "note": "No proof for one."})
    db.session.refresh(selection)
    assert selection.outcome == "not_compliant" and selection.closed_at is not None
    assert reviewer.get(f"/ce/evidence/{stored}").status_code == 404
    assert _upload(peer, other).status_code == 302
    db.session.refresh(other)
    assert other.files == []  # no proof after the review closed
    page = reviewer.get(f"/ce/audits/{audit.id}").get_data(as_text=True)
    assert "Not compliant" in page and "accepted" in page
    actions = [e.action for e in events_for(db.session, "ce_audit", audit.id)]
    assert actions[-1] == "close" and "evidence_download" in actions


def test_deleting_an_entry_removes_its_file(app, db):
    from pathlib import Path

    peer_user = make_user(Role.PEER)
    profile = make_profile(
        peer_user, issued_on=date(2025, 1, 1), legal_name="Jo", certification_number="MPSS777778"
    )
    entry = _entry(profile, "X", date(2025, 6, 1))
    db.session.add(entry)
    db.session.commit()
    peer = app.test_client()
    login(peer, peer_user)
    _upload(peer, entry)
    db.session.refresh(entry)
    path = Path(app.config["UPLOAD_DIR"]) / entry.files[0].stored_name
    assert path.exists()
    peer.post(f"/ce/entries/{entry.id}/delete")
    assert not path.exists()
    (event,) = [
        e for e in events_for(db.session, "ce_entry", entry.id) if e.action == "delete_entry"
    ]
    assert event.details["files"] == [path.name]


def test_review_page_queries_do_not_grow_with_the_peers_drawn(app, db):
    today = datetime.now(UTC).date()
    issued = add_years(today, -2) + timedelta(days=30)
    reviewer_user = make_user(Role.REVIEWER)
    reviewer = app.test_client()
    login(reviewer, reviewer_user)
    counts = []
    for peers in (3, 30):
        for profile in _peers(db, peers, issued):
            db.session.add(_entry(profile, "Ethics", today - timedelta(days=10), law_ethics=True))
            db.session.add(_entry(profile, "Recovery", today - timedelta(days=20)))
        db.session.commit()
        audit = draw(reviewer_user, today, today + timedelta(days=60), method="percent", amount=100)
        db.session.commit()
        db.session.expire_all()
        with counting(db.engine) as statements:
            assert reviewer.get(f"/ce/audits/{audit.id}").status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1], counts


def test_a_referred_review_puts_the_registry_record_under_investigation(app, db):
    from app.registry.models import CertificationRecord

    audit, selection, _peer, reviewer, _entries = _drawn(app, db)
    base = f"/ce/audits/{audit.id}/selections/{selection.id}"
    reviewer.post(f"{base}/close", data={"outcome": "referred", "note": "Certificates altered."})
    record = db.session.get(CertificationRecord, selection.profile.record_id)
    assert record.action == "under_investigation"
    kinds = [c.kind for c in record.changes]
    assert "audit" in kinds and "action" in kinds
    assert any("Referred" in c.to_value for c in record.changes if c.kind == "audit")
