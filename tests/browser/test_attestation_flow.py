"""A renewal attestation checked against the record, in a real browser: the peer sees the
shortfall before attesting, and the reviewer sees the renewal flagged for the next review."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.auth.models import Role
from app.ce import services as ce
from app.extensions import db
from tests.browser.axe import assert_accessible
from tests.browser.steps import sign_in, sign_out
from tests.ce.factories import make_entry
from tests.factories import make_user
from tests.registry.test_renewal import TODAY, _holder

pytestmark = pytest.mark.browser


def test_the_peer_sees_the_shortfall_and_the_reviewer_sees_it_flagged(live_server, page):
    url = live_server.url
    with live_server.app.app_context():
        user, record = _holder(db, 40)
        profile = ce.profile_of(db.session, user)
        make_entry(profile, title="Law and ethics", start_date=TODAY - timedelta(days=9))
        make_entry(profile, title="Skills", start_date=TODAY - timedelta(days=8), law_ethics=False)
        email, legal_name, reviewer = user.email, record.legal_name, make_user(Role.REVIEWER).email
    sign_in(page, url, email)
    page.goto(url + "/registry/renewal")
    warning = page.inner_text("#ce-shortfall")
    assert "the record counts 12 of 20 CE hours" in warning and "drawn first" in warning
    assert_accessible(page)
    page.check("#attest")
    page.fill("#signature", legal_name)
    with page.expect_navigation():
        page.click("text=Submit my renewal")
    sign_out(page)

    sign_in(page, url, reviewer)
    page.goto(url + "/ce/audits")
    flagged = page.inner_text("#flagged-renewals")
    assert "attested more CE than the peer's own record counted" in flagged
    assert "12 CE hours" in flagged
