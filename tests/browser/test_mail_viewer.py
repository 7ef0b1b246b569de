"""With no mail server, a newcomer confirms an account through the link the mail viewer shows;
axe at 1280 and 390 px."""

from __future__ import annotations

import pytest

from app.auth.models import Role
from tests.browser.axe import assert_accessible
from tests.browser.steps import fill_in, sign_in
from tests.factories import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.browser
PASSWORD = "a newcomer's long password"


def test_a_newcomer_confirms_the_account_from_the_mail_viewer(live_server, page, browser):
    url, app = live_server.url, live_server.app
    assert not app.config.get("MAIL_SERVER")
    page.goto(url + "/register/peer")
    fill_in(page, name="Nora Newcomer", email="nora@newcomer.example")
    fill_in(page, password=PASSWORD, confirm=PASSWORD)
    page.click("main button[type=submit]")
    assert "Check your email" in page.inner_text("main")

    with app.app_context():
        admin = make_user(Role.ADMIN).email
    admin_context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        viewer = admin_context.new_page()
        sign_in(viewer, url, admin, DEFAULT_PASSWORD)
        viewer.goto(url + "/admin")
        viewer.click("text=Outbox")
        mail = viewer.locator("article", has_text="nora@newcomer.example")
        assert mail.count() == 1
        link = mail.locator("a[href*='/verify/']")
        href = link.get_attribute("href")
        assert href and href == link.inner_text()
        assert_accessible(viewer)
        viewer.set_viewport_size({"width": 390, "height": 844})
        assert_accessible(viewer)
    finally:
        admin_context.close()

    page.goto(href)
    assert "confirmed" in page.inner_text("main")
    sign_in(page, url, "nora@newcomer.example", PASSWORD)
    page.goto(url + "/account")
    assert "nora@newcomer.example" in page.inner_text("main")
