"""The database's counts of a fiscal year are the counts of its records, element by element."""

from __future__ import annotations

import random
from datetime import date, timedelta

from app.reports import dhcs
from app.reports.models import (
    ApplicantRecord,
    CertificationRenewalRecord,
    TrainingRecord,
)
from app.reports.services import build_report, tally, years_with_data
from tests.reports.factories import empty_roster

COUNTIES = ("Fresno", "Kern", "")
CHOICES = ((), ("Asian",), ("Asian", "Black"), ("White",))


def _records(db, rng: random.Random) -> tuple[list, list, list]:
    roster = empty_roster("t.csv")
    first = date(2024, 1, 1)
    applications, trainings, renewals = [], [], []
    for i in range(300):
        applied_on = first + timedelta(days=rng.randrange(900))
        outcome = rng.choice(("pending", "certified", "not_certified"))
        outcome_on = (
            applied_on + timedelta(days=rng.randrange(200)) if outcome != "pending" else None
        )
        exam = applied_on + timedelta(days=rng.randrange(100)) if i % 3 else None
        fields = dict(
            applied_on=applied_on,
            age=rng.choice((None, 17, 22, 30, 41, 50, 60, 70)),
            gender_identity=rng.choice(("", "Woman", "Man")),
            race_ethnicity=list(rng.choice(CHOICES)),
            languages=list(rng.choice((("English",), (), ("English", "Spanish")))),
            employment_status=rng.choice(("", "Employed")),
            employer=rng.choice(("", "County BH", "Peer org")),
            employer_county=rng.choice(COUNTIES),
            residence_county=rng.choice(COUNTIES),
            employed_in_peer_services=rng.random() < 0.4,
            route=rng.choice(("standard", "grandparent", "reciprocity")),
            exam_registered_on=exam,
            outcome=outcome,
            outcome_on=outcome_on,
        )
        db.session.add(
            ApplicantRecord(
                **fields,
                fiscal_year=dhcs.fiscal_year_of(applied_on),
                outcome_fiscal_year=dhcs.fiscal_year_of(outcome_on) if outcome_on else None,
            )
        )
        fields["race_ethnicity"] = tuple(fields["race_ethnicity"])
        fields["languages"] = tuple(fields["languages"])
        applications.append(dhcs.Application(**fields))
    for i in range(400):
        registered = first + timedelta(days=rng.randrange(900))
        completed = registered + timedelta(days=rng.randrange(60)) if i % 4 else None
        training = dhcs.Training(
            person=f"p{rng.randrange(150)}@x.org",
            program=rng.choice(("pcfm", "crisis", "unhoused", "justice", "core")),
            registered_on=registered,
            completed_on=completed,
            supervisor=rng.random() < 0.2,
        )
        db.session.add(
            TrainingRecord(
                roster_id=roster.id,
                curriculum_id=roster.curriculum_id,
                program=training.program,
                person=training.person,
                registered_on=registered,
                completed_on=completed,
                supervisor=training.supervisor,
                fiscal_year=dhcs.fiscal_year_of(completed or registered),
            )
        )
        trainings.append(training)
    for _ in range(50):
        day = first + timedelta(days=rng.randrange(900))
        db.session.add(
            CertificationRenewalRecord(renewed_on=day, fiscal_year=dhcs.fiscal_year_of(day))
        )
        renewals.append(day)
    db.session.commit()
    return applications, trainings, renewals


def test_counted_by_the_database_as_from_the_records(app, db):
    applications, trainings, renewals = _records(db, random.Random(23))
    for year in (2023, 2024, 2025, 2026):
        expected = dhcs.tally(year, applications, trainings, renewals)
        assert tally(db.session, year) == expected, year
        assert build_report(db.session, year, small_cell=5) == dhcs.build(
            year, applications, trainings, renewals, small_cell=5
        )
    assert years_with_data(db.session, date(2027, 8, 1)) == [2027, 2026, 2025, 2024, 2023]
