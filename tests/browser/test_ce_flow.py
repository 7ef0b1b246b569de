"""A peer's CE record in a real browser, every page checked with axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

import json

import pytest

from app.auth.models import Role
from tests.browser.axe import assert_accessible
from tests.factories import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.browser


def _add(
    page,
    url,
    title,
    provider,
    day,
    *,
    hours=None,
    units=None,
    source="calmhsa_ce_provider",
    law_ethics=False,
):
    page.goto(url + "/ce/entries/new")
    page.fill("#title", title)
    page.fill("#provider", provider)
    page.fill("#start_date", day)
    if hours:
        page.fill("#hours", hours)
    if units:
        page.fill("#units", units)
    page.select_option("#source", source)
    if law_ethics:
        page.check("#law_ethics")
        page.select_option("#law_ethics_topics", ["le-3", "le-13"])
    page.fill("#evidence", "certificate.pdf")
    page.click("main button[type=submit]")


def test_peer_logs_entries_and_sees_counts_and_reasons(live_server, page, tmp_path):
    url = live_server.url
    with live_server.app.app_context():
        email = make_user(Role.PEER).email
    page.goto(url + "/login")
    page.fill("#email", email)
    page.fill("#password", DEFAULT_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/ce/profile")
    assert_accessible(page)
    page.fill("#legal_name", "Jo Browser Peer")
    page.fill("#certification_number", "MPSS765432")
    page.fill("#issued_on", "2025-03-01")
    page.click("main button[type=submit]")
    _add(page, url, "Law and Ethics", "Golden State", "2026-01-10", hours="6", law_ethics=True)
    _add(page, url, "Law and Ethics", "Golden State", "2026-02-10", hours="6", law_ethics=True)
    _add(
        page,
        url,
        "Psychology 101",
        "City College",
        "2025-09-01",
        units="3",
        source="accredited_school",
    )
    page.goto(url + "/ce/entries/new")
    assert_accessible(page)
    _add(page, url, "Webinar", "Someone", "2026-03-01", hours="4", source="other")
    main = page.inner_text("main")
    assert "CE hours (§207.3): 18 of 20" in main and "Law and ethics: 6 of 6" in main
    assert "App. C 1.A" in main and "App. C 5.B" in main
    assert_accessible(page)
    with page.expect_download() as download:
        page.click("text=Export CSV")
    assert download.value.suggested_filename == "ce-record.csv"
    csv_path = tmp_path / "record.csv"
    download.value.save_as(csv_path)
    page.goto(url + "/ce/transcript")
    assert "Jo Browser Peer" in page.inner_text("main")
    assert_accessible(page)

    # `ce check` on the exported CSV gives the same summary as the app.
    shown = page.request.get(url + "/api/v1/ce/summary").json()
    result = live_server.app.test_cli_runner().invoke(
        args=["ce", "check", str(csv_path), "--issued", "2025-03-01", "--json"]
    )
    checked = json.loads(result.output)
    for key in ("period", "total_hours", "law_ethics_hours", "compliant", "renewal_window"):
        assert checked[key] == shown[key], key

    # Upload a proof, then a reviewer draws an audit and accepts it.
    page.goto(url + "/ce")
    page.click("text=Psychology 101")
    page.set_input_files(
        "#file",
        {"name": "transcript.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"},
    )
    with page.expect_navigation():
        page.click("button:has-text('Upload')")
    assert "transcript.pdf is attached" in page.inner_text("main")
    assert_accessible(page)
    page.click("header button:has-text('Sign out')")
    with live_server.app.app_context():
        reviewer_email = make_user(Role.REVIEWER).email
    page.goto(url + "/login")
    page.fill("#email", reviewer_email)
    page.fill("#password", DEFAULT_PASSWORD)
    page.click("main button[type=submit]")
    page.goto(url + "/ce/audits")
    assert_accessible(page)
    page.fill("#window_start", "2027-01-01")
    page.fill("#window_end", "2027-12-31")
    page.fill("#amount", "100")
    page.select_option("#method", "percent")
    page.fill("#seed", "7")
    page.click("main button[type=submit]")
    assert "Jo Browser Peer" in page.inner_text("main")
    assert "transcript.pdf" in page.inner_text("main")
    assert_accessible(page)
    row = page.locator("tr", has_text="Psychology 101")
    row.locator("select").select_option("accepted")
    row.locator("input[name=note]").fill("Transcript matches.")
    with page.expect_navigation():
        row.locator("button").click()
    assert (
        "accepted: Transcript matches."
        in page.locator("tr", has_text="Psychology 101").inner_text()
    )
