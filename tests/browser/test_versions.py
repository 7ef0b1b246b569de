"""A framework edit in a real browser: the reviewer's page lists the curricula decided under the
old text, with the statement old and new; axe at 1280 and 390 px."""

from __future__ import annotations

import pytest

from app.auth.models import Role
from tests.browser.axe import assert_accessible
from tests.browser.steps import sign_in
from tests.factories import make_user
from tests.submissions.factories import make_curriculum

pytestmark = pytest.mark.browser
OLD = "Understand the peer experience."
NEW = "Understand the peer experience and its limits."


def test_a_framework_edit_lists_the_curricula_decided_before_it(live_server, page, framework_copy):
    url, app = live_server.url, live_server.app
    with app.app_context():
        make_curriculum(state="approved", title="Decided under the old text")
        reviewer = make_user(Role.REVIEWER).email
    sign_in(page, url, reviewer)
    page.goto(url + "/review/changed-rules")
    assert "Decided under the old text" not in page.inner_text("main")

    core = framework_copy / "core.yaml"
    assert core.read_text().count(OLD) == 1
    core.write_text(core.read_text().replace(OLD, NEW))
    page.reload()
    main = page.inner_text("main")
    assert "Decided under the old text" in main
    assert "core.yaml" in main and OLD in main and NEW in main
    assert page.locator("del", has_text=OLD).count() == 1
    assert page.locator("ins", has_text=NEW).count() == 1
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(page)
    page.click("text=Decided under the old text")
    assert "Decided under the old text" in page.inner_text("main")
