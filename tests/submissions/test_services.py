"""The workflow through its services: transitions, audit, notifications, optimistic locking."""

from __future__ import annotations

from datetime import date

import pytest

from app.audit.services import events_for
from app.auth.models import Role
from app.errors import Conflict, DomainError, Forbidden, NotFound
from app.notifications.models import OutboxEmail
from app.policy import DEFAULT_POLICY
from app.submissions import services
from app.submissions.states import SubmissionState
from app.syllabus.services import check_syllabus
from tests.factories import login, make_organization, make_user
from tests.submissions.factories import (
    SYLLABUS,
    decide_appeal,
    file_appeal,
    make_curriculum,
    settle,
    submit_complete,
)


def _draft(db, provider):
    return make_curriculum(provider)


def test_full_path_with_revisions_and_approval(db, people):
    curriculum = _draft(db, people["provider"])
    submit_complete(curriculum, people["provider"])
    services.request_revisions(
        db.session, curriculum, people["reviewer"], comments="Add digital literacy."
    )
    assert curriculum.state == SubmissionState.REVISIONS_REQUESTED
    text = SYLLABUS + "## Digital literacy (2 hours) [core-17]\nAssessment: exercise\n"
    version = services.resubmit(
        db.session,
        curriculum,
        people["provider"],
        syllabus_text=text,
        report=check_syllabus(text).to_dict(),
    )
    assert version.number == 2 and curriculum.state == SubmissionState.SUBMITTED
    settle(curriculum)
    services.approve(
        db.session, curriculum, people["reviewer"], DEFAULT_POLICY, today=date(2026, 3, 1)
    )
    assert (curriculum.approved_on, curriculum.expires_on) == (date(2026, 3, 1), date(2028, 3, 1))
    actions = [
        (e.action, e.from_state, e.to_state)
        for e in events_for(db.session, "curriculum", curriculum.id)
        if e.to_state
    ]
    assert actions == [
        ("create", None, "draft"),
        ("submit_incomplete", "draft", "incomplete"),
        ("complete", "incomplete", "submitted"),
        ("request_revisions", "submitted", "revisions_requested"),
        ("resubmit", "revisions_requested", "submitted"),
        ("approve", "submitted", "approved"),
    ]
    subjects = [e.subject for e in db.session.scalars(db.select(OutboxEmail))]
    assert any(s.startswith("Revisions requested") for s in subjects) and any(
        s.startswith("Approved") for s in subjects
    )


def test_leap_day_approval_expires_on_28_february(db):
    provider, reviewer = make_user(Role.PROVIDER), make_user(Role.REVIEWER)
    curriculum = _draft(db, provider)
    submit_complete(curriculum, provider)
    settle(curriculum)
    services.approve(db.session, curriculum, reviewer, DEFAULT_POLICY, today=date(2028, 2, 29))
    assert curriculum.expires_on == date(2030, 2, 28)


def test_unapproved_organization_cannot_submit(db):
    provider = make_user(Role.PROVIDER, organization=make_organization(approved=False))
    curriculum = _draft(db, provider)
    with pytest.raises(Forbidden, match="waiting for approval"):
        services.submit(db.session, curriculum, provider)


def test_denial_needs_a_reason_and_mentions_the_appeal_window(db, people):
    curriculum = _draft(db, people["provider"])
    submit_complete(curriculum, people["provider"])
    with pytest.raises(DomainError):
        services.deny(db.session, curriculum, people["reviewer"], DEFAULT_POLICY, reason="  ")
    services.deny(db.session, curriculum, people["reviewer"], DEFAULT_POLICY, reason="Hours short.")
    email = db.session.scalar(
        db.select(OutboxEmail).where(OutboxEmail.subject.startswith("Denied"))
    )
    assert "14 days" in email.body and "§702.1.D" in email.body


def test_stale_decision_is_refused(db, people):
    curriculum = _draft(db, people["provider"])
    submit_complete(curriculum, people["provider"])
    seen = curriculum.lock_version
    settle(curriculum)
    services.approve(
        db.session,
        curriculum,
        people["reviewer"],
        DEFAULT_POLICY,
        today=date(2026, 3, 1),
        expected_version=seen,
    )
    with pytest.raises(Conflict, match="changed since you opened it"):
        services.deny(
            db.session,
            curriculum,
            people["reviewer2"],
            DEFAULT_POLICY,
            reason="No",
            expected_version=seen,
        )
    assert curriculum.state == SubmissionState.APPROVED


def test_wrong_moves_and_roles(db, people):
    curriculum = _draft(db, people["provider"])
    with pytest.raises(Conflict, match="Cannot approve"):
        services.approve(
            db.session, curriculum, people["reviewer"], DEFAULT_POLICY, today=date(2026, 1, 1)
        )
    submit_complete(curriculum, people["provider"])
    with pytest.raises(Forbidden):
        services.approve(
            db.session, curriculum, people["provider"], DEFAULT_POLICY, today=date(2026, 1, 1)
        )


def test_providers_see_only_their_organization(db, people):
    curriculum = _draft(db, people["provider"])
    assert services.get_curriculum_for(db.session, people["provider"], curriculum.id) is curriculum
    with pytest.raises(NotFound):
        services.get_curriculum_for(db.session, people["other"], curriculum.id)


def test_reviewers_see_a_curriculum_only_once_it_is_submitted(app, db, people):
    """A never-submitted draft is the provider's own work: 404 for reviewers, page and API."""
    curriculum = _draft(db, people["provider"])
    with pytest.raises(NotFound):
        services.get_curriculum_for(db.session, people["reviewer"], curriculum.id)
    client = app.test_client()
    login(client, people["reviewer"])
    for url in (
        f"/curricula/{curriculum.id}",
        f"/review/{curriculum.id}",
        f"/curricula/{curriculum.id}/diff",
        f"/api/v1/submissions/{curriculum.id}",
    ):
        assert client.get(url).status_code == 404, url
    services.submit(db.session, curriculum, people["provider"])
    db.session.commit()
    assert services.get_curriculum_for(db.session, people["reviewer"], curriculum.id) is curriculum
    assert client.get(f"/api/v1/submissions/{curriculum.id}").status_code == 200


def test_reviewer_override_is_recorded_as_such(db, people):
    curriculum = make_curriculum(people["provider"], state="submitted")
    version = curriculum.latest
    review = services.record_competency_review(
        db.session,
        version,
        people["reviewer"],
        competency_id="core-11",
        covered=False,
        note="Only a slide.",
    )
    assert review.is_override and review.checker_said is True
    last = events_for(db.session, "curriculum", curriculum.id)[-1]
    assert last.action == "override_checker" and last.details["competency"] == "core-11"


def _denied(db, people):
    curriculum = _draft(db, people["provider"])
    submit_complete(curriculum, people["provider"])
    services.deny(db.session, curriculum, people["reviewer"], DEFAULT_POLICY, reason="Hours short.")
    return curriculum


def test_appeal_within_14_days_decided_by_another_reviewer_is_final(db, people):
    curriculum = _denied(db, people)
    decided = curriculum.decided_at.date()
    from datetime import timedelta

    item = file_appeal(
        curriculum,
        people["provider"],
        today=decided + timedelta(days=14),
        nature="The practicum hours were miscounted.",
        contact="bo@example.org, 555-0100",
    )
    assert curriculum.state == SubmissionState.APPEALED
    with pytest.raises(Forbidden, match="other than the one who denied"):
        decide_appeal(curriculum, people["reviewer"], today=decided, uphold_denial=True, reason="x")
    settle(curriculum, people["reviewer2"])
    decide_appeal(
        curriculum,
        people["reviewer2"],
        today=decided + timedelta(days=30),
        uphold_denial=False,
        reason="Hours recounted: 80.",
    )
    assert curriculum.state == SubmissionState.APPEAL_APPROVED and curriculum.expires_on is not None
    assert item.disposition.startswith("Denial reversed") and item.requested_on
    assert item.letter_sent_on is None  # entered by a reviewer once the letter goes out
    with pytest.raises(Conflict):  # final
        file_appeal(curriculum, people["provider"], today=decided, nature="again", contact="x")


def test_appeal_after_14_days_is_refused(db, people):
    from datetime import timedelta

    curriculum = _denied(db, people)
    late = curriculum.decided_at.date() + timedelta(days=15)
    with pytest.raises(Conflict, match="appeal window closed"):
        file_appeal(curriculum, people["provider"], today=late, nature="Late", contact="x")


def test_comments_per_module_and_competency_go_with_the_revision_request(db, people):
    curriculum = _draft(db, people["provider"])
    submit_complete(curriculum, people["provider"])
    targets = services.comment_targets(curriculum.latest)
    module_target = next(t for t in targets if t.startswith("module"))

    def comment(target: str, text: str):
        return services.add_comment(
            db.session, curriculum.latest, people["reviewer"], target=target, text=text
        )

    comment(module_target, "Add a role play.")
    comment("competency core-17: Digital literacy", "Missing.")
    with pytest.raises(DomainError):
        comment("module line 999: nothing", "x")
    services.request_revisions(
        db.session, curriculum, people["reviewer"], comments="See the comments."
    )
    email = db.session.scalar(
        db.select(OutboxEmail).where(OutboxEmail.subject.startswith("Revisions requested"))
    )
    assert "Add a role play." in email.body and "competency core-17" in email.body
    last = events_for(db.session, "curriculum", curriculum.id)[-1]
    assert len(last.details["comments"]) == 2


def test_only_the_owning_provider_acts_on_a_curriculum(db, people):
    curriculum = _draft(db, people["provider"])
    for actor in (people["other"], people["reviewer"]):
        with pytest.raises(Forbidden):
            services.submit(db.session, curriculum, actor)
    submit_complete(curriculum, people["provider"])
    services.request_revisions(db.session, curriculum, people["reviewer"], comments="More.")
    db.session.commit()  # the caller commits; a refused change is rolled back to here
    with pytest.raises(Forbidden):
        services.resubmit(
            db.session,
            curriculum,
            people["other"],
            syllabus_text=SYLLABUS,
            report=check_syllabus(SYLLABUS).to_dict(),
        )
    db.session.rollback()
    assert curriculum.state == SubmissionState.REVISIONS_REQUESTED
    assert len(curriculum.versions) == 1


def test_approve_refuses_while_the_fee_is_not_recorded(db, people):
    """The fee check of approve itself (§601), not only the completeness check before review:
    a curriculum under review whose fee record is gone (e.g. a row from before fees were kept)
    is not approved, and nothing about it changes."""
    curriculum = _draft(db, people["provider"])
    submit_complete(curriculum, people["provider"])
    settle(curriculum)
    curriculum.fee_paid, curriculum.fee_waived_reason = False, ""
    db.session.flush()
    state = curriculum.state
    with pytest.raises(Conflict, match=r"fee is not recorded \(§601\)"):
        services.approve(
            db.session, curriculum, people["reviewer"], DEFAULT_POLICY, today=date(2026, 3, 1)
        )
    assert curriculum.state == state == SubmissionState.SUBMITTED
    assert curriculum.approved_on is None and curriculum.expires_on is None
    curriculum.fee_waived_reason = "Community pilot"
    services.approve(
        db.session, curriculum, people["reviewer"], DEFAULT_POLICY, today=date(2026, 3, 1)
    )
    assert curriculum.state == SubmissionState.APPROVED
