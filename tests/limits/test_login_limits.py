"""The sign-in limit: counted before the password is checked, per account and address, per
account, per address; parallel guesses cannot outrun it; a stranger locks out only themselves."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from flask import Flask

import app.auth.services as auth_services
from app import create_app
from app.auth.models import Role
from app.dbtypes import utcnow
from app.extensions import db as _db
from app.limits.login import LoginLimits, lock_duration
from app.limits.models import AttemptCounter
from app.security_log.models import SecurityEvent
from tests.conftest import TEST_DATABASE_URL
from tests.factories import DEFAULT_PASSWORD, make_user

WRONG = "wrong-password-123"


def _post(client, email, password, address="192.0.2.1"):
    return client.post(
        "/login",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def test_a_stranger_locks_out_only_their_own_address(client, db, app):
    user = make_user(Role.PEER)
    for _ in range(app.config["LOGIN_MAX_ATTEMPTS"]):
        assert _post(client, user.email, WRONG, "198.51.100.7").status_code == 401
    assert _post(client, user.email, DEFAULT_PASSWORD, "198.51.100.7").status_code == 401
    assert _post(client, user.email, DEFAULT_PASSWORD, "192.0.2.44").status_code == 302


def test_repeated_locks_of_one_address_double(app):
    limits = LoginLimits.from_config(app.config)
    durations = [lock_duration(limits, n, exponential=True) for n in range(4)]
    assert durations == [timedelta(minutes=15 * 2**n) for n in range(4)]
    assert lock_duration(limits, 40, exponential=True) == timedelta(minutes=24 * 60)
    assert lock_duration(limits, 3, exponential=False) == timedelta(minutes=15)


def test_the_lock_ends_after_its_time_and_then_doubles(client, db, app, monkeypatch):
    user = make_user(Role.PEER)
    start = utcnow()
    monkeypatch.setattr(auth_services, "utcnow", lambda: start)
    for _ in range(5):
        _post(client, user.email, WRONG)
    assert _post(client, user.email, DEFAULT_PASSWORD).status_code == 401
    monkeypatch.setattr(auth_services, "utcnow", lambda: start + timedelta(minutes=16))
    for _ in range(5):
        _post(client, user.email, WRONG)
    # The second lock lasts 30 minutes: still locked 16 minutes later, open after 31.
    monkeypatch.setattr(auth_services, "utcnow", lambda: start + timedelta(minutes=32))
    assert _post(client, user.email, DEFAULT_PASSWORD).status_code == 401
    monkeypatch.setattr(auth_services, "utcnow", lambda: start + timedelta(minutes=47))
    assert _post(client, user.email, DEFAULT_PASSWORD).status_code == 302


def test_many_addresses_lock_the_whole_account_for_a_fixed_time(client, db, app, monkeypatch):
    app.config["LOGIN_ACCOUNT_MAX_ATTEMPTS"] = 8
    user = make_user(Role.PEER)
    start = utcnow()
    monkeypatch.setattr(auth_services, "utcnow", lambda: start)
    for n in range(8):
        assert _post(client, user.email, WRONG, f"203.0.113.{n}").status_code == 401
    assert _post(client, user.email, DEFAULT_PASSWORD, "192.0.2.200").status_code == 401
    monkeypatch.setattr(auth_services, "utcnow", lambda: start + timedelta(minutes=16))
    assert _post(client, user.email, DEFAULT_PASSWORD, "192.0.2.200").status_code == 302


def test_one_address_guessing_many_accounts_is_stopped(client, db, app):
    app.config["LOGIN_ADDRESS_MAX_ATTEMPTS"] = 6
    users = [make_user(Role.PEER) for _ in range(7)]
    for user in users[:6]:
        _post(client, user.email, WRONG, "198.51.100.9")
    assert _post(client, users[6].email, DEFAULT_PASSWORD, "198.51.100.9").status_code == 401
    assert _post(client, users[6].email, DEFAULT_PASSWORD, "198.51.100.10").status_code == 302
    limited = db.session.scalars(
        db.select(SecurityEvent).where(SecurityEvent.address == "198.51.100.9")
    ).all()
    assert limited[-1].outcome == "locked" and limited[-1].details["limit"] == "address"


def test_unknown_locked_and_wrong_each_cost_one_password_check(client, db, app, monkeypatch):
    user = make_user(Role.PEER)
    checks: list[str] = []
    real = auth_services.verify_password

    def counting(password_hash, password):
        checks.append(password_hash)
        return real(password_hash, password)

    monkeypatch.setattr(auth_services, "verify_password", counting)
    _post(client, "nobody@example.org", WRONG)
    _post(client, user.email, WRONG)
    for _ in range(5):
        _post(client, user.email, WRONG, "198.51.100.1")
    checks.clear()
    _post(client, user.email, DEFAULT_PASSWORD, "198.51.100.1")  # locked
    assert len(checks) == 1 and checks[0] != user.password_hash  # a dummy check, same cost


def test_unknown_and_wrong_run_the_same_queries(client, db, app):
    from sqlalchemy import event

    email = make_user(Role.PEER).email
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement.split()[0])

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        _post(client, "nobody@example.org", WRONG, "192.0.2.10")
        unknown = list(statements)
        statements.clear()
        _post(client, email, WRONG, "192.0.2.11")
        wrong = list(statements)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert unknown == wrong


def test_every_attempt_is_a_security_event(client, db):
    user = make_user(Role.PEER)
    _post(client, "nobody@example.org", WRONG, "192.0.2.10")
    _post(client, user.email, DEFAULT_PASSWORD, "192.0.2.11")
    client.post("/logout", environ_base={"REMOTE_ADDR": "192.0.2.11"})
    events = db.session.scalars(db.select(SecurityEvent).order_by(SecurityEvent.id)).all()
    assert [(e.event, e.outcome) for e in events] == [
        ("login", "failure"),
        ("login", "success"),
        ("logout", "success"),
    ]
    assert events[0].identifier == "nobody@example.org" and events[0].user_id is None
    assert events[1].user_id == user.id and events[1].address == "192.0.2.11"


def _shared_apps(tmp_path, count: int) -> list[Flask]:
    url = (
        TEST_DATABASE_URL
        if TEST_DATABASE_URL.startswith("postgresql")
        else f"sqlite:///{tmp_path / 'parallel.sqlite3'}"
    )
    return [
        create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "x",
                "SQLALCHEMY_DATABASE_URI": url,
                "WTF_CSRF_ENABLED": False,
                "ARGON2_TIME_COST": 1,
                "ARGON2_MEMORY_COST": 1024,
                "RATE_LIMITS": {},
            }
        )
        for _ in range(count)
    ]


@pytest.mark.parametrize("guesses", [20])
def test_parallel_wrong_guesses_lock_after_exactly_the_limit(tmp_path, monkeypatch, guesses):
    """Two app instances (two connection pools, as two worker processes) on one database."""
    apps = _shared_apps(tmp_path, 2)
    with apps[0].app_context():
        _db.drop_all()
        _db.create_all()
        user = make_user(Role.PEER)
        email, real_hash = user.email, user.password_hash
        _db.session.remove()
    checked: list[str] = []
    lock = threading.Lock()
    original = auth_services.verify_password

    def counting(password_hash, password):
        with lock:
            checked.append(password_hash)
        return original(password_hash, password)

    monkeypatch.setattr(auth_services, "verify_password", counting)
    barrier = threading.Barrier(guesses)
    statuses: list[int] = []

    def guess(n: int) -> None:
        client = apps[n % 2].test_client()
        barrier.wait()
        response = _post(client, email, f"wrong-guess-{n:04d}")
        with lock:
            statuses.append(response.status_code)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(guesses)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert statuses == [401] * guesses
        limit = apps[0].config["LOGIN_MAX_ATTEMPTS"]
        assert checked.count(real_hash) == limit
        # The right password from the same address is refused now: the lock holds.
        assert _post(apps[1].test_client(), email, DEFAULT_PASSWORD).status_code == 401
        with apps[0].app_context():
            counters = _db.session.scalars(_db.select(AttemptCounter)).all()
            assert any(c.key.startswith("login-pair:") and c.locked_until for c in counters)
            _db.session.remove()  # end the read transaction, or DROP TABLE waits for it
            _db.drop_all()
    finally:
        for app in apps:
            with app.app_context():
                _db.engine.dispose()
