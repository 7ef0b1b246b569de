"""An appeal with evidence in a real browser: the provider appeals a denial attaching a file and
sees the acknowledgement of receipt (§805.5); a wrong file type is refused with the statement
kept; the reviewer opens the appeal, downloads the file, decides, and enters the date the letter
was sent. Every page checked with axe-core."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.appeals.models import Appeal
from app.auth.models import Role
from app.extensions import db
from app.notifications.models import OutboxEmail
from app.policy import DEFAULT_POLICY
from app.submissions import services
from tests.browser.axe import assert_accessible
from tests.browser.steps import sign_in, sign_out
from tests.factories import make_user
from tests.submissions.factories import make_curriculum, settle

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"
STATEMENT = "The practicum hours were miscounted; the signed attendance sheet is attached."


def test_provider_appeals_with_evidence_and_reviewer_downloads_it(live_server, page, tmp_path):
    url, app = live_server.url, live_server.app
    with app.app_context():
        provider = make_user(Role.PROVIDER)
        first, second = make_user(Role.REVIEWER), make_user(Role.REVIEWER)
        curriculum = make_curriculum(provider, state="submitted", title="Evidence appeal course")
        services.deny(db.session, curriculum, first, DEFAULT_POLICY, reason="Hours short.")
        settle(curriculum, second)
        db.session.commit()
        curriculum_id, provider_email, reviewer_email = curriculum.id, provider.email, second.email
    sheet, program = tmp_path / "attendance.pdf", tmp_path / "setup.exe"
    sheet.write_bytes(PDF)
    program.write_bytes(b"MZ\x90\x00")

    sign_in(page, url, provider_email)
    page.goto(f"{url}/curricula/{curriculum_id}")
    page.fill("#nature", STATEMENT)
    page.fill("#contact", "Bo Lee, 555-0100")
    page.set_input_files("#evidence", [str(sheet), str(program)])
    with page.expect_navigation():
        page.click("text=File the appeal")
    main = page.inner_text("main")
    assert "setup.exe: Files of type .exe are not accepted here" in main
    assert page.input_value("#nature") == STATEMENT  # kept as typed
    assert page.input_value("#contact") == "Bo Lee, 555-0100"
    assert_accessible(page)

    page.set_input_files("#evidence", [str(sheet)])
    with page.expect_navigation():
        page.click("text=File the appeal")
    assert "Your appeal is filed" in page.inner_text("main")
    acknowledged = page.inner_text("#appeal-acknowledged")
    assert "Receipt acknowledged on" in acknowledged and "§805.5" in acknowledged
    assert "attendance.pdf" in page.inner_text("#appeal-summary")
    assert_accessible(page)
    with page.expect_navigation():
        page.click("text=Open the appeal")
    assert "Acknowledged on" in page.inner_text("#acknowledgement")
    assert page.locator("#evidence ~ form input[type=file]").count() == 1  # may add more
    assert_accessible(page)
    sign_out(page)

    with app.app_context():
        item = db.session.scalar(db.select(Appeal).where(Appeal.curriculum_id == curriculum_id))
        appeal_id = item.id
        told = db.session.scalars(
            db.select(OutboxEmail).where(OutboxEmail.recipient == reviewer_email)
        ).all()
        assert any(f"/appeals/{appeal_id}" in e.body for e in told)

    sign_in(page, url, reviewer_email)
    page.goto(f"{url}/review/{curriculum_id}")
    assert "attendance.pdf" in page.inner_text("#appeal-summary")
    page.select_option("#outcome", "uphold")
    page.fill("#reason", "The recount confirms the hours are short.")
    with page.expect_navigation():
        page.click("text=Record the final disposition")
    page.goto(f"{url}/appeals/{appeal_id}")
    assert STATEMENT in page.inner_text("main")
    with page.expect_download() as download:
        page.click("#evidence + ul a:has-text('attendance.pdf')")
    saved = tmp_path / "downloaded.pdf"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "attendance.pdf" and saved.read_bytes() == PDF
    assert "not recorded" in page.inner_text("#letter-sent")
    assert_accessible(page)

    today = datetime.now(UTC).date()  # the app's today (app.context.today)
    page.fill("#sent_on", (today + timedelta(days=3)).isoformat())
    with page.expect_navigation():
        page.click("text=Record the date")
    assert "in the future" in page.inner_text("main")
    assert_accessible(page)
    page.fill("#sent_on", today.isoformat())
    with page.expect_navigation():
        page.click("text=Record the date")
    assert page.inner_text("#letter-sent") == today.isoformat()
    assert_accessible(page)
