"""A disputed completion in a real browser: a peer disputes an entry its provider reported, a
reviewer finds it on the inbox and upholds it with a reason, and the peer's hours drop, the entry
kept and marked withdrawn; the provider's withdrawal page. Every new page is checked with axe-core
at 1280 and 390 px."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.auth.models import Role
from app.ce import disputes, rosters
from app.extensions import db
from tests.browser.roster_factories import accessible_at_both_widths, ce_course_and_peers, signed_in
from tests.factories import make_user

pytestmark = pytest.mark.browser


def _posted(app, day):
    """An approved course's roster posted onto two peers' records; their emails, the reported
    rows, the provider's email."""
    provider, course, peers, profiles = ce_course_and_peers(
        "Confidentiality CE", ["Ana Ruiz", "Lee Wong"], day
    )
    text = "certification_number,name,completed_on,hours\n" + "".join(
        f"{p.certification_number},{p.legal_name},{day.isoformat()},3\n" for p in profiles
    )
    posting = rosters.preview(
        db.session,
        course,
        provider,
        (text.encode(), "june.csv"),
        today=datetime.now(UTC).date(),
        upload_dir=app.config["UPLOAD_DIR"],
        max_bytes=2 * 1024 * 1024,
    )
    rosters.post(db.session, posting, provider, {2, 3}, today=datetime.now(UTC).date())
    db.session.commit()
    return [u.email for u in peers], [r.id for r in posting.reported], profiles, provider.email


def test_a_peer_disputes_staff_uphold_and_the_hours_drop(live_server, browser):
    url, app = live_server.url, live_server.app
    day = datetime.now(UTC).date() - timedelta(days=10)
    with app.app_context():
        emails, reported_ids, profiles, provider_email = _posted(app, day)
        # The second peer's dispute is opened directly: the provider's page is checked on it.
        second = rosters.reported_entry(db.session, profiles[1].entries[0].id)
        rosters.dispute(db.session, profiles[1], second.entry_id, "Wrong day.")
        db.session.commit()
        staff_email = make_user(Role.REVIEWER).email

    peer = signed_in(browser, url, emails[0])
    peer.goto(url + "/ce")
    assert "CE hours (§207.3): 3 of 20" in peer.inner_text("main")
    with peer.expect_navigation():
        peer.click("main a:has-text('Confidentiality CE')")
    peer.fill("#reason", "I left after the first hour.")
    with peer.expect_navigation():
        peer.click("main button[type=submit]")
    assert "Your dispute is recorded" in peer.inner_text("main")

    staff = signed_in(browser, url, staff_email)
    # Other tests on the shared server may leave disputes open: the count is this test's two
    # plus whatever the database holds besides.
    with app.app_context():
        open_now = disputes.open_count(db.session)
    assert open_now >= 2
    staff.goto(url + "/")
    assert staff.inner_text("[data-count=disputes]") == str(open_now)
    with staff.expect_navigation():
        staff.click("#inbox-disputes a:has-text('Open the full list')")
    main = staff.inner_text("main")
    assert "I left after the first hour." in main and "Wrong day." in main
    accessible_at_both_widths(staff)
    with staff.expect_navigation():
        staff.click(f"main a[href='/completions/disputes/{reported_ids[0]}']")
    accessible_at_both_widths(staff)
    # Without a reason the decision is refused (the browser first, then the server for a blank
    # one), and the choice made comes back.
    staff.check("#decision-0")
    assert staff.eval_on_selector("#reason", "e => e.required && e.validity.valueMissing")
    staff.fill("#reason", "   ")
    with staff.expect_navigation():
        staff.click("main button[type=submit]")
    assert "Give the reason for the decision" in staff.inner_text("main")
    assert staff.is_checked("#decision-0")
    accessible_at_both_widths(staff)
    staff.fill("#reason", "The sign-out sheet shows one hour.")
    with staff.expect_navigation():
        staff.click("main button[type=submit]")
    main = staff.inner_text("main")
    assert "The decision is recorded" in main and "The sign-out sheet shows one hour." in main
    accessible_at_both_widths(staff)
    staff.goto(url + "/completions/disputes?state=decided")
    assert "The sign-out sheet shows one hour." in staff.inner_text("main")
    accessible_at_both_widths(staff)
    staff.context.close()

    # The peer's hours drop; the entry is still there, marked withdrawn with the reason.
    peer.goto(url + "/ce")
    main = peer.inner_text("main")
    assert "CE hours (§207.3): 0 of 20" in main
    assert "Confidentiality CE" in main and "withdrawn" in main
    assert "The sign-out sheet shows one hour" in main
    with peer.expect_navigation():
        peer.click("main a:has-text('Confidentiality CE')")
    main = peer.inner_text("main")
    assert "Upheld" in main and "The sign-out sheet shows one hour." in main
    assert peer.locator("#reason").count() == 0
    accessible_at_both_widths(peer)
    peer.context.close()

    # The provider sees the decision on its roster, and may withdraw the other disputed row.
    provider = signed_in(browser, url, provider_email)
    provider.goto(url + f"/provider/disputes/{reported_ids[1]}")
    assert "Wrong day." in provider.inner_text("main")
    accessible_at_both_widths(provider)
    provider.fill("#reason", "Our roster had the wrong day.")
    with provider.expect_navigation():
        provider.click("main button[type=submit]")
    assert "The entry is withdrawn" in provider.inner_text("main")
    accessible_at_both_widths(provider)
    provider.context.close()
