"""Demo data for the DHCS report: a realistic fiscal year of applications, approved
specialization courses with their completion rosters, and renewals (skipped when present)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import context
from app.policy import DEFAULT_POLICY
from app.reports import dhcs, services
from app.reports.forms import (
    CALIFORNIA_COUNTIES,
    EMPLOYMENT_CHOICES,
    GENDER_CHOICES,
    LANGUAGE_CHOICES,
    RACE_CHOICES,
)
from app.reports.models import ApplicantRecord, CertificationRenewalRecord
from app.submissions import services as submissions
from app.syllabus.services import check_syllabus
from app.syllabus.stored_text import for_storage

CURRICULA = Path(__file__).resolve().parents[2] / "curricula"
APPLICANTS = 640
# Where most applicants live and work: weighted like California's population.
COUNTY_WEIGHTS = {
    "Los Angeles": 25, "San Diego": 8, "Orange": 8, "Riverside": 6, "San Bernardino": 6,
    "Santa Clara": 5, "Alameda": 4, "Sacramento": 4, "Contra Costa": 3, "Fresno": 3,
    "Kern": 2, "San Francisco": 2, "Ventura": 2, "San Joaquin": 2, "San Mateo": 2,
}  # fmt: skip
# (program, title, sample syllabus, people on the roster, peer supervisor training)
COURSES = (
    ("pcfm", "Family peer specialization (demo)", "pcfm_specialization_40_hours.md", 70, False),
    ("crisis", "Crisis care specialization 2025 (demo)", "crisis_specialization_40_hours.md", 55, False),
    ("unhoused", "Unhoused specialization (demo)", "unhoused_specialization_40_hours.md", 38, False),
    ("justice", "Justice-involved specialization (demo)", "justice_specialization_40_hours.md", 6, False),
    ("core", "Core training 2025 cohort (demo)", "core_80_hour_passing.md", 260, False),
    ("ce", "Supervising peer staff (demo)", "ce_law_and_ethics_6_hours.md", 24, True),
)  # fmt: skip


def demo_year(today: date) -> int:
    """The last closed fiscal year: the one whose report is due next."""
    return dhcs.fiscal_year_of(today) - 1


def _day(rng: random.Random, year: int) -> date:
    start, end = dhcs.fiscal_year_bounds(year)
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _county(rng: random.Random) -> str:
    others = [c for c in CALIFORNIA_COUNTIES if c not in COUNTY_WEIGHTS]
    names = [*COUNTY_WEIGHTS, *others]
    weights = [*COUNTY_WEIGHTS.values(), *([0.3] * len(others))]
    return rng.choices(names, weights)[0]


def _applications(session: Session, rng: random.Random, year: int) -> list[ApplicantRecord]:
    employers = ["County Behavioral Health", "Peer Run Center", "Community Clinic", "Crisis Line"]
    records = []
    for _ in range(APPLICANTS):
        applied = _day(rng, year)
        employment = rng.choices([e for e, _ in EMPLOYMENT_CHOICES], [3, 45, 20, 20, 5, 7])[0]
        employed = employment.startswith("Employed")
        county = _county(rng)
        route = rng.choices(["standard", "reciprocity", "grandparent"], [92, 5, 3])[0]
        exam = applied + timedelta(days=rng.randrange(10, 60))
        outcome = rng.choices(["certified", "not_certified", "pending"], [72, 10, 18])[0]
        outcome_on = exam + timedelta(days=rng.randrange(15, 45)) if outcome != "pending" else None
        records.append(
            ApplicantRecord(
                applied_on=applied,
                fiscal_year=year,
                age=rng.choices([rng.randrange(18, 25), rng.randrange(25, 65), rng.randrange(65, 80)], [10, 84, 6])[0],
                gender_identity=rng.choices([g for g, _ in GENDER_CHOICES], [6, 55, 30, 2, 2, 4, 1])[0],
                race_ethnicity=rng.sample([r for r, _ in RACE_CHOICES], rng.choices([1, 2], [85, 15])[0]),
                languages=["English"] + (["Spanish"] if rng.random() < 0.3 else []) + (
                    [rng.choice([lang for lang, _ in LANGUAGE_CHOICES[2:]])] if rng.random() < 0.1 else []
                ),
                employment_status=employment,
                employer=rng.choice(employers) if employed else "",
                employer_county=county if employed else "",
                residence_county=county if rng.random() < 0.85 else _county(rng),
                employed_in_peer_services=employment == "Employed in peer services",
                route=route,
                exam_registered_on=exam if route == "standard" else None,
                outcome=outcome,
                outcome_on=outcome_on,
                outcome_fiscal_year=dhcs.fiscal_year_of(outcome_on) if outcome_on else None,
            )
        )  # fmt: skip
    session.add_all(records)
    return records


def _roster(rng: random.Random, year: int, count: int, start: int) -> bytes:
    lines = ["email,name,registered_on,completed_on"]
    for n in range(start, start + count):
        registered = _day(rng, year)
        done = registered + timedelta(days=rng.randrange(5, 40))
        completed = done.isoformat() if rng.random() < 0.8 else ""
        lines.append(
            f"applicant{n}@demo.example,Applicant {n},{registered.isoformat()},{completed}"
        )
    return ("\n".join(lines) + "\n").encode()


def seed(session: Session, seeded: dict) -> None:
    users = seeded.get("users", {})
    provider, reviewer = users.get("provider"), users.get("reviewer")
    if provider is None or reviewer is None:
        return
    if session.scalar(select(ApplicantRecord.id).limit(1)) is not None:
        return
    rng = random.Random(808)
    today = context.today()
    year = demo_year(today)
    _applications(session, rng, year)
    approved_on = today - timedelta(days=200)  # current: its courses stay in the catalogue
    start = 0
    for program, title, filename, people, supervisor in COURSES:
        text = (CURRICULA / filename).read_text(encoding="utf-8")
        course = submissions.create_draft(
            session,
            provider=provider,
            program=program,
            title=title,
            language="English",
            syllabus_text=text,
            report=for_storage(check_syllabus(text, program)),
        )
        submissions.submit(session, course, provider)
        submissions.confirm_fee_paid(session, course, reviewer)
        for error in submissions.unresolved_errors(session, course.current_version):
            submissions.override_finding(
                session,
                course.current_version,
                reviewer,
                finding_index=error.index,
                reason="Demo course: accepted in review.",
            )
        submissions.approve(session, course, reviewer, DEFAULT_POLICY, today=approved_on)
        services.upload_roster(
            session,
            course,
            provider,
            (_roster(rng, year, people, start), f"{program}-roster.csv"),
            supervisor_training=supervisor,
            upload_dir=current_app.config["UPLOAD_DIR"],
            max_bytes=current_app.config["MAX_CONTENT_LENGTH"],
        )
        start += people // 2  # many take the core and a specialization
    session.add_all(
        CertificationRenewalRecord(renewed_on=_day(rng, year), fiscal_year=year) for _ in range(143)
    )
    session.flush()
