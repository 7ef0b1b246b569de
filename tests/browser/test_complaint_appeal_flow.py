"""An appeal of a complaint's suspension in a real browser: the peer finds the outcome on the CE
page, files the appeal, the appeals log shows it with its
clock, and a reviewer reverses it from the complaint's page. Every page checked with axe-core."""

from __future__ import annotations

from datetime import date

import pytest

from app.auth.models import Role
from app.extensions import db
from tests.browser.steps import assert_accessible_and_keep, follow, sign_in, sign_out, submit
from tests.ce.factories import make_profile
from tests.complaints.factories import BOUNDARIES, investigate_and_decide, make_complaint
from tests.factories import make_user

pytestmark = pytest.mark.browser


def test_the_peer_appeals_a_suspension_and_a_reviewer_reverses_it(live_server, browser, page):
    url, app = live_server.url, live_server.app
    today = date.today()
    with app.app_context():
        reviewer = make_user(Role.REVIEWER, name="Riley Reviewer")
        profile = make_profile(legal_name="Jordan Appellant")
        complaint = make_complaint(profile=profile, received_on=today)
        investigate_and_decide(
            complaint, reviewer, today=today, outcome="suspend", reason=BOUNDARIES
        )
        db.session.commit()
        peer_email, reviewer_email = profile.user.email, reviewer.email
        complaint_id, reference = complaint.id, complaint.reference

    sign_in(page, url, peer_email)
    page.goto(url + "/ce")
    follow(page, f"text=Complaint {reference}")
    page.fill("#nature", "The care recipient was a friend before the services began.")
    follow(page, "text=File the appeal")  # the contact line comes filled in with the account's
    assert "Your appeal is filed" in page.inner_text("main")
    assert_accessible_and_keep(page, "complaint-appeal-filed")
    sign_out(page)

    sign_in(page, url, reviewer_email)
    page.goto(url + "/review/appeals")
    main = page.inner_text("main")
    assert reference in main and "Jordan Appellant" in main and "§807.1.B" in main
    assert_accessible_and_keep(page, "appeals-log-with-complaint")
    follow(page, f"text=Complaint {reference}")
    assert page.url.endswith(f"/complaints/{complaint_id}#appeal")
    page.check("input[name=appeal-outcome][value=reverse]")
    page.fill("#appeal-reason", "The relationship predates the services; no violation.")
    main = submit(page, "text=Decide the appeal and send the letter")
    assert "The appeal is decided" in main and "certification active" in main
    assert_accessible_and_keep(page, "complaint-appeal-decided")

    # The peer's own pages agree with the reversal: active again, no suspension listed.
    sign_out(page)
    sign_in(page, url, peer_email)
    page.goto(url + "/ce")
    record_line = page.inner_text("main p >> nth=0")
    assert "Jordan Appellant" in record_line and "active" in record_line.lower()
    assert "suspend" not in record_line.lower()
    page.goto(url + "/ce/profile")
    details = page.inner_text("main")
    assert "Suspended" not in details and "Revoked" not in details
