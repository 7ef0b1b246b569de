"""A roster's refused rows keep their reasons' templates: the posting page gives each reason in
Spanish on a Spanish page and in English on an English one."""

from __future__ import annotations

import io
from datetime import date

from app.auth.models import Role
from tests.ce.factories import make_profile
from tests.factories import login, make_user
from tests.submissions.factories import make_curriculum

CE_SYLLABUS = "---\nprogram: ce\n---\n## Boundaries and ethics (3 hours)\nLaw and ethics\n"


def test_refused_rows_give_their_reasons_in_the_pages_language(app, db):
    app.config["TODAY"] = date(2026, 3, 1)
    provider = make_user(Role.PROVIDER)
    course = make_curriculum(provider, state="approved", program="ce", text=CE_SYLLABUS)
    other = make_profile(legal_name="Ray Chen")
    roster = (
        "Certification Number,Name,Completion Date,Hours\n"
        f"{other.certification_number},Raymond Chen,02/10/2026,3\n"
        "PS-404,Nobody Here,02/10/2026,3\n"
        f"{other.certification_number},Ray Chen,,3\n"
    ).encode()
    client = app.test_client()
    login(client, provider)
    sent = client.post(
        f"/provider/courses/{course.id}/completions",
        data={"file": (io.BytesIO(roster), "spring.csv")},
        content_type="multipart/form-data",
    )
    english = client.get(sent.headers["Location"]).get_data(as_text=True)
    spanish = client.get(sent.headers["Location"], headers={"Accept-Language": "es"})
    spanish = spanish.get_data(as_text=True)
    number = other.certification_number
    assert f"does not match the registry&#39;s name for {number}; check both" in english
    assert "PS404 is not in the registry" in english
    assert "the completion date is missing" in english
    assert f"no coincide con el nombre del registro para {number}; revise ambos" in spanish
    assert "el número de certificación PS404 no está en el registro" in spanish
    assert "falta la fecha de finalización" in spanish
    assert "does not match the registry" not in spanish and "is missing" not in spanish
