"""Substantive changes, incomplete applications, drafts and withdrawal in a real browser.

A change denied leaves the curriculum approved with its expiry; a change approved makes its
version the approved one with the same expiry; an application without its fee has no clock and
no decision; the provider reads why revisions were requested; a draft is edited and deleted; a
submission is withdrawn; a refused change form and a refused competency note keep what was
typed.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.auth.models import Role
from app.extensions import db
from app.submissions.models import Curriculum
from tests.browser.axe import assert_accessible
from tests.browser.steps import new_curriculum, sign_in, sign_out
from tests.factories import make_user
from tests.submissions.factories import make_curriculum

pytestmark = pytest.mark.browser
CURRICULA = Path(__file__).resolve().parents[2] / "curricula"
PASSING = (CURRICULA / "core_80_hour_passing.md").read_text()


def _submit_change(page, detail_url, note, days):
    page.goto(detail_url)
    page.fill("#note", note)
    page.fill("#intended_use_on", (datetime.now(UTC).date() + timedelta(days=days)).isoformat())
    page.fill(
        "#text",
        PASSING + "\n## Module 99: Digital tools refresher (2 hours) [core-17]\nAssessment: quiz\n",
    )
    page.click("text=Submit the change")


def _decide(page, url, title, decision, reason=""):
    page.goto(url + "/review")
    page.click(f"main a:has-text('{title}')")
    page.select_option("#decision", decision)
    if reason:
        page.fill("#reason", reason)
    page.click("text=Record the decision")


def test_change_denied_then_approved_incomplete_drafts_and_withdrawal(live_server, page):
    url = live_server.url
    with live_server.app.app_context():
        provider, reviewer = make_user(Role.PROVIDER), make_user(Role.REVIEWER)
        today = datetime.now(UTC).date()
        curriculum = make_curriculum(
            provider,
            state="approved",
            title="Approved core 2026",
            text=PASSING,
            reviewer=reviewer,
            approved_on=today,
        )
        detail_url = f"{url}/curricula/{curriculum.id}"
        expires = curriculum.expires_on.isoformat()
        provider_email, reviewer_email = provider.email, reviewer.email

    # A change dated too soon is refused and keeps what was typed.
    sign_in(page, url, provider_email)
    _submit_change(page, detail_url, "Adds a digital tools refresher", days=30)
    main = page.inner_text("main")
    assert "60 days before their intended use" in main
    assert page.input_value("#note") == "Adds a digital tools refresher"
    assert "Module 99" in page.input_value("#text")
    _submit_change(page, detail_url, "Adds a digital tools refresher", days=61)
    main = page.inner_text("main")
    assert "Change to approved curriculum “Approved core 2026”, intended use from" in main
    assert page.inner_text("#curriculum-state") == "approved"
    assert_accessible(page)
    sign_out(page)

    # The reviewer sees it as a change and denies it: the curriculum stays approved.
    sign_in(page, url, reviewer_email)
    page.goto(url + "/review")
    assert "Change to approved curriculum “Approved core 2026”" in page.inner_text("main")
    assert_accessible(page)
    page.click("main a:has-text('Approved core 2026')")
    assert "This is a substantive change (§803.5)" in page.inner_text("main")
    assert_accessible(page)
    _decide(page, url, "Approved core 2026", "deny", "The refresher repeats module 17.")
    assert page.inner_text("#curriculum-state") == "approved"
    assert page.inner_text("#expires-on") == expires
    assert "denied" in page.inner_text("#last-change")
    sign_out(page)

    # A second change, approved: its version becomes the approved one, the expiry stays.
    sign_in(page, url, provider_email)
    _submit_change(page, detail_url, "Adds a digital tools refresher, rewritten", days=70)
    sign_out(page)
    sign_in(page, url, reviewer_email)
    _decide(page, url, "Approved core 2026", "approve")
    assert "approved on version 3" in page.inner_text("main")
    assert page.inner_text("#expires-on") == expires
    sign_out(page)

    # An application without its fee: incomplete, no clock, nothing to decide.
    sign_in(page, url, provider_email)
    new_curriculum(page, url, "First title", PASSING)
    page.fill("#title", "Weekend core 2027")  # the draft is edited
    page.click("text=Save and check again")
    assert "The draft is saved" in page.inner_text("main")
    page.click("text=Submit for review")
    main = page.inner_text("main")
    assert "Incomplete application" in main and "How to pay" in main
    new_url = page.url
    sign_out(page)
    sign_in(page, url, reviewer_email)
    page.goto(url + "/review")
    page.click("main a:has-text('Weekend core 2027')")
    main = page.inner_text("main")
    assert "has not started" in main and "Record the decision" not in main
    with page.expect_navigation():
        page.click("text=Record fee as paid")
    # A refused confirmation comes back with the note typed and what to fix.
    long_note = "Seen in the day-three role-play. " * 70
    page.fill("#note-core-1", long_note)
    with page.expect_navigation():
        page.click("text=Save core-1")
    assert page.input_value("#note-core-1") == long_note
    assert "2000" in page.inner_text("#note-core-1-error")
    _decide(page, url, "Weekend core 2027", "request_revisions", "Name the assessment of module 4.")
    sign_out(page)

    # The provider reads why, then withdraws the application.
    sign_in(page, url, provider_email)
    page.goto(new_url)
    assert "Name the assessment of module 4." in page.inner_text("#revision-request")
    assert "Module 1: Hope" in page.input_value(
        "#text"
    )  # the resubmission starts from the last version
    assert_accessible(page)
    # Not ticked: the browser holds the form back (the server refuses it too).
    assert page.get_attribute("#withdraw-confirm", "required") is not None
    page.click("text=Withdraw the application")
    assert "revisions requested" in page.inner_text("#curriculum-state")
    page.check("#withdraw-confirm")
    page.click("text=Withdraw the application")
    assert "withdrawn" in page.inner_text("#curriculum-state")

    # A draft is deleted.
    new_curriculum(page, url, "Scratch draft", PASSING)
    page.check("#delete-confirm")
    page.click("text=Delete the draft")
    assert "is deleted" in page.inner_text("main")
    with live_server.app.app_context():
        assert (
            db.session.scalar(db.select(Curriculum).where(Curriculum.title == "Scratch draft"))
            is None
        )
