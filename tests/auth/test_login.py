"""Signing in and out: argon2, identical failures, per-account limit in the database, session rotation."""

from __future__ import annotations

from flask import Flask

from app import create_app
from app.auth.models import Role
from app.extensions import db as _db
from app.security_log.models import SecurityEvent
from tests.factories import DEFAULT_PASSWORD, login, make_user


def test_passwords_are_argon2(db):
    user = make_user(Role.PEER)
    assert user.password_hash.startswith("$argon2id$")


def test_login_and_logout_rotate_the_session(client, db):
    user = make_user(Role.PEER)
    token_before = user.session_token
    response = login(client, user)
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.session_token != token_before
    assert client.get("/account").status_code == 200
    stolen_cookie = client.get_cookie("session").value

    client.post("/logout")
    assert client.get("/account").status_code == 302  # back to the sign-in page

    replay = client.application.test_client()
    replay.set_cookie("session", stolen_cookie)
    assert replay.get("/account").status_code == 302  # the old cookie no longer signs anyone in


def test_unknown_user_and_wrong_password_get_the_same_answer(client, db):
    user = make_user(Role.PEER)
    unknown = client.post(
        "/login", data={"email": "nobody@example.org", "password": "whatever-password"}
    )
    wrong = client.post("/login", data={"email": user.email, "password": "wrong-password-123"})
    assert unknown.status_code == wrong.status_code == 401
    # The pages differ only in the address typed, which the form shows back.
    assert unknown.get_data(as_text=True).replace("nobody@example.org", "X") == wrong.get_data(
        as_text=True
    ).replace(user.email, "X")


def test_account_locks_after_too_many_failures_even_with_the_right_password(client, db, app):
    user = make_user(Role.PEER)
    for _ in range(app.config["LOGIN_MAX_ATTEMPTS"]):
        assert (
            client.post(
                "/login", data={"email": user.email, "password": "wrong-password-123"}
            ).status_code
            == 401
        )
    assert login(client, user).status_code == 401
    outcomes = [e.outcome for e in db.session.scalars(db.select(SecurityEvent))]
    assert outcomes == ["failure"] * (app.config["LOGIN_MAX_ATTEMPTS"] - 1) + ["locked", "locked"]


def test_the_counter_holds_across_processes(tmp_path):
    """Two app instances (as two workers) on one database share the attempt counter."""
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    apps: list[Flask] = [
        create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "x",
                "SQLALCHEMY_DATABASE_URI": url,
                "WTF_CSRF_ENABLED": False,
                "LOGIN_MAX_ATTEMPTS": 4,
                "ARGON2_TIME_COST": 1,
                "ARGON2_MEMORY_COST": 1024,
            }
        )
        for _ in range(2)
    ]
    with apps[0].app_context():
        _db.create_all()
        user = make_user(Role.PEER)
        email = user.email
    for attempt in range(4):
        apps[attempt % 2].test_client().post(
            "/login", data={"email": email, "password": "wrong-password-123"}
        )
    answer = (
        apps[1].test_client().post("/login", data={"email": email, "password": DEFAULT_PASSWORD})
    )
    for app in apps:
        with app.app_context():
            _db.engine.dispose()
    assert answer.status_code == 401


def test_success_resets_the_counter(client, db, app):
    user = make_user(Role.PEER)
    for _ in range(app.config["LOGIN_MAX_ATTEMPTS"] - 1):
        client.post("/login", data={"email": user.email, "password": "wrong-password-123"})
    assert login(client, user, DEFAULT_PASSWORD).status_code == 302
    client.post("/logout")
    for _ in range(app.config["LOGIN_MAX_ATTEMPTS"] - 1):
        client.post("/login", data={"email": user.email, "password": "wrong-password-123"})
    assert login(client, user, DEFAULT_PASSWORD).status_code == 302


def test_next_parameter_cannot_redirect_off_site(client, db):
    user = make_user(Role.PEER)
    response = client.post(
        "/login?next=https://evil.example/",
        data={"email": user.email, "password": DEFAULT_PASSWORD},
    )
    assert "evil.example" not in response.headers["Location"]
    client.post("/logout")
    response = client.post(
        "/login?next=/frameworks", data={"email": user.email, "password": DEFAULT_PASSWORD}
    )
    assert response.headers["Location"].endswith("/frameworks")


def test_every_role_lands_on_its_inbox_after_signing_in(client, db):
    for role in (Role.PROVIDER, Role.REVIEWER, Role.PEER, Role.ADMIN):
        user = make_user(role)
        response = login(client, user, DEFAULT_PASSWORD)
        assert response.status_code == 302 and response.headers["Location"] == "/", role
        assert "Waiting for you" in client.get("/").get_data(as_text=True), role
        client.post("/logout")
