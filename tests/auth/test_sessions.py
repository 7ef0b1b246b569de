"""Idle and absolute session timeouts; Secure, __Host- cookies and HSTS off localhost; no-store."""

from __future__ import annotations

import pytest

import app.auth.session_policy as policy
from app.auth.models import Role
from app.security_log.models import SecurityEvent
from tests.factories import login, make_user

HTTPS = "https://mapper.example.org"


def _at(monkeypatch, seconds: float) -> None:
    monkeypatch.setattr(policy, "now", lambda: seconds)


def test_a_session_ends_after_the_idle_time(client, db, monkeypatch):
    user = make_user(Role.PEER)
    _at(monkeypatch, 1_000_000)
    login(client, user)
    _at(monkeypatch, 1_000_000 + 29 * 60)
    assert client.get("/account").status_code == 200
    _at(monkeypatch, 1_000_000 + 29 * 60 + 31 * 60)
    response = client.get("/account")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.get("/account").status_code == 302  # signed out for good
    event = db.session.scalars(db.select(SecurityEvent).order_by(SecurityEvent.id.desc())).first()
    assert (event.event, event.user_id) == ("session_expired", user.id)


def test_activity_keeps_a_session_only_up_to_the_absolute_limit(client, db, monkeypatch):
    user = make_user(Role.PEER)
    start = 2_000_000
    _at(monkeypatch, start)
    login(client, user)
    for minute in range(20, 12 * 60, 20):  # a request every 20 minutes
        _at(monkeypatch, start + minute * 60)
        assert client.get("/account").status_code == 200, minute
    _at(monkeypatch, start + 12 * 3600 + 60)
    assert client.get("/account").status_code == 302


def test_the_api_answers_401_when_the_session_has_ended(client, db, monkeypatch):
    user = make_user(Role.PEER)
    _at(monkeypatch, 3_000_000)
    login(client, user)
    _at(monkeypatch, 3_000_000 + 3600)
    response = client.get("/api/v1/ce/summary")
    assert response.status_code == 401 and response.json["error"]["status"] == 401


def test_a_session_cookie_without_a_sign_in_time_is_refused(client, db):
    """A cookie signed before the timeouts existed (or forged without them) signs no one in."""
    user = make_user(Role.PEER)
    login(client, user)
    with client.session_transaction() as data:
        data.pop(policy.AUTH_AT)
    assert client.get("/account").status_code == 302


def test_off_localhost_the_cookie_is_secure_host_prefixed_and_hsts_is_sent(app, db):
    user = make_user(Role.PEER)
    client = app.test_client()
    response = client.post(
        "/login",
        data={"email": user.email, "password": "correct horse battery staple"},
        base_url=HTTPS,
    )
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=") and "Secure" in cookie and "Path=/" in cookie
    assert "Domain" not in cookie
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert client.get("/account", base_url=HTTPS).status_code == 200


def test_plain_http_off_localhost_is_sent_to_https(client):
    response = client.get("/frameworks?x=1", base_url="http://mapper.example.org")
    assert response.status_code == 308
    assert response.headers["Location"] == "https://mapper.example.org/frameworks?x=1"
    refused = client.post("/login", data={}, base_url="http://mapper.example.org")
    assert refused.status_code == 400


def test_on_localhost_cookies_stay_plain_for_development(client, db):
    user = make_user(Role.PEER)
    response = login(client, user)
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("session=") and "Secure" not in cookie
    assert "Strict-Transport-Security" not in response.headers


@pytest.mark.parametrize(
    "path", ["/api/v1/ce/summary", "/api/v1/frameworks", "/api/v1/frameworks/core/moodle.csv"]
)
def test_json_csv_and_pages_are_never_cached(client, db, path):
    login(client, make_user(Role.PEER))
    assert client.get(path).headers["Cache-Control"] == "no-store"


def test_static_assets_may_be_cached(client):
    with client.get("/static/css/app.css") as response:
        assert "no-store" not in response.headers.get("Cache-Control", "")
