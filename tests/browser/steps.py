"""Steps the browser tests take again and again: sign in, sign out, send a form.

Each step waits for the page the form leads to, so the next line of a test reads the new page
and never the old one.
"""

from __future__ import annotations

from tests.factories import DEFAULT_PASSWORD

SIGN_IN_BUTTON = "main button[type=submit]"
SIGN_OUT_BUTTON = "header .account button[type=submit]"
FORM_BUTTON = "main form button[type=submit]"


def sign_in(page, url: str, email: str, password: str = DEFAULT_PASSWORD, *, check=True) -> None:
    """Sign in through the form; with `check`, the header must then offer to sign out (a role
    with a second factor is asked for its code first: pass check=False)."""
    page.goto(url + "/login")
    page.fill("#email", email)
    page.fill("#password", password)
    with page.expect_navigation():
        page.click(SIGN_IN_BUTTON)
    if check:
        assert page.locator(SIGN_OUT_BUTTON).count() == 1, page.inner_text("main")


def sign_out(page) -> None:
    with page.expect_navigation():
        page.click(SIGN_OUT_BUTTON)


def submit(page, selector: str = FORM_BUTTON) -> str:
    """Press a form's button, wait for the page it leads to and return that page's main text."""
    with page.expect_navigation():
        page.click(selector)
    return page.inner_text("main")
