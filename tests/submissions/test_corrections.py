"""A provider's corrections of the reading, kept with the draft; the reviewer's decision on each."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from app.audit.models import AuditEvent
from app.auth.models import Role
from app.errors import Conflict, DomainError, Forbidden, NotFound
from app.extensions import db as _db
from app.framework.loader import cached_catalog
from app.policy import DEFAULT_POLICY
from app.submissions import corrections
from app.submissions.models import Curriculum, FindingOverride
from app.syllabus.reading_form import FormProblems
from tests.factories import login, make_user
from tests.submissions.factories import make_curriculum, submit_complete

TEXT = (
    "---\nprogram: refresher\n---\n# Peer Refresher\n\nTotal: 40 hours\n\n"
    "## Module 1: Recovery and wellness (10 hours)\nHope.\n"
    "## Module 2: Ethics and boundaries (10 hours)\nEthics.\n"
    "## Module 3: Trauma-informed care (10 hours)\nTrauma.\n"
    "## Module 4: Cultural humility (10 hours)\nCulture.\n"
)
M1, M2 = 8, 10  # the lines of modules 1 and 2
KW = {"catalog": None, "policy": DEFAULT_POLICY}


@pytest.fixture
def draft(db):
    provider = make_user(Role.PROVIDER)
    curriculum = make_curriculum(provider, program="refresher", text=TEXT)
    return curriculum, provider


def _correct(curriculum, user, **form):
    return corrections.correct_reading(
        _db.session,
        curriculum,
        user,
        MultiDict(form),
        catalog=cached_catalog(),
        policy=DEFAULT_POLICY,
    )


def _decide(curriculum, user, correction_id, *, accept, note=""):
    return corrections.decide_correction(
        _db.session,
        curriculum,
        user,
        correction_id,
        accept=accept,
        note=note,
        catalog=cached_catalog(),
        policy=DEFAULT_POLICY,
    )


def _actions(curriculum_id):
    return [
        e.action
        for e in _db.session.query(AuditEvent).filter_by(
            subject_type="curriculum", subject_id=curriculum_id
        )
    ]


def test_a_provider_corrects_two_readings_and_the_verdict_is_recomputed(draft):
    curriculum, provider = draft
    assert curriculum.latest.report["verdict"] == "pass"
    added = _correct(curriculum, provider, **{f"hours-{M1}": "4", f"counted-{M2}": "no"})
    assert [(c.line, c.field) for c in added] == [(M1, "hours"), (M2, "counted")]
    report = curriculum.latest.report
    assert report["verdict"] == "fail" and report["total_hours"] == 24
    first = added[0]
    assert "10 h, counted" in first.machine_read and first.provider_says == "it lasts 4 h"
    assert first.source_line.startswith("## Module 1") and first.created_by_id == provider.id
    assert _actions(curriculum.id).count("correct_reading") == 2
    # Nothing new: nothing saved, nothing logged.
    assert _correct(curriculum, provider, **{f"hours-{M1}": "4"}) == []
    assert _actions(curriculum.id).count("correct_reading") == 2


def test_only_the_owning_providers_correct_and_only_a_draft(draft):
    curriculum, provider = draft
    with pytest.raises(Forbidden):
        _correct(curriculum, make_user(Role.PROVIDER), **{f"hours-{M1}": "4"})
    with pytest.raises(Forbidden):
        _correct(curriculum, make_user(Role.REVIEWER), **{f"hours-{M1}": "4"})
    with pytest.raises(FormProblems, match=f"Line {M1}: the hours must be a number"):
        _correct(curriculum, provider, **{f"hours-{M1}": "ten"})
    with pytest.raises(DomainError, match="not a competency"):
        _correct(curriculum, provider, **{f"add-{M1}": "crisis-3"})
    submit_complete(curriculum, provider)
    with pytest.raises(Conflict):
        _correct(curriculum, provider, **{f"hours-{M1}": "4"})


def test_the_reviewer_accepts_one_and_rejects_the_other(draft):
    curriculum, provider = draft
    added = _correct(curriculum, provider, **{f"hours-{M1}": "4", f"counted-{M2}": "no"})
    submit_complete(curriculum, provider)
    reviewer = make_user(Role.REVIEWER)
    version = curriculum.latest
    finding = next(
        i for i, f in enumerate(version.report["findings"]) if f["code"] == "HOURS_SHORT"
    )
    _db.session.add(
        FindingOverride(
            version_id=version.id,
            finding_index=finding,
            code="HOURS_SHORT",
            reason="x",
            reviewer_id=reviewer.id,
        )
    )
    _db.session.flush()
    with pytest.raises(Forbidden):
        _decide(curriculum, provider, added[0].id, accept=True)
    with pytest.raises(DomainError, match="Say why"):
        _decide(curriculum, reviewer, added[1].id, accept=False)
    _decide(curriculum, reviewer, added[0].id, accept=True, note="seen")
    _decide(curriculum, reviewer, added[1].id, accept=False, note="it is taught")
    report = version.report
    assert report["total_hours"] == 34 and len(report["corrections"]) == 1
    # The overridden finding now says 34 h, not 24 h: the override lapses; the reviewer decides again.
    assert _db.session.query(FindingOverride).count() == 0
    assert any(f["code"] == "HOURS_SHORT" and "34" in f["message"] for f in report["findings"])
    assert [c.status for c in version.reading_corrections] == ["accepted", "rejected"]
    actions = _actions(curriculum.id)
    assert "accept_reading_correction" in actions and "reject_reading_correction" in actions
    with pytest.raises(Conflict, match="already accepted"):
        _decide(curriculum, reviewer, added[0].id, accept=False, note="n")
    other = make_curriculum(program="refresher", text=TEXT, state="submitted")
    with pytest.raises(NotFound):
        _decide(other, reviewer, added[0].id, accept=True)


def test_a_draft_with_corrections_can_be_deleted(draft):
    curriculum, provider = draft
    _correct(curriculum, provider, **{f"hours-{M1}": "4"})
    from app.submissions import services

    services.delete_draft(_db.session, curriculum, provider)
    _db.session.commit()
    assert _db.session.query(Curriculum).count() == 0


def _as(app, user):
    client = app.test_client()
    assert login(client, user).status_code == 302
    return client


def test_the_pages_carry_the_corrections_from_draft_to_review(app, draft):
    curriculum, provider = draft
    cid = curriculum.id
    client = _as(app, provider)
    page = client.get(f"/curricula/{cid}").get_data(as_text=True)
    assert f'name="hours-{M1}"' in page and "Passes every rule" in page
    refused = client.post(f"/curricula/{cid}/reading", data={f"hours-{M1}": "lots"})
    assert refused.status_code == 400
    body = refused.get_data(as_text=True)
    assert f"Line {M1}: the hours must be a number" in body and 'value="lots"' in body
    saved = client.post(
        f"/curricula/{cid}/reading", data={f"hours-{M1}": "4", f"counted-{M2}": "no"}
    )
    assert saved.status_code == 302
    page = client.get(f"/curricula/{cid}").get_data(as_text=True)
    assert "Does not pass" in page and "The provider corrected 2 readings" in page
    outsider = _as(app, make_user(Role.PROVIDER))
    assert outsider.post(f"/curricula/{cid}/reading", data={f"hours-{M1}": "1"}).status_code == 404
    assert client.post(f"/curricula/{cid}/submit").status_code == 302
    reviewer = make_user(Role.REVIEWER)
    _db.session.commit()
    rclient = _as(app, reviewer)
    review = rclient.get(f"/review/{cid}").get_data(as_text=True)
    assert "The provider corrected 2 readings" in review and "## Module 1" in review
    _db.session.expire_all()
    items = _db.session.get(Curriculum, cid).latest.reading_corrections
    answer = rclient.post(
        f"/review/{cid}/reading/{items[0].id}", data={"decision": "accept", "note": ""}
    )
    assert answer.status_code == 302
    assert (
        client.post(f"/review/{cid}/reading/{items[1].id}", data={"decision": "accept"}).status_code
        == 403
    )
    _db.session.expire_all()
    assert [c.status for c in _db.session.get(Curriculum, cid).latest.reading_corrections] == [
        "accepted",
        "proposed",
    ]
    timeline = client.get(f"/curricula/{cid}/timeline").get_data(as_text=True)
    assert timeline.count("correct reading") == 2 and "accept reading correction" in timeline
