"""Per-address rate limits on sign-in and the public checker, held in the database."""

from __future__ import annotations

from app import create_app
from app.extensions import db as _db
from app.security_log.models import SecurityEvent
from tests.conftest import TEST_DATABASE_URL


def test_the_checker_answers_429_with_retry_after_past_the_limit(client, app, db):
    app.config["RATE_LIMITS"] = {"syllabus.check": (3, 60)}
    data = {"program": "", "text": "## Ethics (4 hours) [core-11]"}
    codes = [
        client.post("/check", data=data, environ_base={"REMOTE_ADDR": "198.51.100.3"}).status_code
        for _ in range(4)
    ]
    assert 429 not in codes[:3] and codes[3] == 429
    limited = client.post("/check", data=data, environ_base={"REMOTE_ADDR": "198.51.100.3"})
    assert 0 < int(limited.headers["Retry-After"]) <= 60
    assert "Too many requests" in limited.get_data(as_text=True)
    other = client.post("/check", data=data, environ_base={"REMOTE_ADDR": "198.51.100.4"})
    assert other.status_code != 429
    event = db.session.scalars(db.select(SecurityEvent)).first()
    assert (event.event, event.outcome, event.address) == ("rate_limit", "limited", "198.51.100.3")


def test_gets_are_not_limited(client, app):
    app.config["RATE_LIMITS"] = {"syllabus.check": (1, 60)}
    assert [client.get("/check").status_code for _ in range(3)] == [200, 200, 200]


def test_the_limit_holds_across_two_app_processes(tmp_path):
    url = (
        TEST_DATABASE_URL
        if TEST_DATABASE_URL.startswith("postgresql")
        else f"sqlite:///{tmp_path / 'rate.sqlite3'}"
    )
    config = {
        "TESTING": True,
        "SECRET_KEY": "x",
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": False,
        "RATE_LIMITS": {"auth.login": (4, 60)},
    }
    apps = [create_app(dict(config)) for _ in range(2)]
    with apps[0].app_context():
        _db.drop_all()
        _db.create_all()
    try:
        codes = [
            apps[n % 2]
            .test_client()
            .post("/login", data={"email": "a@example.org", "password": "x" * 12})
            .status_code
            for n in range(6)
        ]
        assert codes == [401, 401, 401, 401, 429, 429]
    finally:
        with apps[0].app_context():
            _db.drop_all()
        for app in apps:
            with app.app_context():
                _db.engine.dispose()


def test_prune_forgets_old_counters_but_keeps_locks(runner, db):
    from datetime import timedelta

    from app.dbtypes import utcnow
    from app.limits.models import AttemptCounter

    old = utcnow() - timedelta(days=2)
    db.session.add_all(
        [
            AttemptCounter(key="old", attempts=3, window_started_at=old, lockouts=0),
            AttemptCounter(
                key="locked",
                attempts=9,
                window_started_at=old,
                locked_until=utcnow() + timedelta(hours=1),
                lockouts=1,
            ),
            AttemptCounter(key="fresh", attempts=1, window_started_at=utcnow(), lockouts=0),
        ]
    )
    db.session.commit()
    result = runner.invoke(args=["limits", "prune"])
    assert "1 counter(s) removed." in result.output
    assert sorted(db.session.scalars(db.select(AttemptCounter.key))) == ["fresh", "locked"]
