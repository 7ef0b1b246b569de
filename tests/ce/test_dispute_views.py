"""The dispute pages: staff's list and decision, the provider's withdrawal, what the peer reads."""

from __future__ import annotations

from datetime import date

from app.auth.models import Role
from app.ce import rosters
from app.ce.roster_models import ReportedCompletion
from tests.ce.factories import make_entry, make_profile
from tests.factories import login, make_user
from tests.submissions.factories import make_curriculum

CE_SYLLABUS = "---\nprogram: ce\n---\n## Boundaries and ethics (3 hours)\nLaw and ethics\n"


def _client(app, user):
    client = app.test_client()
    login(client, user)
    return client


def _disputed(app, db, peer, reason="I was not there."):
    provider = make_user(Role.PROVIDER)
    course = make_curriculum(
        provider, state="approved", program="ce", title="Boundaries CE", text=CE_SYLLABUS
    )
    posting = rosters.preview(
        db.session,
        course,
        provider,
        (
            f"certification_number,name,completed_on,hours\n"
            f"{peer.certification_number},{peer.legal_name},2026-02-10,3\n".encode(),
            "spring.csv",
        ),
        today=date(2026, 3, 1),
        upload_dir=app.config["UPLOAD_DIR"],
        max_bytes=2 * 1024 * 1024,
    )
    rosters.post(db.session, posting, provider, {2}, today=date(2026, 3, 1))
    (reported,) = posting.reported
    rosters.dispute(db.session, peer, reported.entry_id, reason)
    db.session.commit()
    return provider, reported


def test_staff_uphold_a_dispute_and_the_peer_reads_it_and_loses_the_hours(app, db):
    app.config["TODAY"] = date(2026, 3, 1)
    peer_user = make_user(Role.PEER)
    peer = make_profile(peer_user, legal_name="Zoë Martínez")
    make_entry(peer, title="Ethics for peers", start_date=date(2025, 9, 1), hours=6.0)
    provider, reported = _disputed(app, db, peer)
    peer_client = _client(app, peer_user)
    assert "CE hours (§207.3): 9 of 20" in peer_client.get("/ce").text

    staff = _client(app, make_user(Role.REVIEWER))
    home = staff.get("/").get_data(as_text=True)
    assert 'data-count="disputes">1<' in home
    assert f"/completions/disputes/{reported.id}" in home
    listing = staff.get("/completions/disputes").get_data(as_text=True)
    assert "I was not there." in listing and f"/completions/disputes/{reported.id}" in listing
    assert "Zoë Martínez" in listing
    assert "No dispute is decided yet." in staff.get("/completions/disputes?state=decided").text

    page = staff.get(f"/completions/disputes/{reported.id}")
    assert page.status_code == 200 and "Record the decision" in page.text
    # Refused: no reason. What was chosen and typed comes back.
    refused = staff.post(
        f"/completions/disputes/{reported.id}", data={"decision": "upheld", "reason": "  "}
    )
    assert refused.status_code == 422
    assert "Give the reason for the decision" in refused.text
    assert '<input checked id="decision-0"' in refused.text
    no_decision = staff.post(
        f"/completions/disputes/{reported.id}", data={"reason": "The sheet says so."}
    )
    assert no_decision.status_code == 422 and "The sheet says so." in no_decision.text
    assert "Choose whether to uphold or reject" in no_decision.text

    done = staff.post(
        f"/completions/disputes/{reported.id}",
        data={"decision": "upheld", "reason": "The sign-out sheet shows 1 hour."},
    )
    assert done.status_code == 302
    after = staff.get(done.headers["Location"]).text
    assert "The decision is recorded" in after and "Record the decision" not in after
    assert "Upheld" in after and "The sign-out sheet shows 1 hour." in after
    assert 'data-count="disputes">0<' in staff.get("/").text
    assert "No open disputes." in staff.get("/completions/disputes").text
    assert (
        "The sign-out sheet shows 1 hour." in staff.get("/completions/disputes?state=decided").text
    )
    # Decided: a second decision is refused (409), the first one stands.
    again = staff.post(
        f"/completions/disputes/{reported.id}", data={"decision": "rejected", "reason": "No."}
    )
    assert again.status_code == 409 and "already decided" in again.text
    db.session.expire_all()
    assert db.session.get(ReportedCompletion, reported.id).resolution == "upheld"

    mine = peer_client.get(f"/ce/reported/{reported.entry_id}").text
    assert "The sign-out sheet shows 1 hour." in mine and "Change my dispute" not in mine
    dashboard = peer_client.get("/ce").text
    assert "CE hours (§207.3): 6 of 20" in dashboard
    assert "withdrawn" in dashboard and "Withdrawn after the peer&#39;s dispute" in dashboard
    # The provider reads the decision on its roster.
    roster = _client(app, provider).get(f"/provider/completions/{reported.posting_id}").text
    assert "The sign-out sheet shows 1 hour." in roster


def test_the_provider_withdraws_from_its_roster_and_another_provider_gets_404(app, db):
    app.config["TODAY"] = date(2026, 3, 1)
    peer_user = make_user(Role.PEER)
    peer = make_profile(peer_user, legal_name="Ray Chen")
    provider, reported = _disputed(app, db, peer, "Wrong date.")
    client = _client(app, provider)
    roster = client.get(f"/provider/completions/{reported.posting_id}").text
    assert f"/provider/disputes/{reported.id}" in roster
    assert client.get(f"/provider/disputes/{reported.id}").status_code == 200
    stranger = _client(app, make_user(Role.PROVIDER))
    assert stranger.get(f"/provider/disputes/{reported.id}").status_code == 404
    assert (
        stranger.post(f"/provider/disputes/{reported.id}", data={"reason": "x"}).status_code == 404
    )
    assert client.post(f"/provider/disputes/{reported.id}", data={"reason": ""}).status_code == 422
    done = client.post(
        f"/provider/disputes/{reported.id}", data={"reason": "Our roster had the wrong date."}
    )
    assert done.status_code == 302
    assert "The entry is withdrawn" in client.get(done.headers["Location"]).text
    # Neither the peer nor the provider reaches the staff's decision page.
    assert _client(app, peer_user).get(f"/completions/disputes/{reported.id}").status_code == 403
    assert (
        client.post(
            f"/completions/disputes/{reported.id}", data={"decision": "rejected", "reason": "x"}
        ).status_code
        == 403
    )
    assert (
        "Our roster had the wrong date."
        in _client(app, peer_user).get(f"/ce/reported/{reported.entry_id}").text
    )
