"""The inbox in a real browser: a provider submits, the reviewer's home page shows the item
with its days left, and the email waiting in the outbox opens the review page. Each role's
inbox passes axe-core at 1280 px and at 390 px, with nothing scrolling sideways."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from app.auth.models import Role
from app.ce import services as ce
from app.extensions import db
from app.notifications.models import OutboxEmail
from app.submissions.models import Curriculum
from tests.browser.axe import assert_accessible
from tests.browser.steps import new_curriculum, sign_in, sign_out
from tests.factories import make_user

pytestmark = pytest.mark.browser
CURRICULA = Path(__file__).resolve().parents[2] / "curricula"
PHONE = {"width": 390, "height": 844}
TITLE = "Inbox flow core training"


def _wide(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth + 1")


def _check_both_widths(page):
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    assert not _wide(page), "the inbox scrolls sideways at 390 px"
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_provider_submits_reviewer_sees_it_and_the_email_opens_the_review(live_server, page):
    url = live_server.url
    with live_server.app.app_context():
        provider = make_user(Role.PROVIDER)
        reviewer = make_user(Role.REVIEWER)
        peer = make_user(Role.PEER)
        ce.save_profile(
            db.session,
            peer,
            legal_name=peer.name,
            certification_number="MPSS654321",
            issued_on=date(2025, 1, 10),
            status="active",
            specializations=[],
        )
        db.session.commit()
        provider_email, reviewer_email, peer_email = provider.email, reviewer.email, peer.email

    sign_in(page, url, provider_email)
    page.goto(url + "/")
    assert "Waiting for you" in page.inner_text("main")
    new_curriculum(page, url, TITLE, (CURRICULA / "core_80_hour_passing.md").read_text())
    with live_server.app.app_context():  # the fee is paid: the application will be complete
        db.session.scalar(db.select(Curriculum).where(Curriculum.title == TITLE)).fee_paid = True
        db.session.commit()
    page.click("text=Submit for review")
    assert "Incomplete" not in page.inner_text("main")
    page.goto(url + "/")
    _check_both_widths(page)
    sign_out(page)

    with live_server.app.app_context():
        curriculum_id = db.session.scalar(db.select(Curriculum.id).where(Curriculum.title == TITLE))
        mail = db.session.scalars(
            db.select(OutboxEmail).where(
                OutboxEmail.recipient == reviewer_email, OutboxEmail.category == "review"
            )
        ).one()
    assert mail.subject == f"New submission to review: {TITLE}"
    link = re.search(r"https?://\S+", mail.body).group(0)
    assert link == f"{url}/review/{curriculum_id}"

    sign_in(page, url, reviewer_email)
    page.goto(url + "/")
    main = page.inner_text("main")
    assert "Waiting for a reviewer" in main and TITLE in main
    item = page.locator("#inbox-unassigned li", has_text=TITLE).inner_text()
    assert "90 days left" in item
    _check_both_widths(page)
    page.goto(link)  # the email's link opens the review page
    assert TITLE in page.inner_text("h1")
    assert "Record the decision" in page.inner_text("main")
    assert_accessible(page)

    page.goto(url + "/")
    page.click("text=Change how you are emailed")
    _check_both_widths(page)
    page.check("text=One email a day listing the new items")
    page.click("main button[type=submit]")
    assert "Your email setting is saved." in page.inner_text("main")
    assert "One email a day" in page.inner_text("main")
    sign_out(page)

    sign_in(page, url, peer_email)
    page.goto(url + "/")
    main = page.inner_text("main")
    assert "Renewal" in main and "Records review" in main and "Sanctions" in main
    _check_both_widths(page)
