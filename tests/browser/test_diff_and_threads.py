"""The word-level version diff and comment threads in a real browser.

A reviewer opens a thread on a module; the provider answers in it without a new version and the
reviewer reads the answer. After a revision request the provider rewrites a module's
description; the reviewer's comparison shows the inserted and deleted words, marked by more than
colour, at 1280 px and at 390 px without sideways scrolling. axe-core checks each page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.auth.models import Role
from app.extensions import db
from app.submissions import services
from app.submissions.models import Curriculum
from tests.browser.artifacts import ARTIFACTS
from tests.browser.axe import assert_accessible
from tests.browser.steps import sign_in, sign_out
from tests.factories import make_user
from tests.submissions.factories import make_curriculum

pytestmark = pytest.mark.browser
CURRICULA = Path(__file__).resolve().parents[2] / "curricula"
PASSING = (CURRICULA / "core_80_hour_passing.md").read_text()
OLD_LINE = "The five stages of recovery, a wellness-focused approach, promoting hope and personal empowerment."
NEW_LINE = (
    "The stages of recovery, a strengths-based approach, promoting hope and personal empowerment."
)
PHONE = {"width": 390, "height": 844}


def _sideways(page) -> dict:
    return page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth,"
        " width: document.documentElement.clientWidth})"
    )


def test_thread_answered_without_resubmitting_and_a_word_level_diff(live_server, page):
    url = live_server.url
    assert OLD_LINE in PASSING
    with live_server.app.app_context():
        provider, reviewer = make_user(Role.PROVIDER), make_user(Role.REVIEWER)
        curriculum = make_curriculum(
            provider, state="submitted", title="Core with a conversation", text=PASSING
        )
        curriculum_id = curriculum.id
        provider_email, reviewer_email = provider.email, reviewer.email
    review_url = f"{url}/review/{curriculum_id}"
    detail_url = f"{url}/curricula/{curriculum_id}"

    # The reviewer opens a thread on module 1.
    sign_in(page, url, reviewer_email)
    page.goto(review_url)
    target = page.locator("#thread-target option", has_text="Module 1:").first.inner_text()
    page.select_option("#thread-target", label=target)
    page.fill("#thread-text", "How is **hope** assessed in this module?")
    page.click("text=Open the thread")
    thread = page.locator("article.thread").first
    assert "How is hope assessed" in thread.inner_text()
    assert thread.locator("strong", has_text="hope").count() == 1  # Markdown rendered
    assert_accessible(page)
    sign_out(page)

    # The provider answers in the thread; no new version, the state stays as it was.
    sign_in(page, url, provider_email)
    page.goto(detail_url)
    assert "How is hope assessed" in page.inner_text("#threads")
    page.locator("article.thread textarea").first.fill("With a reflective journal entry.")
    page.click("text=Post the reply")
    assert "With a reflective journal entry." in page.inner_text("#threads")
    assert_accessible(page)
    with live_server.app.app_context():
        kept = db.session.get(Curriculum, curriculum_id)
        assert len(kept.versions) == 1 and kept.state == "submitted"
    sign_out(page)

    # The reviewer reads the answer, then asks for revisions.
    sign_in(page, url, reviewer_email)
    page.goto(review_url)
    assert "With a reflective journal entry." in page.inner_text("#threads")
    with live_server.app.app_context():
        services.request_revisions(
            db.session,
            db.session.get(Curriculum, curriculum_id),
            make_user(Role.REVIEWER),
            comments="Say more about hope.",
        )
        db.session.commit()
    sign_out(page)

    # The provider rewrites module 1's description in a new version.
    sign_in(page, url, provider_email)
    page.goto(detail_url)
    page.fill("form[action$='/resubmit'] textarea[name=text]", PASSING.replace(OLD_LINE, NEW_LINE))
    page.click("text=Submit the new version")
    assert "The new version is submitted" in page.inner_text("main")
    sign_out(page)

    # The reviewer's comparison shows the words inserted and deleted, at desktop and phone width.
    sign_in(page, url, reviewer_email)
    page.goto(f"{url}/curricula/{curriculum_id}/diff")
    main = page.inner_text("main")
    assert "No module changed" not in main
    inserted = " ".join(page.locator(".diff-text ins").all_inner_texts())
    deleted = " ".join(page.locator(".diff-text del").all_inner_texts())
    assert "strengths-based" in inserted and "added:" in inserted
    assert "five" in deleted and "wellness-focused" in deleted and "removed:" in deleted
    style = page.locator(".diff-text del").first.evaluate(
        "el => getComputedStyle(el).textDecorationLine"
    )
    assert "line-through" in style
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    page.reload()
    size = _sideways(page)
    assert size["scroll"] <= size["width"], size
    assert page.locator(".diff-text ins", has_text="strengths-based").is_visible()
    assert_accessible(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)  # for a person to look at
    page.screenshot(path=str(ARTIFACTS / "diff_390px.png"), full_page=True)
    page.goto(review_url)
    page.locator("#threads").screenshot(path=str(ARTIFACTS / "threads_390px.png"))
