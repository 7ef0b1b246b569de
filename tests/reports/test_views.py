"""Collecting the App. E elements (application, outcome, rosters) and the report of the demo
fiscal year checked against counts computed independently from the database."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

from sqlalchemy import text

from app.auth.models import Role
from app.reports.models import ApplicantRecord, TrainingRecord
from tests.factories import login, make_user
from tests.forms import post_file
from tests.submissions.factories import make_curriculum

TODAY = date(2026, 11, 23)  # the demo's last closed fiscal year is 2025 (July 2025 – June 2026)


def _report_counts(client, year: int) -> dict[tuple[str, str], str]:
    body = client.get(f"/reports/dhcs.csv?fy={year}").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["App. E item", "Data element", "Category", "Count"]
    return {(r[0], r[2]): r[3] for r in rows[1:]}


def _shown(count: int) -> str:
    return "<11" if 0 < count < 11 else str(count)


def test_the_demo_year_report_matches_independent_counts(app, db, runner):
    app.config["TODAY"] = TODAY
    assert runner.invoke(args=["demo", "load", "--demo"]).exit_code == 0
    reviewer = app.test_client()
    login(reviewer, make_user(Role.REVIEWER))
    report = _report_counts(reviewer, 2025)
    year = {"start": date(2025, 7, 1), "end": date(2026, 6, 30)}

    def sql(query: str) -> int:
        return db.session.execute(text(query), year).scalar()

    certified = sql(
        "select count(*) from applicant_record where outcome = 'certified' and outcome_on between :start and :end"
    )
    assert certified > 100 and report[("8", "Total")] == _shown(certified)
    counted = {
        ("12", "Total"): "select count(*) from applicant_record where outcome = 'certified' "
        "and route = 'reciprocity' and outcome_on between :start and :end",
        ("10.B", "Total"): "select count(distinct person) from training_record "
        "where program = 'crisis' and completed_on between :start and :end",
        ("10.D", "Total"): "select count(distinct person) from training_record "
        "where program = 'justice' and completed_on between :start and :end",
        ("13", "Total"): "select count(distinct person) from training_record "
        "where registered_on between :start and :end",
        ("15", "Total"): "select count(*) from applicant_record "
        "where exam_registered_on between :start and :end",
        ("7", "Fresno"): "select count(*) from applicant_record where residence_county = 'Fresno' "
        "and applied_on between :start and :end",
        ("19", "Total"): "select count(*) from certification_renewal_record "
        "where renewed_on between :start and :end",
    }
    for key, query in counted.items():
        assert report[key] == _shown(sql(query)), key
    suppressed = [k for k, v in report.items() if v == "<11"]
    assert suppressed  # the demo has small cells, and they are hidden
    page = reviewer.get("/reports/dhcs?fy=2025").get_data(as_text=True)
    assert (
        "<svg" in page and "December 31, 2026" in page and "http" not in page.split("<svg")[1][:200]
    )
    xlsx = zipfile.ZipFile(io.BytesIO(reviewer.get("/reports/dhcs.xlsx?fy=2025").data))
    assert "Fresno" in xlsx.read("xl/worksheets/sheet1.xml").decode()


def test_a_peer_gives_application_details_and_the_form_keeps_them(app, db):
    app.config["TODAY"] = TODAY
    peer = make_user(Role.PEER)
    client = app.test_client()
    login(client, peer)
    data = {
        "route": "standard",
        "age": "200",
        "gender_identity": "Nonbinary",
        "race_ethnicity": ["Asian", "White"],
        "languages": ["English"],
        "employment_status": "Employed in peer services",
        "employer": "Peer Run Center",
        "employer_county": "Fresno",
        "residence_county": "Madera",
        "employed_in_peer_services": "y",
    }
    refused = client.post("/peer/application", data=data)
    assert refused.status_code == 422 and "Peer Run Center" in refused.get_data(as_text=True)
    data["age"] = "41"
    assert client.post("/peer/application", data=data).status_code == 302
    record = db.session.scalar(db.select(ApplicantRecord))
    assert record.fiscal_year == 2026 and record.race_ethnicity == ["Asian", "White"]


def test_a_provider_uploads_a_roster_for_an_approved_course(app, db, tmp_path):
    provider = make_user(Role.PROVIDER)
    course = make_curriculum(provider, state="approved", program="crisis", title="Crisis")
    client = app.test_client()
    login(client, provider)
    roster = b"email,name,registered_on,completed_on\nx@y.org,X,2025-08-01,2025-08-20\nz@y.org,Z,2025-08-01,\n"
    response = post_file(client, f"/curricula/{course.id}/roster", roster, "roster.csv")
    assert response.status_code == 302
    records = db.session.scalars(db.select(TrainingRecord)).all()
    assert {(r.person, r.program, r.completed_on) for r in records} == {
        ("x@y.org", "crisis", date(2025, 8, 20)),
        ("z@y.org", "crisis", None),
    }
    bad = post_file(
        client, f"/curricula/{course.id}/roster", b"who\nx\n", "roster.csv", follow_redirects=True
    )
    assert "header row" in bad.get_data(as_text=True)
    assert len(list((tmp_path / "uploads").iterdir())) == 1  # the refused roster left no file
