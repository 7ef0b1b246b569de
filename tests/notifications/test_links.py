"""Every email the app queues links to the page where its reader acts."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from app.notifications import links
from app.notifications.models import OutboxEmail
from app.notifications.services import queue_email

APP = Path(__file__).resolve().parents[2] / "app"


def _call_sites() -> list[tuple[str, int, ast.Call]]:
    """Every call of queue_email in the app's source (the outbox's one way in), and of
    queue_email_to_each, which passes its link on to queue_email for each reader."""
    sites = []
    for path in sorted(APP.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in ("queue_email", "queue_email_to_each"):
                    sites.append((str(path.relative_to(APP.parent)), node.lineno, node))
    return sites


SITES = _call_sites()


def test_the_scanner_finds_the_emails_of_every_domain():
    files = {path for path, _, _ in SITES}
    assert len(SITES) >= 30
    for domain in ("auth", "submissions", "ce", "registry", "complaints", "providers", "alerts"):
        assert any(f"app/{domain}/" in f for f in files), domain


@pytest.mark.parametrize(
    "path, line, call", SITES, ids=[f"{path}:{line}" for path, line, _ in SITES]
)
def test_every_queued_email_names_its_link(path, line, call):
    link = next((k.value for k in call.keywords if k.arg == "link"), None)
    assert link is not None, f"{path}:{line} queues an email without link="
    assert not (isinstance(link, ast.Constant) and not link.value), f"{path}:{line}: empty link"


def test_an_email_without_an_absolute_link_is_refused(app, db):
    for link in ("", "/review/1", "javascript:alert(1)", "mailto:x@example.org"):
        with pytest.raises(ValueError):
            queue_email(db.session, "a@example.org", "S", "Body", category="t", link=link)


def test_the_link_ends_the_body_once(app, db):
    url = "https://curriculum.example.org/review/7"
    appended = queue_email(db.session, "a@example.org", "S", "Body", category="t", link=url)
    assert appended.body.endswith(f"Open: {url}\n")
    named = queue_email(
        db.session, "a@example.org", "S", f"Go to {url} now.", category="t", link=url
    )
    assert named.body == f"Go to {url} now."


def test_links_use_the_configured_public_address_first(app):
    with app.test_request_context("/", base_url="http://10.0.0.5:8000"):
        assert links.url("submissions.review", curriculum_id=3) == "http://10.0.0.5:8000/review/3"
        app.config["PUBLIC_BASE_URL"] = "https://curriculum.example.org/mapper/"
        assert (
            links.url("submissions.review", curriculum_id=3)
            == "https://curriculum.example.org/mapper/review/3"
        )
    # Outside a request (the worker) the configured address is the only one there is.
    assert links.url("ce.dashboard") == "https://curriculum.example.org/mapper/ce"
    app.config["PUBLIC_BASE_URL"] = None
    assert links.url("ce.dashboard") == "http://localhost/ce"


def test_every_email_a_busy_day_queues_carries_a_link(app, db):
    """Run through the services that email most (submission, decision, appeal, reminders) and
    check each body in the outbox names an absolute address of this app."""
    from datetime import date

    from app.auth.models import Role
    from app.notifications.services import queue_reminders
    from app.policy import DEFAULT_POLICY
    from app.submissions import services
    from tests.factories import make_user
    from tests.submissions.factories import file_appeal, make_curriculum

    reviewer, other = make_user(Role.REVIEWER), make_user(Role.REVIEWER)
    provider = make_user(Role.PROVIDER)
    curriculum = make_curriculum(provider, state="submitted")
    services.deny(db.session, curriculum, reviewer, DEFAULT_POLICY, reason="Too short.")
    file_appeal(curriculum, provider, nature="Please look again.", contact=provider.email)
    make_curriculum(provider, state="submitted", title="Second")
    queue_reminders(db.session, DEFAULT_POLICY, date(2027, 1, 1))
    db.session.commit()
    bodies = db.session.scalars(db.select(OutboxEmail.body)).all()
    assert len(bodies) >= 5
    assert all("http://localhost/" in body for body in bodies), bodies
    assert other  # a second reviewer so the appeal has someone to go to
