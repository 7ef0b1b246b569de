"""The DHCS report and the applicants list make as many queries for thousands of records as for
ten, and the report of 5,000 applications and 10,000 roster lines is built within a CPU budget."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import insert

from app.auth.models import Role
from app.reports.models import ApplicantRecord, TrainingRecord
from tests.budgets import cpu_time
from tests.factories import login, make_user
from tests.queries import counting
from tests.reports.factories import empty_roster


def _add(db, applications: int, trainings: int, roster_id: int, curriculum_id: int, start: int):
    day = date(2025, 7, 1)
    db.session.execute(
        insert(ApplicantRecord),
        [
            {
                "applied_on": day + timedelta(days=i % 365),
                "fiscal_year": 2025,
                "age": 20 + i % 50,
                "gender_identity": "Woman" if i % 2 else "Man",
                "race_ethnicity": ["Asian"],
                "languages": ["English"],
                "employment_status": "Not employed",
                "employer": "",
                "employer_county": "",
                "residence_county": "Fresno",
                "employed_in_peer_services": False,
                "route": "standard",
                "outcome": "certified",
                "outcome_on": day + timedelta(days=i % 300),
                "outcome_fiscal_year": 2025,
            }
            for i in range(applications)
        ],
    )
    db.session.execute(
        insert(TrainingRecord),
        [
            {
                "roster_id": roster_id,
                "curriculum_id": curriculum_id,
                "program": "crisis",
                "person": f"p{start + i}@x.org",
                "name": "",
                "registered_on": day,
                "completed_on": day + timedelta(days=10),
                "supervisor": False,
                "fiscal_year": 2025,
            }
            for i in range(trainings)
        ],
    )
    db.session.commit()


def test_report_and_applicants_do_not_grow_with_records(app, db):
    reviewer = make_user(Role.REVIEWER)
    roster = empty_roster("r.csv")
    db.session.commit()
    client = app.test_client()
    login(client, reviewer)
    urls = ("/reports/dhcs?fy=2025", "/reports/applicants?page=2")
    _add(db, 10, 10, roster.id, roster.curriculum_id, 0)
    small = []
    for url in urls:
        with counting(db.engine) as statements:
            assert client.get(url).status_code == 200
        small.append(len(statements))
    _add(db, 4990, 9990, roster.id, roster.curriculum_id, 10)
    large = []
    with cpu_time() as spent, counting(db.engine) as statements:
        page = client.get(urls[0]).get_data(as_text=True)
    large.append(len(statements))
    with counting(db.engine) as statements:
        assert client.get(urls[1]).status_code == 200
    large.append(len(statements))
    assert small == large, (small, large)
    assert '<td class="num" data-label="Count">5000</td>' in page  # item 8: all certified
    print(
        f"DHCS report of 5,000 applications and 10,000 roster lines: {spent.seconds:.2f} s of CPU"
    )
    # CPU time, not the wall clock, with a wide margin: it fails when the work grows (say, a
    # loop over the roster per application), not when the machine is busy.
    assert spent.seconds < 10, spent.seconds
