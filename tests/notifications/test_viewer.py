"""The local mail viewer: the outbox at a page for administrators, and on the command line."""

from __future__ import annotations

from app.auth.models import Role
from app.notifications.services import queue_email
from tests.factories import login, make_user

BODY = "Welcome.\nConfirm your address: http://localhost/verify/token-123\nThanks."


def _queue(db, to: str, subject: str, body: str) -> None:
    queue_email(db.session, to, subject, body, category="t", link="http://localhost/")


def _queue_confirmation(db) -> None:
    queue_email(
        db.session,
        "new@example.org",
        "Confirm your address",
        BODY,
        category="account",
        link="http://localhost/verify/token-123",
    )


def test_administrators_read_the_outbox_with_clickable_links(app, db, client):
    _queue_confirmation(db)
    _queue(db, "x@example.org", "<b>Bold</b>", "<script>x</script>")
    db.session.commit()
    login(client, make_user(Role.ADMIN))
    page = client.get("/admin/outbox").get_data(as_text=True)
    assert '<a href="http://localhost/verify/token-123">' in page
    assert "new@example.org" in page and "Confirm your address" in page
    assert "<script>x</script>" not in page and "&lt;script&gt;" in page
    assert "&lt;b&gt;Bold" in page
    assert 'href="/admin/outbox"' in client.get("/admin").get_data(as_text=True)


def test_no_viewer_where_mail_is_sent_or_outside_a_local_installation(app, db, client, monkeypatch):
    login(client, make_user(Role.ADMIN))
    app.config["MAIL_SERVER"] = "smtp.example.org"
    assert client.get("/admin/outbox").status_code == 404
    assert 'href="/admin/outbox"' not in client.get("/admin").get_data(as_text=True)
    app.config["MAIL_SERVER"] = None
    monkeypatch.setenv("SECRET_KEY", "as in production")
    assert client.get("/admin/outbox").status_code == 404


def test_the_outbox_pages_through_many_emails(app, db, client):
    for number in range(30):
        _queue(db, f"p{number}@example.org", f"Mail {number}", "x")
    db.session.commit()
    login(client, make_user(Role.ADMIN))
    first = client.get("/admin/outbox").get_data(as_text=True)
    assert "page=2" in first and "p29@example.org" in first and "p0@example.org" not in first
    second = client.get("/admin/outbox?page=2").get_data(as_text=True)
    assert "p0@example.org" in second


def test_the_command_prints_recent_emails_with_their_links(app, db, runner):
    assert "The outbox is empty." in runner.invoke(args=["notifications", "show"]).output
    _queue(db, "old@example.org", "Older", "no links here")
    _queue_confirmation(db)
    db.session.commit()
    output = runner.invoke(args=["notifications", "show", "-n", "1"]).output
    assert "To: new@example.org" in output and "old@example.org" not in output
    assert "Links:\n  http://localhost/verify/token-123" in output
    assert "(not sent)" in output
    both = runner.invoke(args=["notifications", "show"]).output
    assert both.index("new@example.org") < both.index("old@example.org")
