"""Password change and reset, address confirmation, and an admin disabling an account or
ending its sessions."""

from __future__ import annotations

import re
from datetime import timedelta

import app.auth.tokens as tokens_module
from app.auth.models import AccountToken, Role
from app.dbtypes import utcnow
from app.notifications.models import OutboxEmail
from app.security_log.models import SecurityEvent
from tests.factories import DEFAULT_PASSWORD, login, make_user

NEW = "another quite long passphrase"


def _last_mail(db, to: str) -> OutboxEmail:
    return db.session.scalars(
        db.select(OutboxEmail).where(OutboxEmail.recipient == to).order_by(OutboxEmail.id.desc())
    ).first()


def _reset_link(db, email: str) -> str:
    return re.search(r"http://localhost(/password/reset/[\w-]+)", _last_mail(db, email).body).group(
        1
    )


def test_change_password_needs_the_current_one_and_ends_other_sessions(app, db):
    user = make_user(Role.PEER)
    here, elsewhere = app.test_client(), app.test_client()
    login(here, user)
    elsewhere.set_cookie("session", here.get_cookie("session").value)  # a copy of the session
    assert elsewhere.get("/account").status_code == 200
    wrong = here.post(
        "/account/password", data={"current": "not it at all", "password": NEW, "confirm": NEW}
    )
    assert "current password is not right" in wrong.get_data(as_text=True)
    weak = here.post(
        "/account/password",
        data={
            "current": DEFAULT_PASSWORD,
            "password": "passwordpassword",
            "confirm": "passwordpassword",
        },
    )
    assert "Choose a harder password" in weak.get_data(as_text=True)
    done = here.post(
        "/account/password", data={"current": DEFAULT_PASSWORD, "password": NEW, "confirm": NEW}
    )
    assert done.status_code == 302
    assert here.get("/account").status_code == 200  # this browser keeps a fresh session
    assert elsewhere.get("/account").status_code == 302  # every other session ended
    assert "was changed" in _last_mail(db, user.email).body
    assert login(app.test_client(), user, NEW).status_code == 302


def test_reset_request_answers_the_same_for_unknown_addresses(client, db):
    user = make_user(Role.PEER)
    known = client.post("/password/reset", data={"email": user.email})
    unknown = client.post("/password/reset", data={"email": "nobody@example.org"})
    assert known.get_data() == unknown.get_data()
    assert _last_mail(db, "nobody@example.org") is None
    assert "/password/reset/" in _last_mail(db, user.email).body


def test_a_reset_link_works_once_and_ends_every_session(app, client, db):
    user = make_user(Role.PEER)
    signed_in = app.test_client()
    login(signed_in, user)
    client.post("/password/reset", data={"email": user.email})
    link = _reset_link(db, user.email)
    form = client.get(link).get_data(as_text=True)
    assert form.index('id="password"') < form.index('id="confirm"')  # new, then repeated
    done = client.post(link, data={"password": NEW, "confirm": NEW})
    assert done.status_code == 302
    assert client.post(link, data={"password": NEW + "x", "confirm": NEW + "x"}).status_code == 404
    assert signed_in.get("/account").status_code == 302
    assert login(app.test_client(), user, NEW).status_code == 302
    token = db.session.scalars(db.select(AccountToken)).one()
    assert token.used_at is not None and link.rsplit("/", 1)[1] not in token.token_hash


def test_a_reset_link_expires_after_an_hour(client, db, monkeypatch):
    user = make_user(Role.PEER)
    client.post("/password/reset", data={"email": user.email})
    link = _reset_link(db, user.email)
    later = utcnow() + timedelta(minutes=61)
    monkeypatch.setattr(tokens_module, "utcnow", lambda: later)
    assert client.get(link).status_code == 404
    assert client.post(link, data={"password": NEW, "confirm": NEW}).status_code == 404
    assert login(client, user, DEFAULT_PASSWORD).status_code == 302


def test_a_newer_reset_link_replaces_the_older_one(client, db):
    user = make_user(Role.PEER)
    client.post("/password/reset", data={"email": user.email})
    first = _reset_link(db, user.email)
    client.post("/password/reset", data={"email": user.email})
    assert client.get(first).status_code == 404
    assert client.get(_reset_link(db, user.email)).status_code == 200


def test_a_reset_ends_the_account_wide_sign_in_lock(app, client, db):
    app.config["LOGIN_ACCOUNT_MAX_ATTEMPTS"] = 3
    user = make_user(Role.PEER)
    for n in range(3):
        client.post(
            "/login",
            data={"email": user.email, "password": "wrong-password-1"},
            environ_base={"REMOTE_ADDR": f"203.0.113.{n}"},
        )
    assert login(client, user).status_code == 401
    client.post("/password/reset", data={"email": user.email})
    client.post(_reset_link(db, user.email), data={"password": NEW, "confirm": NEW})
    assert login(client, user, NEW).status_code == 302


def test_admin_disables_an_account_and_its_sessions_end(app, client, db):
    admin, peer = make_user(Role.ADMIN), make_user(Role.PEER)
    peer_client = app.test_client()
    login(peer_client, peer)
    login(client, admin)
    assert client.post(f"/admin/users/{peer.id}/disable").status_code == 302
    assert peer_client.get("/account").status_code == 302
    assert login(app.test_client(), peer).status_code == 401
    assert client.post(f"/admin/users/{peer.id}/enable").status_code == 302
    assert login(app.test_client(), peer).status_code == 302
    events = [
        e.event
        for e in db.session.scalars(
            db.select(SecurityEvent).where(SecurityEvent.user_id == peer.id)
        )
    ]
    assert "account_disable" in events and "account_enable" in events


def test_admin_ends_an_accounts_sessions(app, client, db):
    admin, peer = make_user(Role.ADMIN), make_user(Role.PEER)
    peer_client = app.test_client()
    login(peer_client, peer)
    login(client, admin)
    client.post(f"/admin/users/{peer.id}/sessions/end")
    assert peer_client.get("/account").status_code == 302
    assert login(peer_client, peer).status_code == 302  # the password still works


def test_an_admin_cannot_disable_themselves(client, db):
    admin = make_user(Role.ADMIN)
    login(client, admin)
    client.post(f"/admin/users/{admin.id}/disable")
    db.session.refresh(admin)
    assert admin.active is True
    assert client.get("/account").status_code == 200


def test_a_verification_link_expires(client, db, monkeypatch):
    client.post(
        "/register/peer",
        data={"name": "Vi", "email": "vi@example.org", "password": NEW, "confirm": NEW},
    )
    link = re.search(r"http://localhost(/verify/[\w-]+)", _last_mail(db, "vi@example.org").body)
    later = utcnow() + timedelta(days=3)
    monkeypatch.setattr(tokens_module, "utcnow", lambda: later)
    assert client.get(link.group(1)).status_code == 404
