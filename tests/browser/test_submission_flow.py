"""The approval path in a real browser, every page checked with axe-core (WCAG 2.1 AA).

A provider registers and submits a core syllabus, sees the report; a reviewer requests revisions;
the provider resubmits; the reviewer approves; the provider sees the approval and its expiry.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.auth.models import Organization, Role
from app.extensions import db
from app.notifications.models import OutboxEmail
from tests.browser.axe import assert_accessible
from tests.browser.steps import fill_in, sign_in, sign_out
from tests.factories import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.browser
CURRICULA = Path(__file__).resolve().parents[2] / "curricula"
PASSWORD = "browser test password"


def test_register_submit_revise_approve(live_server, page):
    url = live_server.url
    page.goto(url + "/register")
    assert_accessible(page)
    fill_in(page, organization_name="Browser Peer Academy", contact_email="office@browser.example")
    fill_in(page, name="Bea Browser", email="bea@browser.example")
    fill_in(page, password=PASSWORD, confirm=PASSWORD)
    page.click("main button[type=submit]")
    assert "Check your email" in page.inner_text("main")
    assert_accessible(page)
    with live_server.app.app_context():
        mail = db.session.scalars(
            db.select(OutboxEmail).where(OutboxEmail.recipient == "bea@browser.example")
        ).one()
    page.goto(re.search(r"https?://\S+/verify/[\w-]+", mail.body).group(0))
    assert "confirmed" in page.inner_text("main")
    sign_in(page, url, "bea@browser.example", PASSWORD)
    page.goto(url + "/account")
    assert "awaiting approval" in page.inner_text("main")
    with live_server.app.app_context():
        db.session.scalar(
            db.select(Organization).where(Organization.name == "Browser Peer Academy")
        ).approved = True
        db.session.commit()
        reviewer_email = make_user(Role.REVIEWER).email

    page.goto(url + "/provider/curricula/new")
    assert_accessible(page)
    page.select_option("#program", "core")
    page.fill("#title", "Browser core training")
    page.fill("#text", (CURRICULA / "core_incomplete_short.md").read_text())
    page.click("main button[type=submit]")
    assert "Does not pass" in page.inner_text("main")
    assert_accessible(page)
    page.click("text=Submit for review")
    assert "Incomplete application" in page.inner_text("main")  # no fee recorded yet
    assert "How to pay" in page.inner_text("main")
    detail_url = page.url
    sign_out(page)

    sign_in(page, url, reviewer_email, DEFAULT_PASSWORD)
    page.goto(url + "/review")
    assert_accessible(page)
    page.click("text=Browser core training")
    assert_accessible(page)
    assert "Record the decision" not in page.inner_text("main")  # incomplete: nothing to decide
    page.click("text=Record fee as paid")
    assert "The fee is recorded as paid." in page.inner_text("main")
    page.select_option("#decision", "request_revisions")
    page.fill("#reason", "Cover all 17 competencies and reach 80 hours.")
    page.click("text=Record the decision")
    assert "revisions requested" in page.inner_text("main")
    sign_out(page)

    sign_in(page, url, "bea@browser.example", PASSWORD)
    page.goto(detail_url)
    page.fill("#text", (CURRICULA / "core_80_hour_passing.md").read_text())
    page.fill("#note", "All 17 competencies, 80 hours.")
    page.click("text=Submit the new version")
    assert "submitted" in page.inner_text("main")
    page.click("text=what changed")
    assert "Modules added" in page.inner_text("main")
    assert_accessible(page)
    sign_out(page)

    sign_in(page, url, reviewer_email, DEFAULT_PASSWORD)
    page.goto(url + "/review")
    page.click("text=Browser core training")
    page.select_option("#decision", "approve")
    page.click("text=Record the decision")
    sign_out(page)

    sign_in(page, url, "bea@browser.example", PASSWORD)
    page.goto(url + "/provider")
    assert_accessible(page)
    row = page.locator("tr", has_text="Browser core training").inner_text()
    assert "approved" in row
    page.click("text=Browser core training")
    assert "valid until" in page.inner_text("main")
    page.click("text=Timeline")
    assert "clock paused" in page.inner_text("main")
    assert_accessible(page)
