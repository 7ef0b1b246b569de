"""A complaint in a real browser: filed without an account, investigated, extended once with
notice, decided with a suspension that the provider list and the CE catalogue show at once, the
log exported; the DHCS report page. Every page checked with axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sqlalchemy import select

from app.auth.demo import DEMO_PASSWORD
from app.auth.models import Organization, User
from app.notifications.models import OutboxEmail
from tests.browser.axe import assert_accessible
from tests.browser.steps import assert_accessible_and_keep, follow, sign_in, submit

pytestmark = pytest.mark.browser
CE_SYLLABUS = Path(__file__).resolve().parents[2] / "curricula" / "ce_law_and_ethics_6_hours.md"


def _approved_ce_course_of_sierra(app) -> str:
    """A CE course of the demo's second provider, approved now: it is in the peers' catalogue."""
    from app import context
    from app.extensions import db
    from tests.submissions.factories import make_curriculum

    with app.test_request_context():
        provider = db.session.scalar(select(User).where(User.email == "provider@sierra.example"))
        reviewer = db.session.scalar(
            select(User).where(User.email == "reviewer@curriculum.example")
        )
        course = make_curriculum(
            provider,
            state="approved",
            program="ce",
            title="Sierra boundaries CE (browser)",
            text=CE_SYLLABUS.read_text(encoding="utf-8"),
            reviewer=reviewer,
            approved_on=context.today(),
        )
        return course.title


def test_anonymous_complaint_to_suspension_and_export(live_server, browser, page):
    url, app = live_server.url, live_server.app
    result = app.test_cli_runner().invoke(args=["demo", "load", "--demo"])
    assert result.exit_code == 0, result.output
    course = _approved_ce_course_of_sierra(app)
    peer = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(peer, url, "peer@curriculum.example", DEMO_PASSWORD)
    peer.goto(url + "/ce/catalogue")
    assert course in peer.inner_text("main")

    # Anyone files a complaint, without an account.
    page.goto(url + "/complaints/new")
    assert_accessible(page)
    page.check("input[name=respondent_type][value=provider]")
    page.select_option("#organization_id", label="Sierra Recovery Collaborative")
    page.fill("#nature", "The course certificate listed 6 hours; the class lasted two.")
    page.fill("#complainant_contact", "browser.complainant@example.org")
    main = submit(page, "main button[type=submit]")
    assert "Complaint received" in main
    reference = page.inner_text(".reference")
    assert_accessible(page)

    # A reviewer investigates, extends once (the notice goes out), and suspends the approval.
    sign_in(page, url, "reviewer@curriculum.example", DEMO_PASSWORD)
    page.goto(url + "/complaints")
    assert_accessible_and_keep(page, "complaints-log")
    follow(page, f"text={reference}")
    follow(page, "text=Open the investigation")
    page.fill("#extend-days", "20")
    page.fill("#extend-reason", "The provider's sign-in sheets are still to come.")
    main = submit(page, "text=Extend and send the notice")
    assert "extended by 20 days" in main and "no further extension" in main
    assert_accessible_and_keep(page, "complaint-detail")
    with app.app_context():
        from app.extensions import db

        notice = db.session.scalar(
            select(OutboxEmail).where(
                OutboxEmail.recipient == "browser.complainant@example.org",
                OutboxEmail.subject.contains("extended"),
            )
        )
        assert notice is not None and reference in notice.subject
    page.select_option("#decision-outcome", "suspend")
    page.fill("#decision-reason", "Hours on the certificates were not taught.")
    follow(page, "text=Record the disposition and send the letters")
    assert "status is updated" in page.inner_text("main")

    # The provider list and the catalogue show it on the next request.
    page.goto(url + "/providers")
    assert "Approval suspended" in page.inner_text("main")
    assert_accessible(page)
    peer.goto(url + "/ce/catalogue")
    assert course not in peer.inner_text("main")
    with app.app_context():
        from app.extensions import db

        sierra = db.session.scalar(
            select(Organization).where(Organization.name == "Sierra Recovery Collaborative")
        )
        assert any("Final disposition" in e.subject for e in db.session.scalars(
            select(OutboxEmail).where(OutboxEmail.recipient == sierra.contact_email)
        ))  # fmt: skip

    # The log exports with the decision in it.
    exported = page.request.get(url + "/complaints.csv?respondent_type=provider")
    rows = list(csv.reader(io.StringIO(exported.text())))
    mine = [r for r in rows if r[0] == reference]
    assert mine and mine[0][9].startswith("Substantiated; suspend")

    # The DHCS report of the demo fiscal year, with its charts.
    page.goto(url + "/reports/dhcs")
    assert "App. E item" in page.inner_text("main") and page.locator("svg.chart").count() > 5
    assert_accessible_and_keep(page, "dhcs-report", full_page=False)
    peer.context.close()
