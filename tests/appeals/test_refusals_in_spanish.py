"""An appeal's refusals in the page's language: a letter dated in the future, told with today's
date written in Spanish, and evidence refused once the appeal is decided."""

from __future__ import annotations

import io
from datetime import timedelta

from app.appeals.models import Appeal
from app.i18n.locale import format_day
from tests.appeals.conftest import PDF
from tests.factories import client_in, page_text
from tests.submissions.factories import decide_appeal, settle


def _decided_appeal(app, db, people, denied) -> Appeal:
    provider = client_in(app, people["provider"], "en")
    provider.post(
        f"/curricula/{denied.id}/appeal",
        data={"nature": "The hours were miscounted.", "contact": "Bo Lee, 555-0100"},
        content_type="multipart/form-data",
    )
    item = db.session.scalar(db.select(Appeal))
    settle(denied, people["reviewer2"])
    decide_appeal(
        denied, people["reviewer2"], today=item.requested_on, uphold_denial=True, reason="Short."
    )
    db.session.commit()
    return item


def test_a_letter_dated_in_the_future_is_refused_in_each_language(app, db, people, denied):
    item = _decided_appeal(app, db, people, denied)
    today = item.requested_on
    future = {"sent_on": (today + timedelta(days=400)).isoformat()}
    url = f"/appeals/{item.id}/letter"
    spanish = client_in(app, people["reviewer"], "es").post(url, data=future)
    assert spanish.status_code == 400
    with app.test_request_context(headers={"Accept-Language": "es"}):
        day = format_day(today)
    assert f"La fecha es futura; hoy es {day}." in page_text(spanish)
    english = client_in(app, people["reviewer"], "en").post(url, data=future)
    assert f"The date is in the future; today is {today:%B %d, %Y}." in page_text(english)


def test_evidence_after_the_decision_is_refused_in_spanish(app, db, people, denied):
    item = _decided_appeal(app, db, people, denied)
    provider = client_in(app, people["provider"], "es")
    refused = provider.post(
        f"/appeals/{item.id}/evidence",
        data={"evidence": [(io.BytesIO(PDF), "late.pdf")]},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    page = page_text(refused)
    assert "La apelación ya se decidió; ya no se pueden agregar pruebas." in page
    assert "The appeal is decided" not in page
