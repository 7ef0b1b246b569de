"""The submissions API: read access by organization, decisions with optimistic locking (409)."""

from __future__ import annotations

from app.auth.models import Role
from tests.factories import login, make_user
from tests.submissions.factories import make_curriculum, settle

SYLLABUS = "---\nprogram: core\n---\n## Ethics (4 hours) [core-11]\nAssessment: quiz\n"


def _submitted(db):
    provider = make_user(Role.PROVIDER)
    curriculum = make_curriculum(provider, state="submitted", title="API")
    settle(curriculum)  # the report's errors overridden: approvable
    db.session.commit()
    return curriculum, provider


def test_read_and_decide_with_a_stale_version_conflict(app, db):
    curriculum, _ = _submitted(db)
    first, second = app.test_client(), app.test_client()
    login(first, make_user(Role.REVIEWER))
    login(second, make_user(Role.REVIEWER))
    version = first.get(f"/api/v1/submissions/{curriculum.id}").get_json()["version"]
    ok = first.post(
        f"/api/v1/submissions/{curriculum.id}/decision",
        json={"decision": "approve", "version": version},
    )
    assert (
        ok.status_code == 200
        and ok.get_json()["state"] == "approved"
        and ok.get_json()["expires_on"]
    )
    stale = second.post(
        f"/api/v1/submissions/{curriculum.id}/decision",
        json={"decision": "deny", "reason": "no", "version": version},
    )
    assert stale.status_code == 409
    assert stale.get_json()["error"]["status"] == 409


def test_bad_body_is_400_and_other_organizations_404(app, db):
    curriculum, _ = _submitted(db)
    reviewer = app.test_client()
    login(reviewer, make_user(Role.REVIEWER))
    assert (
        reviewer.post(
            f"/api/v1/submissions/{curriculum.id}/decision", json={"decision": "maybe"}
        ).status_code
        == 400
    )
    outsider = app.test_client()
    login(outsider, make_user(Role.PROVIDER))
    assert outsider.get(f"/api/v1/submissions/{curriculum.id}").status_code == 404
    assert app.test_client().get(f"/api/v1/submissions/{curriculum.id}").status_code == 401


def test_a_boolean_is_not_a_version(app, db):
    curriculum, _ = _submitted(db)
    reviewer = app.test_client()
    login(reviewer, make_user(Role.REVIEWER))
    response = reviewer.post(
        f"/api/v1/submissions/{curriculum.id}/decision",
        json={"decision": "approve", "version": True},
    )
    assert response.status_code == 400
    db.session.expire_all()
    assert curriculum.state == "submitted"
