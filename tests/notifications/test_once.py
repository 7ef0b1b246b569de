"""Email once: a worker killed while sending leaves its email claimed until the lease runs out,
then it goes once, with the Message-ID it was given at its first claim; two `notifications
send` at the same moment queue each reminder once."""

from __future__ import annotations

import collections
import contextlib
import email
import os
import signal
import sqlite3
import threading

from app.extensions import db as _db
from app.notifications import services as notifications
from app.notifications.models import OutboxEmail
from app.notifications.services import queue_email
from tests.notifications.flask_cli import flask_run, flask_start

LINK = "https://curriculum.example.org/"  # every email names the page to act on


def _headers(message, name):
    return " ".join(email.message_from_string(message["data"])[name].split())


def test_a_worker_killed_while_sending_leaves_its_email_to_the_lease(tmp_path, smtp_server):
    path = tmp_path / "outbox.sqlite3"
    host, port = smtp_server.server_address
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{path}",
        "SECRET_KEY": "worker-test",
        "MAIL_SERVER": host,
        "MAIL_PORT": str(port),
    }
    assert flask_run(env, "db", "upgrade").returncode == 0
    with sqlite3.connect(path) as connection:
        connection.executemany(
            "INSERT INTO outbox_email (created_at, recipient, subject, body, category, error,"
            " attempts) VALUES ('2026-03-02 08:00:00', ?, ?, 'Body', 'test', '', 0)",
            [(f"peer{n}@example.org", f"Mail {n}") for n in range(5)],
        )
    smtp_server.stall_for = {"peer2@example.org"}
    worker = flask_start(env, "worker", "--interval", "600", quiet=True)
    try:
        assert smtp_server.stalled.wait(60), "the worker never reached the third email"
        worker.send_signal(signal.SIGKILL)  # killed in the middle of the conversation
        worker.wait(30)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
    smtp_server.release.set()
    smtp_server.stall_for = set()
    assert sorted(_headers(m, "Subject") for m in smtp_server.messages) == ["Mail 0", "Mail 1"]

    # Another worker right away sends the rest, but not the email the dead worker claimed.
    assert flask_run(env, "worker", "--once").returncode == 0
    subjects = [_headers(m, "Subject") for m in smtp_server.messages]
    assert sorted(subjects) == ["Mail 0", "Mail 1", "Mail 3", "Mail 4"]
    with sqlite3.connect(path) as connection:
        claimed = connection.execute(
            "SELECT sent_at, lease_until, attempts, message_id FROM outbox_email"
            " WHERE subject = 'Mail 2'"
        ).fetchone()
        assert claimed[0] is None and claimed[1] is not None and claimed[2] == 1 and claimed[3]
        # The lease runs out (as if its five minutes had passed): the next round retries it.
        connection.execute("UPDATE outbox_email SET lease_until = claimed_at")
    assert flask_run(env, "worker", "--once").returncode == 0

    counts = collections.Counter(_headers(m, "Subject") for m in smtp_server.messages)
    assert counts == {f"Mail {n}": 1 for n in range(5)}
    with sqlite3.connect(path) as connection:
        rows = dict(connection.execute("SELECT subject, message_id FROM outbox_email"))
        assert connection.execute(
            "SELECT COUNT(*) FROM outbox_email WHERE sent_at IS NULL"
        ).fetchone() == (0,)
    delivered = {_headers(m, "Subject"): _headers(m, "Message-ID") for m in smtp_server.messages}
    assert delivered == rows
    assert len(set(rows.values())) == 5 and rows["Mail 2"] == claimed[3]  # kept across the crash


def test_two_sends_at_the_same_moment_queue_each_reminder_once(two_servers, monkeypatch):
    """Both commands start the day's reminders at once; the reminder waits, inside the first,
    for the second to come in too, so without the shared lock both would queue it."""
    one, two = two_servers
    inside = threading.Event()
    both_in = threading.Barrier(2, timeout=3)

    def remind_reviewers(session, policy, today):
        already = session.scalar(
            _db.select(_db.func.count(OutboxEmail.id)).where(OutboxEmail.category == "t")
        )
        inside.set()
        with contextlib.suppress(threading.BrokenBarrierError):
            both_in.wait()  # the second command would be here too if nothing stopped it
        if already:
            return 0
        queue_email(session, "reviewer@example.org", "Due soon", "Body", category="t", link=LINK)
        return 1

    monkeypatch.setattr(notifications, "REMINDERS", [remind_reviewers])
    outputs = {}

    def send(app, key):
        result = app.test_cli_runner().invoke(
            args=["notifications", "send", "--today", "2026-03-02"]
        )
        outputs[key] = (result.exit_code, result.output, result.exception)

    first = threading.Thread(target=send, args=(one, "first"))
    first.start()
    assert inside.wait(30)
    second = threading.Thread(target=send, args=(two, "second"))
    second.start()
    first.join(60)
    second.join(60)
    assert [outputs[k][0] for k in ("first", "second")] == [0, 0], outputs
    with one.app_context():
        rows = _db.session.scalars(_db.select(OutboxEmail).where(OutboxEmail.category == "t"))
        assert len(list(rows)) == 1
        _db.session.remove()
