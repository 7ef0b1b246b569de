"""An appeal reversal passes the same gate as every approval, in a real browser: refused while
the report has unsettled errors, and the provider's page never shows "Approved" above
"Does not pass"."""

from __future__ import annotations

import pytest

from app.auth.models import Role
from app.dbtypes import utcnow
from app.extensions import db
from app.policy import DEFAULT_POLICY
from app.submissions import services
from app.submissions.models import Curriculum
from tests.browser.axe import assert_accessible
from tests.browser.steps import sign_in, sign_out
from tests.factories import make_user
from tests.submissions.factories import make_curriculum, settle

pytestmark = pytest.mark.browser


def test_appeal_reversal_with_unsettled_errors_is_refused(live_server, page):
    url = live_server.url
    with live_server.app.app_context():
        provider = make_user(Role.PROVIDER)
        first, second = make_user(Role.REVIEWER), make_user(Role.REVIEWER)
        curriculum = make_curriculum(provider, state="submitted", title="Gate appeal course")
        services.deny(db.session, curriculum, first, DEFAULT_POLICY, reason="Hours short.")
        services.appeal(
            db.session,
            curriculum,
            provider,
            DEFAULT_POLICY,
            today=utcnow().date(),
            nature="Recount the hours.",
            contact="office@example.org",
        )
        db.session.commit()
        curriculum_id, emails = curriculum.id, (provider.email, second.email)

    sign_in(page, url, emails[1])
    page.goto(f"{url}/review/{curriculum_id}")
    page.select_option("#outcome", "reverse")
    page.fill("#reason", "The hours were recounted.")
    page.click("text=Record the final disposition")
    text = page.inner_text("main")
    assert "You cannot reverse the denial and approve yet" in text
    assert "not overridden" in text
    assert page.input_value("#reason") == "The hours were recounted."  # kept as typed
    assert_accessible(page)
    sign_out(page)

    sign_in(page, url, emails[0])
    page.goto(f"{url}/curricula/{curriculum_id}")
    assert page.inner_text("#curriculum-state") == "appealed"
    sign_out(page)

    with live_server.app.app_context():
        settle(db.session.get(Curriculum, curriculum_id), make_user(Role.REVIEWER))
        db.session.commit()
    sign_in(page, url, emails[1])
    page.goto(f"{url}/review/{curriculum_id}")
    page.select_option("#outcome", "reverse")
    page.fill("#reason", "The hours were recounted.")
    page.click("text=Record the final disposition")
    sign_out(page)

    sign_in(page, url, emails[0])
    page.goto(f"{url}/curricula/{curriculum_id}")
    assert page.inner_text("#curriculum-state") == "appeal approved"
    verdict = page.inner_text("#report-verdict")
    assert "Errors settled by the reviewer" in verdict
    assert "Does not pass" not in page.inner_text("main")
    assert_accessible(page)
