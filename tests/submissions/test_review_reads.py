"""The review page and the curriculum page read a version's overrides and competency reviews
once each, and count its open errors from what they read."""

from __future__ import annotations

from app.auth.models import Role
from app.submissions import reviewing
from tests.factories import client_in, make_user
from tests.queries import counting
from tests.submissions.factories import make_curriculum

# A syllabus with too few hours and no competency covered: its report has errors.
SHORT = "# Module 1: Welcome (2 hours)\nIntroductions.\n"


def _reads(statements: list[str], table: str) -> int:
    return sum(f"FROM {table}" in s for s in statements)


def test_review_and_curriculum_pages_read_overrides_and_reviews_once(app, db):
    provider, reviewer = make_user(Role.PROVIDER), make_user(Role.REVIEWER)
    curriculum = make_curriculum(provider, state="submitted")
    provider_client, reviewer_client = client_in(app, provider), client_in(app, reviewer)
    for client, url in (
        (reviewer_client, f"/review/{curriculum.id}"),
        (provider_client, f"/curricula/{curriculum.id}"),
    ):
        with counting(db.engine) as statements:
            assert client.get(url).status_code == 200, url
        assert _reads(statements, "finding_override") == 1, url
        assert _reads(statements, "competency_review") == 1, url


def test_errors_left_are_the_unresolved_errors(app, db):
    provider, reviewer = make_user(Role.PROVIDER), make_user(Role.REVIEWER)
    curriculum = make_curriculum(provider, state="submitted", text=SHORT)
    version = curriculum.current_version
    before = reviewing.unresolved_errors(db.session, version)
    assert before, "the short syllabus has errors"
    reviewing.override_finding(
        db.session, version, reviewer, finding_index=before[0].index, reason="Read by hand."
    )
    db.session.flush()
    after = reviewing.unresolved_errors(db.session, version)
    assert len(after) < len(before)
    given = reviewing.errors_left(
        version,
        reviewing.overrides_of(db.session, version),
        reviewing.latest_reviews(db.session, version),
    )
    assert given == after
