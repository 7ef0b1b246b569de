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
