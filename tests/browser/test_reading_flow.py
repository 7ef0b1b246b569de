"""Correcting what the checker read, in a real browser.

A provider's draft is read short of its hours: the provider corrects two readings (a session the
checker missed, a competency it did not see), the verdict changes, and the provider submits. The
reviewer sees both corrections beside their source lines, accepts one and rejects the other (the
report is recomputed without it); the audit log holds both corrections and both decisions.
"""

from __future__ import annotations

import pytest

from app.audit.models import AuditEvent
from app.auth.models import Role
from app.extensions import db
from app.submissions.models import Curriculum
from tests.browser.axe import assert_accessible
from tests.browser.steps import new_curriculum, sign_in, sign_out
from tests.factories import make_organization, make_user

pytestmark = pytest.mark.browser

SYLLABUS = """---
program: refresher
---
# Peer Refresher

## Module 1: Recovery and wellness (10 hours)
Hope and recovery stories; participants practise speaking up for a peer at an appointment.
## Module 2: Ethics and boundaries (10 hours)
Ethics.
## Module 3: Trauma-informed care (10 hours)
Trauma.
## Module 4: Cultural humility
A full day together: ten hours of practice on culture.
"""
MODULE_1, MODULE_4 = 6, 12


def test_provider_corrects_two_readings_and_the_reviewer_decides(live_server, page):
    url, app = live_server.url, live_server.app
    with app.app_context():
        organization = make_organization("Reading Peer Academy")
        provider_email = make_user(Role.PROVIDER, organization=organization).email
        reviewer_email = make_user(Role.REVIEWER).email

    sign_in(page, url, provider_email)
    new_curriculum(page, url, "Refresher read by the checker", SYLLABUS, "refresher")
    assert page.inner_text("#verdict") == "Does not pass"
    assert_accessible(page)

    # Two corrections: line 12 is a 10-hour session; module 1 also teaches advocacy (core-2).
    page.fill("#new-line", str(MODULE_4))
    page.fill("#new-title", "Module 4: Cultural humility")
    page.fill("#new-hours", "ten")  # refused: comes back with what was typed
    page.click("text=Save my corrections and check again")
    assert "New session: give its hours" in page.inner_text("main")
    assert page.input_value("#new-title") == "Module 4: Cultural humility"
    page.fill("#new-hours", "10")
    page.select_option(f"#add-{MODULE_1}", "core-2")
    page.fill(f"#evidence-{MODULE_1}", "participants practise speaking up for a peer")
    page.click("text=Save my corrections and check again")
    assert "2 correction(s) saved" in page.inner_text("main")
    assert page.inner_text("#verdict") == "Passes every rule"
    assert "The provider corrected 2 readings" in page.inner_text("main")
    page.click("text=Submit for review")
    detail_url = page.url
    sign_out(page)

    sign_in(page, url, reviewer_email)
    page.goto(detail_url.replace("/curricula/", "/review/").split("#")[0])
    assert_accessible(page)
    section = page.locator("#corrections")
    assert "The provider corrected 2 readings" in section.inner_text()
    rows = section.locator("tbody tr")
    assert rows.count() == 2
    credit = section.locator("tr", has_text="it teaches core-2")
    assert "## Module 1: Recovery and wellness" in credit.inner_text()
    missed = section.locator("tr", has_text="this line is a session")
    assert "## Module 4: Cultural humility" in missed.inner_text()
    assert "not read as a session" in missed.inner_text()
    credit.locator("button:has-text('Accept')").click()
    assert "The correction is accepted." in page.inner_text("main")
    missed = page.locator("#corrections tr", has_text="this line is a session")
    missed.locator("input[name=note]").fill("The day is practice, not instruction.")
    missed.locator("button:has-text('Reject')").click()
    assert "recomputed without it" in page.inner_text("main")
    assert "accepted" in page.locator("#corrections tr", has_text="it teaches core-2").inner_text()
    sign_out(page)

    with app.app_context():
        curriculum = db.session.scalar(
            db.select(Curriculum).where(Curriculum.title == "Refresher read by the checker")
        )
        assert curriculum.latest.report["total_hours"] == 30  # without the rejected session
        actions = [
            e.action
            for e in db.session.scalars(
                db.select(AuditEvent).where(
                    AuditEvent.subject_type == "curriculum", AuditEvent.subject_id == curriculum.id
                )
            )
        ]
    assert actions.count("correct_reading") == 2
    assert "accept_reading_correction" in actions and "reject_reading_correction" in actions
