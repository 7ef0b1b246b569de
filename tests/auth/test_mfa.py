"""TOTP second factor: enrolment, sign-in with a code or a one-time recovery code, required for
reviewers and admins, re-authentication before sensitive actions."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pyotp
import pytest

import app.auth.session_policy as session_policy
from app.auth import mfa
from app.auth.models import RecoveryCode, Role, TotpCredential
from app.security_log.models import SecurityEvent
from tests.factories import DEFAULT_PASSWORD, login, make_user

# The instant the app's code checks read: 15 s into a 30-second step, so a slow or loaded machine
# never carries a test's code into the next step between making it and checking it.
NOW = 1_800_000_015.0


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setattr(mfa, "time", SimpleNamespace(time=lambda: NOW))


def _enroll(db, user) -> tuple[str, list[str]]:
    """Enrol ``user`` directly; returns the secret and the recovery codes."""
    secret = mfa.new_secret()
    code = pyotp.TOTP(secret).at(NOW - 30)  # leaves the current step for the sign-in
    return secret, mfa.enroll(db.session, user, secret, code)


def _code(secret: str) -> str:
    return pyotp.TOTP(secret).at(NOW)


def test_enrolment_through_the_pages(client, db):
    user = make_user(Role.PROVIDER)
    login(client, user)
    page = client.get("/account/mfa/setup").get_data(as_text=True)
    assert "<svg" in page and "QR code to scan" in page
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    wrong = client.post("/account/mfa/setup", data={"code": "000000"})
    assert "does not match" in wrong.get_data(as_text=True)
    done = client.post("/account/mfa/setup", data={"code": _code(secret)})
    codes = re.findall(r"<code>([0-9a-f]{5}-[0-9a-f]{5})</code>", done.get_data(as_text=True))
    assert len(codes) == 10
    stored = db.session.scalars(db.select(RecoveryCode.code_hash)).all()
    assert len(stored) == 10 and not set(codes) & set(stored)  # only hashes are kept
    assert db.session.get(TotpCredential, user.id).secret == secret


def test_sign_in_asks_for_the_code_after_the_password(client, db):
    user = make_user(Role.PEER)
    secret, _ = _enroll(db, user)
    first = login(client, user)
    assert first.headers["Location"].startswith("/login/code")
    assert client.get("/account").status_code == 302  # not signed in yet
    assert client.post("/login/code", data={"code": "123456"}).status_code == 401
    done = client.post("/login/code", data={"code": _code(secret)})
    assert done.status_code == 302
    assert client.get("/account").status_code == 200


def test_a_code_cannot_be_used_twice(app, db):
    user = make_user(Role.PEER)
    secret, _ = _enroll(db, user)
    code = _code(secret)
    first, second = app.test_client(), app.test_client()
    login(first, user)
    assert first.post("/login/code", data={"code": code}).status_code == 302
    login(second, user)
    assert second.post("/login/code", data={"code": code}).status_code == 401


def test_a_recovery_code_works_once(app, db):
    user = make_user(Role.PEER)
    _, codes = _enroll(db, user)
    client = app.test_client()
    login(client, user)
    assert client.post("/login/code", data={"code": codes[0].upper()}).status_code == 302
    again = app.test_client()
    login(again, user)
    assert again.post("/login/code", data={"code": codes[0]}).status_code == 401
    assert mfa.remaining_recovery_codes(db.session, user) == 9


def test_five_wrong_codes_lock_the_second_factor(client, db):
    user = make_user(Role.PEER)
    secret, _ = _enroll(db, user)
    login(client, user)
    for _ in range(5):
        client.post("/login/code", data={"code": "000000"})
    assert client.post("/login/code", data={"code": _code(secret)}).status_code == 401
    outcomes = [
        e.outcome
        for e in db.session.scalars(db.select(SecurityEvent).where(SecurityEvent.event == "mfa"))
    ]
    assert outcomes == ["failure"] * 5 + ["locked"]


def test_the_code_step_expires(client, db, monkeypatch):
    user = make_user(Role.PEER)
    secret, _ = _enroll(db, user)
    login(client, user)
    later = session_policy.now() + 301
    monkeypatch.setattr("app.auth.mfa_views.now", lambda: later)
    response = client.post("/login/code", data={"code": _code(secret)})
    assert response.headers["Location"] == "/login"


def test_reviewers_must_set_up_a_second_factor(app, client, db):
    app.config["MFA_REQUIRED_ROLES"] = ("reviewer", "admin")
    reviewer = make_user(Role.REVIEWER)
    login(client, reviewer)
    response = client.get("/review")
    assert response.status_code == 302 and response.headers["Location"] == "/account/mfa/setup"
    assert client.get("/api/v1/submissions/1").status_code == 403
    page = client.get("/account/mfa/setup").get_data(as_text=True)
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    client.post("/account/mfa/setup", data={"code": _code(secret)})
    assert client.get("/review").status_code == 200
    removed = client.post("/account/mfa/remove")
    assert removed.status_code == 302
    assert db.session.get(TotpCredential, reviewer.id) is not None  # required: not removed


def test_peers_may_remove_their_second_factor(client, db):
    user = make_user(Role.PEER)
    secret, _ = _enroll(db, user)
    login(client, user)
    client.post("/login/code", data={"code": _code(secret)})
    client.post("/account/mfa/remove")
    assert db.session.get(TotpCredential, user.id) is None


@pytest.mark.parametrize("path", ["/admin/invite", "/account/mfa/setup"])
def test_sensitive_pages_ask_to_confirm_the_password_after_a_while(client, db, monkeypatch, path):
    admin = make_user(Role.ADMIN)
    start = 5_000_000
    monkeypatch.setattr(session_policy, "now", lambda: start)
    monkeypatch.setattr("app.auth.reauth.now", lambda: start)
    login(client, admin)
    assert client.get(path).status_code == 200  # just signed in
    monkeypatch.setattr(session_policy, "now", lambda: start + 11 * 60)
    monkeypatch.setattr("app.auth.reauth.now", lambda: start + 11 * 60)
    stale = client.get(path)
    assert stale.status_code == 302 and stale.headers["Location"].startswith("/account/confirm")
    wrong = client.post(stale.headers["Location"], data={"password": "not the password"})
    assert "not right" in wrong.get_data(as_text=True)
    confirmed = client.post(stale.headers["Location"], data={"password": DEFAULT_PASSWORD})
    assert confirmed.headers["Location"] == path
    assert client.get(path).status_code == 200


def test_confirming_needs_the_code_when_the_account_has_one(client, db, monkeypatch):
    user = make_user(Role.PEER)
    secret, _ = _enroll(db, user)
    login(client, user)
    client.post("/login/code", data={"code": _code(secret)})
    refused = client.post("/account/confirm", data={"password": DEFAULT_PASSWORD, "code": "000000"})
    assert "not right" in refused.get_data(as_text=True)


def test_a_password_reset_does_not_bypass_the_second_factor(client, db):
    user = make_user(Role.PEER)
    secret, _ = _enroll(db, user)
    client.post("/password/reset", data={"email": user.email})
    from app.notifications.models import OutboxEmail

    body = db.session.scalars(db.select(OutboxEmail).order_by(OutboxEmail.id.desc())).first().body
    link = re.search(r"http://localhost(/password/reset/[\w-]+)", body).group(1)
    new = "a brand new passphrase here"
    refused = client.post(link, data={"password": new, "confirm": new, "code": "000000"})
    assert refused.status_code == 200 and "authenticator" in refused.get_data(as_text=True)
    done = client.post(link, data={"password": new, "confirm": new, "code": _code(secret)})
    assert done.status_code == 302


def test_the_owner_passes_an_account_wide_lock_with_the_second_factor(app, client, db):
    app.config["LOGIN_ACCOUNT_MAX_ATTEMPTS"] = 3
    user = make_user(Role.PEER)
    secret, _ = _enroll(db, user)
    for n in range(3):
        client.post(
            "/login",
            data={"email": user.email, "password": "wrong-password-1"},
            environ_base={"REMOTE_ADDR": f"203.0.113.{n}"},
        )
    assert login(client, user).headers["Location"].startswith("/login/code")
    assert client.post("/login/code", data={"code": _code(secret)}).status_code == 302


def test_the_password_alone_neither_ends_the_owners_sessions_nor_locks_out_recovery(app, db):
    """Someone who has only the password: signing in with it leaves the owner's session alone,
    and five wrong codes lock the app's codes, not the owner's recovery codes."""
    user = make_user(Role.PEER)
    secret, codes = _enroll(db, user)
    owner = app.test_client()
    login(owner, user)
    assert owner.post("/login/code", data={"code": _code(secret)}).status_code == 302
    assert owner.get("/account").status_code == 200
    attacker = app.test_client()
    assert login(attacker, user).headers["Location"].startswith("/login/code")
    assert owner.get("/account").status_code == 200  # still signed in
    for _ in range(6):
        assert attacker.post("/login/code", data={"code": "000000"}).status_code == 401
    assert owner.get("/account").status_code == 200
    later = app.test_client()
    login(later, user)
    # The app's codes are locked for now, but a recovery code still lets the owner in ...
    assert later.post("/login/code", data={"code": codes[0]}).status_code == 302
    assert later.get("/account").status_code == 200
    # ... and that full sign-in is what ends the other sessions.
    assert owner.get("/account").status_code == 302
