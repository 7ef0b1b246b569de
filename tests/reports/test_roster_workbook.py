"""The DHCS completion roster reads an .xlsx workbook as it reads a CSV."""

from __future__ import annotations

import io
from datetime import date

from sqlalchemy import select

from app.auth.models import Role
from app.reports.models import TrainingRecord
from tests.factories import login, make_user
from tests.submissions.factories import make_curriculum
from tests.workbooks import make_xlsx


def test_a_provider_uploads_a_workbook_roster_and_an_xls_is_refused(app, db):
    provider = make_user(Role.PROVIDER)
    course = make_curriculum(provider, state="approved", program="crisis", title="Crisis")
    client = app.test_client()
    login(client, provider)
    workbook = make_xlsx(
        [
            ["email", "name", "registered_on", "completed_on"],
            ["x@y.org", "X", date(2025, 8, 1), date(2025, 8, 20)],
            ["z@y.org", "Z", date(2025, 8, 1), None],
        ]
    )
    response = client.post(
        f"/curricula/{course.id}/roster",
        data={"file": (io.BytesIO(workbook), "roster.xlsx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    records = db.session.scalars(select(TrainingRecord)).all()
    assert {(r.person, r.completed_on) for r in records} == {
        ("x@y.org", date(2025, 8, 20)),
        ("z@y.org", None),
    }
    refused = client.post(
        f"/curricula/{course.id}/roster",
        data={"file": (io.BytesIO(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 9), "r.xls")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "Save it as .xlsx or CSV" in refused.get_data(as_text=True)
    assert len(db.session.scalars(select(TrainingRecord)).all()) == 2
