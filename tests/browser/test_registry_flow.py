"""The certification life cycle in a real browser: an administrator registers a certification, the
peer claims it with the emailed code, logs CE and renews inside the window; a reviewer audits,
rejects one proof, the peer reads why and cannot change the audited entry, and the review closes
with an outcome that lands on the registry record. Every page is checked with axe-core."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.auth.models import Role
from app.dates import add_years
from app.notifications.models import OutboxEmail
from tests.browser.axe import assert_accessible
from tests.browser.steps import sign_in, sign_out, submit
from tests.factories import make_user

pytestmark = pytest.mark.browser

TODAY = datetime.now(UTC).date()


def _add(page, url, title, day, hours, source, topic=None):
    page.goto(url + "/ce/entries/new")
    page.fill("#title", title)
    page.fill("#provider", "Golden State Peer Training")
    page.fill("#start_date", day.isoformat())
    page.fill("#hours", hours)
    page.select_option("#source", source)
    if topic:
        page.check("#law_ethics")
        page.select_option("#law_ethics_topics", [topic])
    submit(page)
    page.click(f"text={title}")
    page.set_input_files(
        "#file",
        {"name": f"{title}.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"},
    )
    with page.expect_navigation():
        page.click("button:has-text('Upload')")


def test_registry_claim_renewal_and_an_audit_that_closes(live_server, page):
    url, app = live_server.url, live_server.app
    with app.app_context():
        admin = make_user(Role.ADMIN)
        reviewer = make_user(Role.REVIEWER)
        peer = make_user(Role.PEER)
        emails = (admin.email, reviewer.email, peer.email)
    issued = add_years(TODAY, -2) + timedelta(days=40)  # the renewal window is open
    number = f"MPSS{4000000 + peer.id}"

    # An administrator registers the certification and emails the claim code.
    sign_in(page, url, emails[0])
    page.goto(url + "/registry/records/new")
    assert_accessible(page)
    page.fill("#legal_name", "Morgan Ellis")
    page.fill("#certification_number", number)
    page.fill("#issued_on", issued.isoformat())
    page.fill("#expires_on", add_years(issued, 2).isoformat())
    page.fill("#email", emails[2])
    main = submit(page)
    assert "The record is added" in main and number in main
    record_url = page.url
    main = submit(page, "button:has-text('Email a claim code')")
    assert f"A code is emailed to {emails[2]}" in main
    assert_accessible(page)
    with app.app_context():
        from app.extensions import db

        body = db.session.scalar(select(OutboxEmail.body).where(OutboxEmail.recipient == emails[2]))
    code = re.search(r"[A-Z0-9]{5}-[A-Z0-9]{5}", body).group(0)
    sign_out(page)

    # The peer claims it with the code (typing the number gets nowhere), logs CE and renews.
    sign_in(page, url, emails[2])
    page.goto(url + "/ce")
    assert page.url.endswith("/ce/profile")
    assert_accessible(page)
    page.fill("#code", number)
    assert "not valid or has expired" in submit(page)
    page.fill("#code", code)
    main = submit(page)
    assert "Your certification is linked" in main
    _add(
        page,
        url,
        "Confidentiality law update",
        TODAY - timedelta(days=30),
        "6",
        "calmhsa_ce_provider",
        "le-3",
    )
    _add(
        page, url, "Recovery planning", TODAY - timedelta(days=20), "14", "county_behavioral_health"
    )
    page.goto(url + "/ce")
    assert "CE hours (§207.3): 20 of 20" in page.inner_text("main")
    page.goto(url + "/registry/renewal")
    main = page.inner_text("main")
    assert "$80" in main and "window is open" in main
    assert_accessible(page)
    page.check("#attest")
    page.fill("#signature", "Morgan Ellis")
    assert "Your renewal is recorded" in submit(page)
    sign_out(page)

    # A reviewer draws the peers renewing in the next 60 days and rejects one proof.
    sign_in(page, url, emails[1])
    page.goto(url + "/ce/audits")
    page.fill("#window_start", TODAY.isoformat())
    page.fill("#window_end", (TODAY + timedelta(days=60)).isoformat())
    page.select_option("#method", "percent")
    page.fill("#amount", "100")
    page.fill("#seed", "11")
    main = submit(page)
    assert "Morgan Ellis" in main and "20 of 20 hours" in main
    audit_url = page.url
    section = page.locator("section", has_text="Morgan Ellis")
    row = section.locator("tr", has_text="Recovery planning")
    row.locator("select").select_option("rejected")
    row.locator("input[name=note]").fill("The certificate shows no hours.")
    with page.expect_navigation():
        row.locator("button").click()
    row = page.locator("section", has_text="Morgan Ellis").locator(
        "tr", has_text="Confidentiality law update"
    )
    row.locator("select").select_option("accepted")
    with page.expect_navigation():
        row.locator("button").click()
    assert_accessible(page)
    sign_out(page)

    # The peer reads why, and cannot change the audited entry.
    sign_in(page, url, emails[2])
    page.goto(url + "/ce")
    main = page.inner_text("main")
    assert "Proof not accepted" in main and "The certificate shows no hours." in main
    assert_accessible(page)
    page.click("main a:has-text('Confidentiality law update')")
    main = page.inner_text("main")
    assert "Part of a records review" in main and "Save the entry" not in main
    assert "Delete this entry" not in main
    sign_out(page)

    # The reviewer closes the review; the outcome lands on the registry record.
    sign_in(page, url, emails[1])
    page.goto(audit_url)
    section = page.locator("section", has_text="Morgan Ellis")
    section.locator("select[name=outcome]").select_option("not_compliant")
    section.locator("input[name=note]").last.fill("No proof of hours for one course.")
    with page.expect_navigation():
        section.locator("button:has-text('Close the review')").click()
    assert "Not compliant" in page.locator("section", has_text="Morgan Ellis").inner_text()
    page.goto(record_url)
    main = page.inner_text("main")
    assert "CE records review: Not compliant" in main and "renewed" in main
    assert_accessible(page)
