"""Refusals and downloads are security events, logged for every route in one place."""

from __future__ import annotations

from app.auth.models import Role
from app.security_log.models import SecurityEvent
from tests.factories import login, make_user


def _events(db):
    return db.session.scalars(db.select(SecurityEvent).order_by(SecurityEvent.id)).all()


def test_a_403_is_logged_with_the_user_and_path(client, db):
    peer = make_user(Role.PEER)
    login(client, peer)
    assert client.get("/admin").status_code == 403
    denied = _events(db)[-1]
    assert (denied.event, denied.outcome, denied.user_id) == ("access", "denied", peer.id)
    assert denied.path == "/admin" and denied.details["endpoint"] == "auth.admin"


def test_a_download_is_logged(client, db):
    make_user(Role.PEER)
    response = client.get("/api/v1/frameworks/core/moodle.csv")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    download = _events(db)[-1]
    assert (download.event, download.outcome, download.user_id) == ("download", "success", None)
    assert download.path == "/api/v1/frameworks/core/moodle.csv"


def test_ordinary_pages_are_not_logged(client, db):
    client.get("/frameworks")
    assert _events(db) == []
