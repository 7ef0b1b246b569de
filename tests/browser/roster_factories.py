"""What the completion-roster and dispute browser tests both set up: an approved CE course,
certified peers to post it for, a signed-in browser page, and the axe check at both widths."""

from __future__ import annotations

from datetime import date, timedelta

from app.auth.models import Role, User
from app.submissions.models import Curriculum
from tests.browser.axe import assert_accessible
from tests.ce.factories import make_profile
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.submissions.factories import make_curriculum

CE_SYLLABUS = "---\nprogram: ce\n---\n## Boundaries and ethics (3 hours)\nLaw and ethics\n"
WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def ce_course_and_peers(
    title: str, names: list[str], day: date
) -> tuple[User, Curriculum, list[User], list]:
    """A provider with its approved CE course ``title``, and one peer per name, certified 60 days
    before ``day``: (provider, course, the peers' users, their profiles). In an app context."""
    provider = make_user(Role.PROVIDER)
    course = make_curriculum(
        provider, state="approved", program="ce", title=title, text=CE_SYLLABUS
    )
    peers = [make_user(Role.PEER) for _ in names]
    profiles = [
        make_profile(user, legal_name=name, issued_on=day - timedelta(days=60))
        for user, name in zip(peers, names, strict=True)
    ]
    return provider, course, peers, profiles


def signed_in(browser, url: str, email: str):
    """A new wide browser page signed in as ``email``."""
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(url + "/login")
    page.fill("#email", email)
    page.fill("#password", DEFAULT_PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    return page


def accessible_at_both_widths(page) -> None:
    """axe at 1280 and 390 px; on the phone the page also fits its width (no sideways scroll)."""
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    assert_accessible(page)
    scroll, width = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= width, f"{page.url} is {scroll}px wide on a {width}px phone"
    page.set_viewport_size(WIDE)
