"""An appeal's refusals in the page's language: a letter dated in the future, told with today's
date written in Spanish, and evidence refused once the appeal is decided."""

from __future__ import annotations

import html
import io
from datetime import timedelta

from app.appeals.models import Appeal
from tests.appeals.conftest import PDF
from tests.factories import login
from tests.submissions.factories import decide_appeal, settle

SPANISH_MONTHS = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]


def _client(app, user, locale: str):
    client = app.test_client()
    login(client, user)
    client.post("/language", data={"locale": locale})
    return client


def _decided_appeal(app, db, people, denied) -> Appeal:
    provider = _client(app, people["provider"], "en")
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
    spanish = _client(app, people["reviewer"], "es").post(url, data=future)
    assert spanish.status_code == 400
    day = f"{today.day} de {SPANISH_MONTHS[today.month - 1]} de {today.year}"
    assert f"La fecha es futura; hoy es {day}." in html.unescape(spanish.get_data(as_text=True))
    english = _client(app, people["reviewer"], "en").post(url, data=future)
    assert f"The date is in the future; today is {today:%B %d, %Y}." in html.unescape(
        english.get_data(as_text=True)
    )


def test_evidence_after_the_decision_is_refused_in_spanish(app, db, people, denied):
    item = _decided_appeal(app, db, people, denied)
    provider = _client(app, people["provider"], "es")
    refused = provider.post(
        f"/appeals/{item.id}/evidence",
        data={"evidence": [(io.BytesIO(PDF), "late.pdf")]},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    page = html.unescape(refused.get_data(as_text=True))
    assert "La apelación ya se decidió; ya no se pueden agregar pruebas." in page
    assert "The appeal is decided" not in page
