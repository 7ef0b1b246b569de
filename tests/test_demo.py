"""`flask demo load` creates accounts and curricula, prints credentials, and can run twice."""

from __future__ import annotations

from app.auth.models import User
from app.submissions.models import Curriculum


def test_demo_load_is_idempotent(runner, db):
    first = runner.invoke(args=["demo", "load", "--demo"])
    assert first.exit_code == 0, first.output
    assert "admin@curriculum.example" in first.output and "demo-password-1" in first.output
    states = {c.state for c in db.session.scalars(db.select(Curriculum))}
    assert {
        "approved",
        "revisions_requested",
        "submitted",
        "incomplete",
        "denied",
        "draft",
    } <= states
    counts = (
        db.session.scalar(db.select(db.func.count()).select_from(User)),
        db.session.scalar(db.select(db.func.count()).select_from(Curriculum)),
    )
    assert runner.invoke(args=["demo", "load", "--demo"]).exit_code == 0
    assert counts == (
        db.session.scalar(db.select(db.func.count()).select_from(User)),
        db.session.scalar(db.select(db.func.count()).select_from(Curriculum)),
    )


def test_demo_needs_an_explicit_flag(runner, db):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 2 and "--demo" in result.output
    assert db.session.scalar(db.select(db.func.count()).select_from(User)) == 0


def test_demo_is_refused_outside_a_local_installation(runner, db, app, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "a production secret")
    result = runner.invoke(args=["demo", "load", "--demo"])
    assert result.exit_code == 2 and "not a local installation" in result.output
    monkeypatch.delenv("SECRET_KEY")
    app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql+psycopg://app@db.internal.example/prod"
    result = runner.invoke(args=["demo", "load", "--demo"])
    assert "the database is on db.internal.example" in result.output
    assert db.session.scalar(db.select(db.func.count()).select_from(User)) == 0


def test_demo_has_a_posted_roster_and_an_open_dispute(runner, db):
    from app import context
    from app.ce import disputes
    from app.ce.models import PeerProfile
    from app.ce.roster_models import ReportedCompletion
    from app.ce.services import summary_for

    assert runner.invoke(args=["demo", "load", "--demo"]).exit_code == 0
    reported = db.session.scalars(db.select(ReportedCompletion)).all()
    peers = {r.entry.profile.user.email for r in reported}
    assert peers == {"peer2@curriculum.example", "peer3@curriculum.example"}
    assert reported[0].posting.curriculum.state == "approved"
    (open_dispute,) = disputes.page_of(db.session).rows
    assert open_dispute.entry.profile.user.email == "peer2@curriculum.example"
    # Both reported entries count on their peers' records until the dispute is decided.
    for r in reported:
        summary = summary_for(r.entry.profile, context.configured_policy(), context.today())
        titles = {e["title"]: e["counted"] for e in summary["entries"]}
        assert titles[r.entry.title] is True
    # The first demo peer's record is as the CE demo makes it: no reported entry on it.
    jordan = db.session.scalar(
        db.select(PeerProfile).join(User).where(User.email == "peer@curriculum.example")
    )
    assert jordan is not None and all(
        e.id not in {r.entry_id for r in reported} for e in jordan.entries
    )
    assert runner.invoke(args=["demo", "load", "--demo"]).exit_code == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(ReportedCompletion)) == 2
