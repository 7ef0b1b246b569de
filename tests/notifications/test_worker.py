"""`flask --app wsgi worker`: the outbox and the daily reminders with many workers at once.
Each email is claimed (a committed lease) before it is sent, so every email is sent once."""

from __future__ import annotations

import collections
import os
import re
import signal
from datetime import date

import pytest
from sqlalchemy.orm import Session

from app.notifications.models import OutboxEmail, ScheduledJob
from app.notifications.services import claim_daily, claim_next, queue_email, run_daily_reminders
from app.policy import DEFAULT_POLICY
from tests.notifications.flask_cli import flask_run, flask_start

LINK = "https://curriculum.example.org/"  # every email names the page to act on

DAY = date(2026, 3, 2)


def test_worker_once_sends_the_outbox_and_queues_reminders_once_a_day(runner, db, smtp_server):
    host, port = smtp_server.server_address
    runner.app.config.update(MAIL_SERVER=host, MAIL_PORT=port, TODAY=DAY)
    queue_email(db.session, "a@example.org", "Hello", "Body", category="test", link=LINK)
    db.session.commit()
    first = runner.invoke(args=["worker", "--once"])
    assert first.exit_code == 0, first.output
    assert "reminder(s) queued." in first.output and "1 email(s) sent" in first.output
    assert db.session.get(ScheduledJob, "reminders").last_day == DAY
    again = runner.invoke(args=["worker", "--once"])
    assert again.exit_code == 0 and "reminder(s) queued" not in again.output
    assert len(smtp_server.messages) == 1


def test_the_daily_job_runs_again_the_next_day(db):
    assert run_daily_reminders(db.session, DEFAULT_POLICY, DAY) is not None
    assert run_daily_reminders(db.session, DEFAULT_POLICY, DAY) is None
    assert run_daily_reminders(db.session, DEFAULT_POLICY, date(2026, 3, 3)) is not None


@pytest.mark.postgres
@pytest.mark.cluster
def test_row_locks_hand_each_job_to_one_session(db, postgres_url):
    for index in range(3):
        queue_email(
            db.session, f"p{index}@example.org", f"S{index}", "Body", category="test", link=LINK
        )
    db.session.commit()
    with Session(db.engine) as first, Session(db.engine) as second:
        taken = claim_next(first, "a@b.c", 60)
        other = claim_next(second, "a@b.c", 60)
        assert taken is not None and other is not None and taken.id != other.id
        assert claim_daily(first, "reminders", DAY) is not None
        assert claim_daily(second, "reminders", DAY) is None  # locked: skipped, not waited for
        first.get(ScheduledJob, "reminders").last_day = DAY
        first.commit()
        assert claim_daily(second, "reminders", DAY) is None  # done for the day
        second.rollback()


@pytest.mark.postgres
@pytest.mark.cluster
def test_two_workers_at_once_send_each_email_exactly_once(db, postgres_url, smtp_server):
    total = 120
    for index in range(total):
        queue_email(
            db.session, f"peer{index}@example.org", f"Mail {index}", "Body", category="t", link=LINK
        )
    db.session.commit()
    smtp_server.delay = 0.01
    host, port = smtp_server.server_address
    env = {
        **os.environ,
        "DATABASE_URL": postgres_url,
        "SECRET_KEY": "worker-test",
        "MAIL_SERVER": host,
        "MAIL_PORT": str(port),
    }
    workers = [flask_start(env, "worker", "--once") for _ in range(2)]
    outputs = [worker.communicate(timeout=120)[0] for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0], outputs
    subjects = collections.Counter(
        re.search(r"^Subject: (.*)$", message["data"], re.M).group(1)
        for message in smtp_server.messages
    )
    assert len(smtp_server.messages) == total and set(subjects.values()) == {1}
    sent_by = [int(m.group(1)) if (m := re.search(r"(\d+) email", o)) else 0 for o in outputs]
    assert sum(sent_by) == total
    assert all(count > 0 for count in sent_by), f"the workers did not overlap: {sent_by}"
    assert sum("reminder(s) queued" in output for output in outputs) == 1, outputs
    db.session.expire_all()
    rows = db.session.scalars(db.select(OutboxEmail)).all()
    assert all(row.sent_at is not None and row.attempts == 1 for row in rows)


def test_the_worker_stops_after_its_round_on_sigterm(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SECRET_KEY": "worker-test",
    }
    env.pop("MAIL_SERVER", None)
    flask_run(env, "db", "upgrade", check=True)
    worker = flask_start(env, "worker", "--interval", "86400")
    assert "reminder(s) queued." in worker.stdout.readline()  # the first round is done
    worker.send_signal(signal.SIGTERM)
    # Not a timing: the interval is a day, so only a worker that stops on the signal ends before
    # this guard against a hang gives up.
    assert worker.wait(timeout=300) == 0
    worker.stdout.close()
