"""Completion rosters in a real browser: a provider posts a roster and two peers see the hours,
one row refused for a name mismatch; a peer disputes; a peer imports an .xlsx CE log. Every new
page is checked with axe-core at 1280 and 390 px."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.auth.models import Role
from tests.browser.axe import assert_accessible
from tests.ce.factories import make_profile
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.submissions.factories import make_curriculum
from tests.workbooks import make_xlsx

pytestmark = pytest.mark.browser

CE_SYLLABUS = "---\nprogram: ce\n---\n## Boundaries and ethics (3 hours)\nLaw and ethics\n"
WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _signed_in(browser, url: str, email: str):
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(url + "/login")
    page.fill("#email", email)
    page.fill("#password", DEFAULT_PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    return page


def _accessible_at_both_widths(page) -> None:
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    assert_accessible(page)
    page.set_viewport_size(WIDE)


def test_a_provider_posts_a_roster_and_two_peers_see_the_hours(live_server, browser, tmp_path):
    url, app = live_server.url, live_server.app
    day = datetime.now(UTC).date() - timedelta(days=10)
    with app.app_context():
        provider = make_user(Role.PROVIDER)
        course = make_curriculum(
            provider, state="approved", program="ce", title="Boundaries CE", text=CE_SYLLABUS
        )
        peers = [make_user(Role.PEER) for _ in range(3)]
        first = make_profile(peers[0], legal_name="María López", issued_on=day - timedelta(days=60))
        second = make_profile(peers[1], legal_name="Sam Lee", issued_on=day - timedelta(days=60))
        third = make_profile(peers[2], legal_name="Kim Park", issued_on=day - timedelta(days=60))
        numbers = [p.certification_number for p in (first, second, third)]
        emails = [u.email for u in peers]
        provider_email, course_id = provider.email, course.id
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "certification_number,name,completed_on,hours\n"
        f"{numbers[0]},maria lopez,{day:%m/%d/%Y},3\n"
        f"{numbers[1]},Sam Lee,{day.isoformat()},2.5\n"
        f"{numbers[2]},Kimberly Parks,{day.isoformat()},3\n",
        encoding="utf-8",
    )

    page = _signed_in(browser, url, provider_email)
    page.goto(url + "/provider/rosters")
    with page.expect_navigation():
        page.click(f"a[href='/provider/courses/{course_id}/completions']")
    _accessible_at_both_widths(page)
    page.set_input_files("#file", str(roster))
    with page.expect_navigation():
        page.click("main button[type=submit]")
    main = page.inner_text("main")
    assert "Will be posted: 2" in main and "Refused: 1" in main
    assert "does not match the registry's name" in main
    _accessible_at_both_widths(page)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "2 completions posted" in page.inner_text("main")
    page.context.close()

    for email, hours in ((emails[0], "3"), (emails[1], "2.5")):
        peer_page = _signed_in(browser, url, email)
        peer_page.goto(url + "/ce")
        main = peer_page.inner_text("main")
        assert "Boundaries CE" in main and "reported by the provider" in main
        assert f"CE hours (§207.3): {hours} of 20" in main
        peer_page.context.close()
    unmatched = _signed_in(browser, url, emails[2])
    unmatched.goto(url + "/ce")
    assert "Boundaries CE" not in unmatched.inner_text("main")
    unmatched.context.close()

    # The first peer disputes the entry; staff see it.
    peer_page = _signed_in(browser, url, emails[0])
    peer_page.goto(url + "/ce")
    with peer_page.expect_navigation():
        peer_page.click("main a:has-text('Boundaries CE')")
    _accessible_at_both_widths(peer_page)
    peer_page.fill("#reason", "I attended 2 hours, not 3.")
    with peer_page.expect_navigation():
        peer_page.click("main button[type=submit]")
    assert "Your dispute is recorded" in peer_page.inner_text("main")
    peer_page.context.close()
    with app.app_context():
        staff_email = make_user(Role.REVIEWER).email
    staff = _signed_in(browser, url, staff_email)
    staff.goto(url + "/completions/disputes")
    assert "I attended 2 hours, not 3." in staff.inner_text("main")
    _accessible_at_both_widths(staff)
    staff.context.close()


def test_a_peer_imports_an_xlsx_ce_log(live_server, browser, tmp_path):
    url, app = live_server.url, live_server.app
    day = datetime.now(UTC).date() - timedelta(days=20)
    with app.app_context():
        peer = make_user(Role.PEER)
        make_profile(peer, legal_name="Dana Díaz", issued_on=day - timedelta(days=90))
        email = peer.email
    log = tmp_path / "my-ce-log.xlsx"
    log.write_bytes(
        make_xlsx(
            [
                ["Course Name", "Provider", "Completion Date", "Credit Hours"],
                ["Ethics in Peer Work", "Golden State Peer Training", day, 6],
                ["Crisis Basics", "County BH", day + timedelta(days=1), 1.5],
            ]
        )
    )
    page = _signed_in(browser, url, email)
    page.goto(url + "/ce/import")
    page.set_input_files("#file", str(log))
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "Check how your columns are read" in page.inner_text("main")
    _accessible_at_both_widths(page)
    page.select_option("#source", "calmhsa_ce_provider")
    page.select_option("#format", "in_person")
    page.check("#confirm")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    main = page.inner_text("main")
    assert "2 entries imported" in main
    assert "Ethics in Peer Work" in main and "Crisis Basics" in main
    page.context.close()
