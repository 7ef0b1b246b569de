"""The demo peer's CE record in a real browser, every page checked with axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.auth.demo import DEMO_PASSWORD
from app.auth.models import User
from app.ce.models import PeerProfile
from tests.browser.axe import assert_accessible
from tests.browser.steps import sign_in, sign_out

pytestmark = pytest.mark.browser

TODAY = datetime.now(UTC).date()


def _day(days_ago: int) -> str:
    return (TODAY - timedelta(days=days_ago)).isoformat()


def _add(page, url, title, provider, day, *, hours=None, units=None, source, topics=()):
    page.goto(url + "/ce/entries/new")
    page.fill("#title", title)
    page.fill("#provider", provider)
    page.fill("#start_date", day)
    if hours:
        page.fill("#hours", hours)
    if units:
        page.fill("#units", units)
    page.select_option("#source", source)
    if topics:
        page.check("#law_ethics")
        page.select_option("#law_ethics_topics", list(topics))
    page.fill("#evidence", "certificate.pdf")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    return page.inner_text("main")


def test_demo_peer_logs_entries_exports_and_is_audited(live_server, page, tmp_path):
    url = live_server.url
    result = live_server.app.test_cli_runner().invoke(args=["demo", "load", "--demo"])
    assert result.exit_code == 0, result.output
    with live_server.app.app_context():
        from app.extensions import db

        peer = db.session.scalar(select(User).where(User.email == "peer@curriculum.example"))
        profile = db.session.scalar(select(PeerProfile).where(PeerProfile.user_id == peer.id))
        issued = profile.issued_on.isoformat()

    sign_in(page, url, "peer@curriculum.example", DEMO_PASSWORD)
    page.goto(url + "/ce")
    main = page.inner_text("main")
    assert "CE hours (§207.3): 18 of 20" in main and "App. C 5.B" in main
    assert_accessible(page)

    # The same course again: it counts once (App. C 1.A).
    course = ("Law & Ethics for Peer Support Specialists", "Golden State Peer Training", _day(20))
    main = _add(page, url, *course, hours="6", source="calmhsa_ce_provider", topics=("le-3",))
    assert "CE hours (§207.3): 18 of 20" in main and "App. C 1.A" in main
    course = ("Confidentiality in Peer Work", "County Behavioral Health", _day(15))
    main = _add(page, url, *course, hours="2", source="county_behavioral_health", topics=("le-13",))
    assert "CE hours (§207.3): 20 of 20" in main and "Law and ethics: 8 of 6" in main
    page.goto(url + "/ce/entries/new")
    assert_accessible(page)
    main = _add(
        page,
        url,
        "Group Facilitation",
        "City College",
        _day(10),
        units="0.5",
        source="accredited_school",
    )
    assert "CE hours (§207.3): 22 of 20" in main
    main = _add(page, url, "Self-care podcast", "A podcast", _day(5), hours="1", source="other")
    assert "CE hours (§207.3): 22 of 20" in main
    assert_accessible(page)

    with page.expect_download() as download:
        page.click("text=Export CSV")
    assert download.value.suggested_filename == "ce-record.csv"
    csv_path = tmp_path / "record.csv"
    download.value.save_as(csv_path)
    page.goto(url + "/ce/transcript")
    assert "Jordan A. Peer" in page.inner_text("main")
    assert_accessible(page)

    # `ce check` on the exported CSV gives the same summary as the app.
    shown = page.request.get(url + "/api/v1/ce/summary").json()
    result = live_server.app.test_cli_runner().invoke(
        args=["ce", "check", str(csv_path), "--issued", issued, "--json"]
    )
    assert result.exit_code == (0 if shown["compliant"] else 1), result.output
    checked = json.loads(result.output)
    for key in (
        "period",
        "total_hours",
        "law_ethics_hours",
        "required_hours",
        "required_law_ethics_hours",
        "compliant",
        "renewal_window",
    ):
        assert checked[key] == shown[key], key
    assert [(e["title"], e["counted"]) for e in checked["entries"]] == [
        (e["title"], e["counted"]) for e in shown["entries"]
    ]

    # Upload a proof for the academic-units course.
    page.goto(url + "/ce")
    page.click("text=Group Facilitation")
    assert "counts" in page.inner_text("main")
    page.set_input_files(
        "#file",
        {"name": "transcript.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"},
    )
    with page.expect_navigation():
        page.click("button:has-text('Upload')")
    assert "transcript.pdf is attached" in page.inner_text("main")
    assert_accessible(page)
    with page.expect_download() as proof:
        page.click("main a:has-text('transcript.pdf')")
    proof.value.save_as(tmp_path / "transcript.pdf")
    assert (tmp_path / "transcript.pdf").read_bytes() == b"%PDF-1.4\n%%EOF\n"
    sign_out(page)

    # A reviewer draws every peer renewing in the next 200 days and reviews the proof.
    sign_in(page, url, "reviewer@curriculum.example", DEMO_PASSWORD)
    page.goto(url + "/ce/audits")
    assert_accessible(page)
    page.fill("#window_start", TODAY.isoformat())
    page.fill("#window_end", (TODAY + timedelta(days=200)).isoformat())
    page.select_option("#method", "percent")
    page.fill("#amount", "100")
    page.fill("#seed", "7")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    main = page.inner_text("main")
    assert "Jordan A. Peer" in main and "transcript.pdf" in main and "seed 7" in main
    assert_accessible(page)
    row = page.locator("tr", has_text="Group Facilitation")
    row.locator("select").select_option("accepted")
    row.locator("input[name=note]").fill("Transcript matches.")
    with page.expect_navigation():
        row.locator("button").click()
    assert (
        "accepted: Transcript matches."
        in page.locator("tr", has_text="Group Facilitation").inner_text()
    )
