"""The completion roster pages: preview, post, the peer's mark and dispute, staff's list."""

from __future__ import annotations

import io
from datetime import date

from sqlalchemy import select

from app.auth.models import Role
from app.ce.roster_models import ReportedCompletion
from tests.ce.factories import make_profile
from tests.factories import login, make_user
from tests.submissions.factories import make_curriculum

CE_SYLLABUS = "---\nprogram: ce\n---\n## Boundaries and ethics (3 hours)\nLaw and ethics\n"


def _client(app, user):
    client = app.test_client()
    login(client, user)
    return client


def test_a_provider_previews_posts_and_the_peer_disputes(app, db):
    app.config["TODAY"] = date(2026, 3, 1)
    provider = make_user(Role.PROVIDER)
    course = make_curriculum(
        provider, state="approved", program="ce", title="Boundaries CE", text=CE_SYLLABUS
    )
    peer_user = make_user(Role.PEER)
    peer = make_profile(peer_user, legal_name="Zoë Martínez")
    other = make_profile(legal_name="Ray Chen")
    roster = (
        "Certification Number,Name,Completion Date,Hours\n"
        f"{peer.certification_number},ZOE MARTINEZ,02/10/2026,3\n"
        f"{other.certification_number},Raymond Chen,02/10/2026,3\n"
    ).encode()
    client = _client(app, provider)
    rosters_page = client.get("/provider/rosters").get_data(as_text=True)
    assert f"/provider/courses/{course.id}/completions" in rosters_page
    assert client.get(f"/provider/courses/{course.id}/completions").status_code == 200
    empty = client.post(f"/provider/courses/{course.id}/completions", data={})
    assert empty.status_code == 422 and "Choose the roster" in empty.get_data(as_text=True)
    sent = client.post(
        f"/provider/courses/{course.id}/completions",
        data={"file": (io.BytesIO(roster), "spring.csv")},
        content_type="multipart/form-data",
    )
    assert sent.status_code == 302
    preview = client.get(sent.headers["Location"])
    page = preview.get_data(as_text=True)
    assert "Will be posted" in page and "does not match the registry" in page
    assert 'name="line" value="2"' in page and 'name="line" value="3"' not in page
    posted = client.post(sent.headers["Location"], data={"line": ["2", "3"]})
    assert posted.status_code == 302
    done = client.get(sent.headers["Location"]).get_data(as_text=True)
    assert "1 completion posted" in done and "Posted" in done

    peer_client = _client(app, peer_user)
    dashboard = peer_client.get("/ce").get_data(as_text=True)
    assert "reported by the provider" in dashboard and "Boundaries CE" in dashboard
    entry_id = db.session.scalar(select(ReportedCompletion.entry_id))
    assert f"/ce/reported/{entry_id}" in dashboard
    refused = peer_client.post(f"/ce/reported/{entry_id}", data={"reason": ""})
    assert refused.status_code == 422 and "Say what is wrong" in refused.get_data(as_text=True)
    deleted = peer_client.post(f"/ce/entries/{entry_id}/delete", follow_redirects=True)
    assert "reported by its provider" in deleted.get_data(as_text=True)
    assert db.session.scalar(select(ReportedCompletion.id)) is not None
    disputed = peer_client.post(f"/ce/reported/{entry_id}", data={"reason": "I was not there."})
    assert disputed.status_code == 302
    assert "disputed" in peer_client.get("/ce").get_data(as_text=True)

    # Another peer cannot see it; the provider and staff see the dispute.
    stranger = _client(app, make_profile(legal_name="Al Stranger").user)
    assert stranger.get(f"/ce/reported/{entry_id}").status_code == 404
    assert "I was not there." in client.get(sent.headers["Location"]).get_data(as_text=True)
    staff = _client(app, make_user(Role.REVIEWER))
    assert "I was not there." in staff.get("/completions/disputes").get_data(as_text=True)
