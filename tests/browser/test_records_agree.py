"""Pages that must agree with the record, in a real browser: CE hours are not inflated by form
defaults, a deleted draft's number is not given again, the review queue says which filters it
combines, the CE page and the certification page give one expiry date after a renewal, and a
respondent cannot appeal a complaint still under investigation."""

from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.auth.models import Role
from app.complaints import services as complaints
from app.dates import add_years
from app.extensions import db
from tests.browser.axe import assert_accessible
from tests.browser.steps import new_curriculum, sign_in, submit
from tests.ce.factories import make_profile
from tests.complaints.factories import BOUNDARIES, investigate_and_decide, make_complaint
from tests.factories import make_user
from tests.registry.test_renewal import _holder
from tests.submissions.factories import make_curriculum

pytestmark = pytest.mark.browser

TODAY = datetime.now(UTC).date()
TAB = "nav[aria-label='Queue views']"
CURRICULA = Path(__file__).resolve().parents[2] / "curricula"


def _fill_entry(page, url, *, title, hours, day):
    page.goto(url + "/ce/entries/new")
    page.fill("#title", title)
    page.fill("#provider", "Golden State Peer Training")
    page.fill("#start_date", day)
    page.fill("#hours", hours)
    page.fill("#evidence", "certificate.pdf")


def test_ce_form_defaults_do_not_inflate_hours(live_server, page):
    url = live_server.url
    with live_server.app.app_context():
        peer = make_user(Role.PEER)
        make_profile(peer, issued_on=TODAY - timedelta(days=200))
        email = peer.email
    sign_in(page, url, email)
    day = (TODAY - timedelta(days=10)).isoformat()

    # The source starts unchosen; leaving it so is refused and the typed values stay.
    _fill_entry(page, url, title="Boundaries in Peer Work", hours="3", day=day)
    assert page.input_value("#source") == ""
    main = submit(page)
    assert "Choose where the course came from" in main
    assert page.input_value("#title") == "Boundaries in Peer Work"
    assert page.input_value("#hours") == "3"
    assert page.input_value("#start_date") == day
    assert_accessible(page)

    # Law and ethics without a topic is refused.
    _fill_entry(page, url, title="Ethics Without Topics", hours="3", day=day)
    page.select_option("#source", "calmhsa_ce_provider")
    page.check("#law_ethics")
    main = submit(page)
    assert "Name the law and ethics topics" in main
    assert page.input_value("#title") == "Ethics Without Topics"

    # 25 hours on one day is more than the day holds.
    _fill_entry(page, url, title="Marathon Course", hours="25", day=day)
    page.select_option("#source", "calmhsa_ce_provider")
    main = submit(page)
    assert "more than the days hold" in main
    assert page.input_value("#hours") == "25"

    # None of the three was saved.
    page.goto(url + "/ce")
    main = page.inner_text("main")
    for title in ("Boundaries in Peer Work", "Ethics Without Topics", "Marathon Course"):
        assert title not in main


def _new_curriculum(page, url, title):
    new_curriculum(page, url, title, (CURRICULA / "core_incomplete_short.md").read_text())
    match = re.search(r"/curricula/(\d+)", page.url)
    assert match, page.url
    return int(match.group(1))


def test_a_deleted_drafts_number_is_not_given_again(live_server, page):
    url = live_server.url
    with live_server.app.app_context():
        email = make_user(Role.PROVIDER).email
    sign_in(page, url, email)
    deleted = _new_curriculum(page, url, "Draft To Be Deleted")
    page.goto(f"{url}/curricula/{deleted}/timeline")
    assert len(page.query_selector_all("ol.timeline li")) >= 1
    page.goto(f"{url}/curricula/{deleted}")

    # Without the box ticked the browser does not send the form and nothing is deleted.
    assert page.eval_on_selector("#delete-confirm", "e => e.required && e.validity.valueMissing")
    page.click("text=Delete the draft")
    assert page.request.get(f"{url}/curricula/{deleted}").status == 200
    page.check("#delete-confirm")
    with page.expect_navigation():
        page.click("text=Delete the draft")
    assert "is deleted" in page.inner_text("main")
    assert page.request.get(f"{url}/curricula/{deleted}").status == 404

    fresh = _new_curriculum(page, url, "Curriculum After Deletion")
    assert fresh > deleted
    page.goto(f"{url}/curricula/{fresh}/timeline")
    timeline = page.inner_text("main")
    assert "Curriculum After Deletion" in timeline
    assert "Draft To Be Deleted" not in timeline and "delete" not in timeline.lower()
    assert len(page.query_selector_all("ol.timeline li")) == 1
    assert_accessible(page)


def test_the_queue_state_filter_says_which_tab_it_combines_with(live_server, page):
    url = live_server.url
    approved = ("Queue Approved Alpha", "Queue Approved Beta")
    with live_server.app.app_context():
        reviewer = make_user(Role.REVIEWER)
        for title in approved:
            make_curriculum(state="approved", reviewer=reviewer, title=title)
        make_curriculum(state="submitted", title="Queue Submitted Gamma")
        email = reviewer.email
    sign_in(page, url, email)
    page.goto(url + "/review")
    assert "Open items" in page.inner_text(f"{TAB} a[aria-current=page]")
    main = page.inner_text("main")
    assert "Queue Submitted Gamma" in main
    assert not any(title in main for title in approved)

    # "approved" on the open-items tab: the page says the tab leaves approved curricula out.
    page.select_option("#state", "approved")
    with page.expect_navigation():
        page.click("main form[role=search] button[type=submit]")
    scope = page.inner_text("#filter-scope")
    assert "The filters apply within the tab “Open items”" in scope
    assert "an approved one, on the open-items tabs" in scope and "is not shown" in scope
    table = page.inner_text("main table")
    assert not any(title in table for title in approved)
    assert "Queue Submitted Gamma" not in table
    assert_accessible(page)

    # Its link shows every approved curriculum, on the tab "All".
    with page.expect_navigation():
        page.click("#filter-scope a:has-text('every curriculum approved')")
    assert "view=all" in page.url and "state=approved" in page.url
    assert page.inner_text(f"{TAB} a[aria-current=page]").startswith("All")
    assert page.input_value("#state") == "approved"
    table = page.inner_text("main table")
    assert all(title in table for title in approved)
    assert "Queue Submitted Gamma" not in table
    assert "All, state approved" in page.inner_text("main table caption")
    assert "The filters apply within the tab “All”." in page.inner_text("#filter-scope")


def _expiry_on(page, url, path, pattern, fmt):
    """The expiry date a page of the peer's writes, found by ``pattern`` and read with ``fmt``."""
    page.goto(url + path)
    match = re.search(pattern, page.inner_text("main"))
    assert match, path
    return datetime.strptime(match.group(1), fmt).date()


def test_the_ce_page_and_the_certification_page_agree_after_a_renewal(live_server, page):
    url = live_server.url
    with live_server.app.app_context():
        user, record = _holder(db, 40)
        email, previous = user.email, record.expires_on
    renewed = add_years(previous, 2)
    sign_in(page, url, email)
    pages = (
        ("/ce", r"· expires (\d{4}-\d{2}-\d{2})", "%Y-%m-%d"),
        ("/ce/profile", r"Expiration date\s+(\d{4}-\d{2}-\d{2})", "%Y-%m-%d"),
        ("/registry/renewal", r"· expires (\d{4}-\d{2}-\d{2})", "%Y-%m-%d"),
    )
    assert {_expiry_on(page, url, *p) for p in pages} == {previous}

    page.goto(url + "/registry/renewal")
    page.check("#attest")
    page.fill("#signature", "Robin Diaz")
    main = submit(page)
    said = re.search(r"now expires on (\w+ \d{1,2}, \d{4})", main)
    assert said and datetime.strptime(said.group(1), "%B %d, %Y").date() == renewed
    assert {_expiry_on(page, url, *p) for p in pages} == {renewed}
    page.goto(url + "/ce")
    assert "The renewal window opens in" in page.inner_text("main")
    assert_accessible(page)


def test_a_respondent_cannot_open_a_complaint_under_investigation(live_server, page):
    url = live_server.url
    today = TODAY
    with live_server.app.app_context():
        reviewer = make_user(Role.REVIEWER)
        profile = make_profile(legal_name="Casey Respondent")
        received = make_complaint(profile=profile, received_on=today)
        investigated = make_complaint(profile=profile, received_on=today)
        complaints.investigate(db.session, investigated, reviewer, today=today)
        decided = make_complaint(profile=profile, received_on=today)
        investigate_and_decide(decided, reviewer, today=today, outcome="suspend", reason=BOUNDARIES)
        db.session.commit()
        email = profile.user.email
        references = [c.reference for c in (received, investigated, decided)]
        ids = [c.id for c in (received, investigated, decided)]

    # References made one after another are random, not counted: no id in them, and more than
    # the last character differs between neighbours.
    for reference, number in zip(references, ids, strict=True):
        assert re.fullmatch(r"C\d{2}(-[0-9A-Z]{4}){3}", reference), reference
        assert f"-{number:04d}" not in reference and not reference.endswith(f"-{number}")
    for one, two in itertools.pairwise(references):
        assert one[:-1] != two[:-1]

    sign_in(page, url, email)
    for reference in references[:2]:
        response = page.goto(f"{url}/complaints/outcome/{reference}")
        assert response.status == 404
        main = page.inner_text("main")
        assert "File the appeal" not in main and "Casey Respondent" not in main
    page.goto(url + "/ce")
    main = page.inner_text("main")
    assert references[0] not in main and references[1] not in main

    # The decided one, its letter sent, opens with its appeal form.
    response = page.goto(f"{url}/complaints/outcome/{references[2]}")
    assert response.status == 200 and "File the appeal" in page.inner_text("main")
