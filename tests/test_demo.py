"""`flask demo load` creates accounts and curricula, prints credentials, and can run twice."""

from __future__ import annotations

from app.auth.models import User
from app.submissions.models import Curriculum


def test_demo_load_is_idempotent(runner, db):
    first = runner.invoke(args=["demo", "load"])
    assert first.exit_code == 0, first.output
    assert "admin@curriculum.example" in first.output and "demo-password-1" in first.output
    states = {c.state for c in db.session.scalars(db.select(Curriculum))}
    assert {"approved", "revisions_requested", "submitted", "denied", "draft"} <= states
    counts = (
        db.session.scalar(db.select(db.func.count()).select_from(User)),
        db.session.scalar(db.select(db.func.count()).select_from(Curriculum)),
    )
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    assert counts == (
        db.session.scalar(db.select(db.func.count()).select_from(User)),
        db.session.scalar(db.select(db.func.count()).select_from(Curriculum)),
    )
