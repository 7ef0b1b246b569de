"""Completion rosters in a real browser: a provider posts a roster and two peers see the hours,
one row refused for a name mismatch; a peer disputes; a peer imports an .xlsx CE log. Every new
page is checked with axe-core at 1280 and 390 px."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.auth.models import Role
from tests.browser.roster_factories import accessible_at_both_widths, ce_course_and_peers, signed_in
from tests.ce.factories import make_profile
from tests.factories import make_user
from tests.workbooks import make_xlsx

pytestmark = pytest.mark.browser


def test_a_provider_posts_a_roster_and_two_peers_see_the_hours(live_server, browser, tmp_path):
    url, app = live_server.url, live_server.app
    day = datetime.now(UTC).date() - timedelta(days=10)
    with app.app_context():
        provider, course, peers, profiles = ce_course_and_peers(
            "Boundaries CE", ["María López", "Sam Lee", "Kim Park"], day
        )
        numbers = [p.certification_number for p in profiles]
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

    page = signed_in(browser, url, provider_email)
    page.goto(url + "/provider/rosters")
    with page.expect_navigation():
        page.click(f"a[href='/provider/courses/{course_id}/completions']")
    accessible_at_both_widths(page)
    page.set_input_files("#file", str(roster))
    with page.expect_navigation():
        page.click("main button[type=submit]")
    main = page.inner_text("main")
    assert "Will be posted: 2" in main and "Refused: 1" in main
    assert "does not match the registry's name" in main
    accessible_at_both_widths(page)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "2 completions posted" in page.inner_text("main")
    page.context.close()

    for email, hours in ((emails[0], "3"), (emails[1], "2.5")):
        peer_page = signed_in(browser, url, email)
        peer_page.goto(url + "/ce")
        main = peer_page.inner_text("main")
        assert "Boundaries CE" in main and "reported by the provider" in main
        assert f"CE hours (§207.3): {hours} of 20" in main
        peer_page.context.close()
    unmatched = signed_in(browser, url, emails[2])
    unmatched.goto(url + "/ce")
    assert "Boundaries CE" not in unmatched.inner_text("main")
    unmatched.context.close()

    # The first peer disputes the entry; staff see it.
    peer_page = signed_in(browser, url, emails[0])
    peer_page.goto(url + "/ce")
    with peer_page.expect_navigation():
        peer_page.click("main a:has-text('Boundaries CE')")
    accessible_at_both_widths(peer_page)
    peer_page.fill("#reason", "I attended 2 hours, not 3.")
    with peer_page.expect_navigation():
        peer_page.click("main button[type=submit]")
    assert "Your dispute is recorded" in peer_page.inner_text("main")
    peer_page.context.close()
    with app.app_context():
        staff_email = make_user(Role.REVIEWER).email
    staff = signed_in(browser, url, staff_email)
    staff.goto(url + "/completions/disputes")
    assert "I attended 2 hours, not 3." in staff.inner_text("main")
    accessible_at_both_widths(staff)
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
    page = signed_in(browser, url, email)
    page.goto(url + "/ce/import")
    page.set_input_files("#file", str(log))
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "Check how your columns are read" in page.inner_text("main")
    accessible_at_both_widths(page)
    page.select_option("#source", "calmhsa_ce_provider")
    page.select_option("#format", "in_person")
    page.check("#confirm")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    main = page.inner_text("main")
    assert "2 entries imported" in main
    assert "Ethics in Peer Work" in main and "Crisis Basics" in main
    page.context.close()
