"""Public pages in a real browser: they render, pass axe-core WCAG 2.1 AA, and work by keyboard."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.browser
CURRICULA = Path(__file__).resolve().parents[2] / "curricula"

# Each page with the status it answers.
PAGES = {
    "/": 200,
    "/frameworks": 200,
    "/frameworks/core": 200,
    "/frameworks/crisis": 200,
    "/frameworks/exam": 200,
    "/competencies/core-6": 200,
    "/competencies/justice-1": 200,
    "/competencies/exam-1": 200,
    "/graph": 200,
    "/graph?left=pcfm&right=core": 200,
    "/graph?left=core&right=exam": 200,
    "/graph/path?source=pcfm-3&target=justice-6": 200,
    "/help/syllabus-format": 200,
    "/frameworks/pcfm": 200,
    "/search?q=trauma": 200,
    "/check": 200,
    "/frameworks/nonexistent": 404,
    "/login": 200,
    "/register": 200,
    "/register/peer": 200,
}


@pytest.mark.parametrize("path", sorted(PAGES))
def test_page_is_accessible(live_server, page, path):
    response = page.goto(live_server.url + path)
    assert response.status == PAGES[path]
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


def test_an_uploaded_syllabus_is_downloaded_as_a_report_from_the_text_box(live_server, page):
    page.goto(live_server.url + "/check")
    page.set_input_files("#upload", str(CURRICULA / "core_80_hour_syllabus.docx"))
    page.click("button[type=submit]")
    page.wait_for_selector("#report-h")
    assert "Module" in page.input_value("#text")  # the file's text came back in the box, once
    with page.expect_download() as download:
        page.click("text=Download JSON")
    report = json.loads(Path(download.value.path()).read_text())
    assert report["passed"] is True


def test_skip_link_is_first_and_moves_focus_to_main(live_server, page):
    page.goto(live_server.url + "/frameworks")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_graph_boxes_open_competencies(live_server, page):
    page.goto(live_server.url + "/graph?left=crisis&right=core")
    page.click("svg.crosswalk-w a[href='/competencies/crisis-6']")
    page.wait_for_url("**/competencies/crisis-6")
    assert "Conflict Resolution" in page.inner_text("h1")


# Every label inside its box, and its text at least this many pixels high on screen.
_MEASURE_BOXES = """(minimum) => {
  const svg = [...document.querySelectorAll('svg.crosswalk')].find(s => s.getBoundingClientRect().width > 0);
  const problems = [];
  let smallest = 1000;
  for (const node of svg.querySelectorAll('g.g-node')) {
    const rect = node.querySelector('rect').getBoundingClientRect();
    const text = node.querySelector('text');
    const box = text.getBoundingClientRect();
    const size = parseFloat(getComputedStyle(text).fontSize) * svg.getScreenCTM().a;
    smallest = Math.min(smallest, size);
    if (box.left < rect.left || box.right > rect.right || box.top < rect.top || box.bottom > rect.bottom)
      problems.push(node.parentElement.getAttribute('href'));
  }
  return {shown: svg.classList.contains('crosswalk-w') ? 'wide' : 'narrow', problems, smallest,
          boxes: svg.querySelectorAll('g.g-node').length};
}"""


@pytest.mark.parametrize(("width", "drawing"), [(1280, "wide"), (390, "narrow")])
@pytest.mark.parametrize(
    "pair", ["left=justice&right=core", "left=pcfm&right=core", "left=core&right=exam"]
)
def test_crosswalk_labels_fit_and_are_legible(live_server, browser, width, drawing, pair):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/graph?{pair}")
    measured = page.evaluate(_MEASURE_BOXES, 12)
    context.close()
    assert measured["shown"] == drawing
    assert measured["boxes"] >= 22
    assert measured["problems"] == []
    assert measured["smallest"] >= (12.5 if drawing == "narrow" else 14), measured


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
    page.wait_for_url(live_server.url + "/")  # every role lands on its inbox
    page.goto(live_server.url + "/admin")
    assert_accessible(page)
    page.click("text=Approve Pending Peer Org")
    assert "is approved" in page.inner_text("main")
    page.goto(live_server.url + "/admin/settings")
    assert_accessible(page)
    page.goto(live_server.url + "/admin/invite")
    assert_accessible(page)
