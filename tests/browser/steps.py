"""Steps the browser tests take again and again: sign in, sign out, send a form.

Each step waits for the page the form leads to, so the next line of a test reads the new page
and never the old one.
"""

from __future__ import annotations

from tests.browser.artifacts import SCREENSHOTS
from tests.browser.axe import assert_accessible
from tests.factories import DEFAULT_PASSWORD

SIGN_IN_BUTTON = MAIN_BUTTON = "main button[type=submit]"
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
    follow(page, SIGN_OUT_BUTTON)


def follow(page, selector: str) -> None:
    """Click a link or button and wait for the page it leads to."""
    with page.expect_navigation():
        page.click(selector)


def submit(page, selector: str = FORM_BUTTON) -> str:
    """Press a form's button, wait for the page it leads to and return that page's main text."""
    follow(page, selector)
    return page.inner_text("main")


def fill_in(page, **fields: str) -> None:
    """Type each value into the field of that id."""
    for field, value in fields.items():
        page.fill(f"#{field}", value)


def new_curriculum(page, url: str, title: str, text: str, program: str = "core") -> str:
    """A provider types a new syllabus and saves the draft; returns the draft page's main text."""
    page.goto(url + "/provider/curricula/new")
    page.select_option("#program", program)
    page.fill("#title", title)
    page.fill("#text", text)
    return submit(page, MAIN_BUTTON)


def assert_accessible_and_keep(page, name: str, *, full_page: bool = True) -> None:
    """axe-core finds nothing wrong on the page; its screenshot is kept as SCREENSHOTS/name.png
    for a person to look at after the run."""
    assert_accessible(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)
