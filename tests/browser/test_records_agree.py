"""Pages that must agree with the record, in a real browser: CE hours are not inflated by form
defaults, a deleted draft's number is not given again, the review queue says which filters it
combines, the CE page and the certification page give one expiry date after a renewal, and a
respondent cannot appeal a complaint still under investigation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.auth.models import Role
from tests.browser.axe import assert_accessible
from tests.ce.factories import make_profile
from tests.factories import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.browser

TODAY = datetime.now(UTC).date()


def _sign_in(page, url, email):
    page.goto(url + "/login")
    page.fill("#email", email)
    page.fill("#password", DEFAULT_PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")


def _fill_entry(page, url, *, title, hours, day):
    page.goto(url + "/ce/entries/new")
    page.fill("#title", title)
    page.fill("#provider", "Golden State Peer Training")
    page.fill("#start_date", day)
    page.fill("#hours", hours)
    page.fill("#evidence", "certificate.pdf")


def _submit(page):
    with page.expect_navigation():
        page.click("main button[type=submit]")
    return page.inner_text("main")


def test_ce_form_defaults_do_not_inflate_hours(live_server, page):
    url = live_server.url
    with live_server.app.app_context():
        peer = make_user(Role.PEER)
        make_profile(peer, issued_on=TODAY - timedelta(days=200))
        email = peer.email
    _sign_in(page, url, email)
    day = (TODAY - timedelta(days=10)).isoformat()

    # The source starts unchosen; leaving it so is refused and the typed values stay.
    _fill_entry(page, url, title="Boundaries in Peer Work", hours="3", day=day)
    assert page.input_value("#source") == ""
    main = _submit(page)
    assert "Choose where the course came from" in main
    assert page.input_value("#title") == "Boundaries in Peer Work"
    assert page.input_value("#hours") == "3"
    assert page.input_value("#start_date") == day
    assert_accessible(page)

    # Law and ethics without a topic is refused.
    _fill_entry(page, url, title="Ethics Without Topics", hours="3", day=day)
    page.select_option("#source", "calmhsa_ce_provider")
    page.check("#law_ethics")
    main = _submit(page)
    assert "Name the law and ethics topics" in main
    assert page.input_value("#title") == "Ethics Without Topics"

    # 25 hours on one day is more than the day holds.
    _fill_entry(page, url, title="Marathon Course", hours="25", day=day)
    page.select_option("#source", "calmhsa_ce_provider")
    main = _submit(page)
    assert "more than the days hold" in main
    assert page.input_value("#hours") == "25"

    # None of the three was saved.
    page.goto(url + "/ce")
    main = page.inner_text("main")
    for title in ("Boundaries in Peer Work", "Ethics Without Topics", "Marathon Course"):
        assert title not in main
