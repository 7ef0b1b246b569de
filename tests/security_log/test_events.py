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


def test_admins_browse_filter_and_export_security_events(client, db):
    admin = make_user(Role.ADMIN)
    client.post("/login", data={"email": "=cmd|'/c calc'!A1@x.org", "password": "x" * 12})
    login(client, admin)
    page = client.get("/admin/security-events?event=login&outcome=failure").get_data(as_text=True)
    assert "=cmd|" in page and "Page 1 of 1" in page
    export = client.get("/admin/security-events.csv?event=login").get_data(as_text=True)
    assert "'=cmd|" in export  # a spreadsheet shows it as text, never runs it
    assert client.get("/admin/security-events?page=99999999999999999999").status_code == 200
