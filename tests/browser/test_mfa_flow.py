"""A reviewer, who must use a second factor, sets up an authenticator app in a real browser,
keeps the recovery codes, signs out and signs in again with a code; every page checked with
axe-core."""

from __future__ import annotations

from types import SimpleNamespace

import pyotp
import pytest

from app.auth import mfa
from app.auth.models import Role
from tests.browser.axe import assert_accessible
from tests.browser.steps import sign_in, sign_out
from tests.factories import make_user

pytestmark = pytest.mark.browser
# The instant the app's code checks read (the server runs in this process): 15 s into a 30-second
# step, so a slow page never carries a code into the next step between typing and checking it.
NOW = 1_800_000_015.0


def test_reviewer_enrols_and_signs_in_with_a_code(live_server, page, monkeypatch):
    monkeypatch.setattr(mfa, "time", SimpleNamespace(time=lambda: NOW))
    app, url = live_server.app, live_server.url
    app.config["MFA_REQUIRED_ROLES"] = ("reviewer", "admin")
    try:
        with app.app_context():
            email = make_user(Role.REVIEWER).email
        sign_in(page, url, email)
        # The role needs a second factor: every page leads to the set-up page first.
        page.goto(url + "/review")
        assert page.url.endswith("/account/mfa/setup")
        assert page.locator("main svg title").text_content().startswith("QR code")
        assert_accessible(page)
        secret = page.inner_text("#totp-secret").replace(" ", "")
        totp = pyotp.TOTP(secret)
        page.fill("#code", totp.at(NOW - 30))  # a code the app showed a moment ago
        page.click("main button[type=submit]")
        codes = page.locator(".recovery-codes code").all_inner_texts()
        assert len(codes) == 10
        assert_accessible(page)
        page.goto(url + "/review")
        assert page.url.endswith("/review")
        sign_out(page)

        sign_in(page, url, email, check=False)
        assert "/login/code" in page.url
        assert_accessible(page)
        page.fill("#code", "000000")
        page.click("main button[type=submit]")
        assert "not right" in page.inner_text("main")
        page.fill("#code", totp.at(NOW))
        with page.expect_navigation():
            page.click("main button[type=submit]")
        assert page.url == url + "/"  # signed in: the reviewer's inbox
        sign_out(page)

        sign_in(page, url, email, check=False)  # the phone is lost: a recovery code instead
        page.fill("#code", codes[0])
        with page.expect_navigation():
            page.click("main button[type=submit]")
        assert page.url == url + "/"
        page.goto(url + "/account/security")
        assert "9 unused recovery codes" in page.inner_text("main")
        assert_accessible(page)
    finally:
        app.config["MFA_REQUIRED_ROLES"] = ()
