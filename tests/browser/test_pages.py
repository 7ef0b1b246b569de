"""Public pages in a real browser: they render, pass axe-core WCAG 2.1 AA, and work by keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.browser
CURRICULA = Path(__file__).resolve().parents[2] / "curricula"

PAGES = [
    "/",
    "/frameworks",
    "/frameworks/core",
    "/frameworks/crisis",
    "/frameworks/exam",
    "/competencies/core-6",
    "/competencies/justice-1",
    "/competencies/exam-1",
    "/graph",
    "/search?q=trauma",
    "/check",
    "/frameworks/nonexistent",
    "/login",
    "/register",
    "/register/peer",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_is_accessible(live_server, page, path):
    response = page.goto(live_server.url + path)
    assert response.status in (200, 404)
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_check_report_is_accessible(live_server, page):
    page.goto(live_server.url + "/check")
    page.fill("#text", (CURRICULA / "core_incomplete_short.md").read_text())
    page.click("button[type=submit]")
    page.wait_for_selector("#report-h")
    assert "Does not pass" in page.inner_text("main")
    assert page.locator("table.heatmap td.heat-4").count() > 0
    assert_accessible(page)


def test_upload_docx_in_the_browser(live_server, page):
    page.goto(live_server.url + "/check")
    page.set_input_files("#upload", str(CURRICULA / "core_80_hour_syllabus.docx"))
    page.click("button[type=submit]")
    page.wait_for_selector("#report-h")
    assert "Passes every rule" in page.inner_text("main")


def test_skip_link_is_first_and_moves_focus_to_main(live_server, page):
    page.goto(live_server.url + "/frameworks")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_graph_boxes_open_competencies(live_server, page):
    page.goto(live_server.url + "/graph")
    page.click("svg a[href='/competencies/crisis-6']")
    page.wait_for_url("**/competencies/crisis-6")
    assert "Conflict Resolution" in page.inner_text("h1")


def test_admin_signs_in_and_pages_are_accessible(live_server, page):
    from app.auth.models import Role
    from tests.factories import DEFAULT_PASSWORD, make_organization, make_user

    with live_server.app.app_context():
        admin = make_user(Role.ADMIN)
        make_organization("Pending Peer Org", approved=False)
        email = admin.email
    page.goto(live_server.url + "/login")
    page.fill("#email", email)
    page.fill("#password", DEFAULT_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/admin")
    assert_accessible(page)
    page.click("text=Approve Pending Peer Org")
    assert "is approved" in page.inner_text("main")
    page.goto(live_server.url + "/admin/settings")
    assert_accessible(page)
    page.goto(live_server.url + "/admin/invite")
    assert_accessible(page)
