"""Substantive changes as their own review (§803.5), complete applications (§301.2, §803.3),
approval guards, the draft's life and what the provider sees."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.audit.services import events_for
from app.auth.models import Role
from app.dbtypes import utcnow
from app.errors import Conflict, DomainError, Forbidden
from app.policy import DEFAULT_POLICY
from app.submissions import services
from app.submissions.states import ChangeState, SubmissionState
from app.syllabus.services import check_syllabus
from tests.factories import make_user
from tests.submissions.factories import (
    SYLLABUS,
    decide_appeal,
    file_appeal,
    make_curriculum,
    record_fee,
    settle,
)

CHANGED = SYLLABUS + "## Digital literacy (2 hours) [core-17]\nAssessment: exercise\n"


def _approved(people):
    return make_curriculum(
        people["provider"],
        state="approved",
        reviewer=people["reviewer"],
        approved_on=date(2026, 1, 1),
    )


def _decide_change(db, change, reviewer, decision, reason=""):
    return services.decide_change(
        db.session,
        change,
        reviewer,
        DEFAULT_POLICY,
        decision=decision,
        reason=reason,
        expected_version=change.lock_version,
    )


def _change(db, curriculum, provider, *, days=61):
    today = utcnow().date()
    return services.submit_substantive_change(
        db.session,
        curriculum,
        provider,
        DEFAULT_POLICY,
        today=today,
        intended_use_on=today + timedelta(days=days),
        syllabus_text=CHANGED,
        report=check_syllabus(CHANGED, "core").to_dict(),
        note="Adds digital literacy",
    )


def test_denied_change_leaves_the_curriculum_approved_on_its_version_and_expiry(db, people):
    curriculum = _approved(people)
    expires = curriculum.expires_on
    change = _change(db, curriculum, people["provider"])
    assert curriculum.state == SubmissionState.APPROVED and curriculum.is_open
    assert curriculum.current_version.number == 2 and curriculum.approved_version_number == 1
    _decide_change(db, change, people["reviewer"], "deny", "Not substantive enough to justify.")
    assert change.state == ChangeState.DENIED
    assert curriculum.state == SubmissionState.APPROVED
    assert (curriculum.approved_version_number, curriculum.expires_on) == (1, expires)
    assert not curriculum.is_open and curriculum.open_change is None
    timeline = [
        (e.subject_type, e.action) for e in services.timeline_events(db.session, curriculum)
    ]
    assert ("curriculum_change", "deny_change") in timeline and (
        "curriculum",
        "approve",
    ) in timeline


def test_approved_change_swaps_the_version_and_keeps_the_expiry(db, people):
    curriculum = _approved(people)
    approved_on, expires = curriculum.approved_on, curriculum.expires_on
    change = _change(db, curriculum, people["provider"])
    with pytest.raises(Conflict, match="not overridden"):
        _decide_change(db, change, people["reviewer"], "approve")
    settle(curriculum)
    _decide_change(db, change, people["reviewer"], "approve")
    assert curriculum.approved_version_number == 2
    assert (curriculum.approved_on, curriculum.expires_on) == (approved_on, expires)
    assert curriculum.approved_version.syllabus_text == CHANGED


def test_a_change_has_its_own_clock_and_its_revisions_leave_the_approval(db, people):
    curriculum = _approved(people)
    change = _change(db, curriculum, people["provider"])
    clock = services.clock_of_change(
        db.session, change, DEFAULT_POLICY, utcnow().date() + timedelta(days=20)
    )
    assert (clock.days_used, clock.days_left) == (20, 70)  # not the original review's days
    _decide_change(
        db, change, people["reviewer"], "request_revisions", "Say how digital literacy is assessed."
    )
    assert change.state == ChangeState.REVISIONS_REQUESTED
    assert curriculum.state == SubmissionState.APPROVED and curriculum.approved_version_number == 1
    actions = [e.action for e in events_for(db.session, "curriculum_change", change.id)]
    assert actions == ["submit_change", "request_change_revisions"]


def test_a_change_needs_60_days_notice_and_one_at_a_time(db, people):
    curriculum = _approved(people)
    with pytest.raises(DomainError, match="60 days"):
        _change(db, curriculum, people["provider"], days=30)
    _change(db, curriculum, people["provider"])
    with pytest.raises(Conflict, match="already under review"):
        _change(db, curriculum, people["provider"])


def test_stale_change_decision_is_refused(db, people):
    curriculum = _approved(people)
    change = _change(db, curriculum, people["provider"])
    for expected, refusal in (
        (change.lock_version + 1, "updated since you opened it"),
        (None, "which version"),
    ):
        with pytest.raises(Conflict, match=refusal):
            services.decide(
                db.session,
                curriculum,
                people["reviewer"],
                DEFAULT_POLICY,
                decision="deny",
                reason="No",
                today=date(2026, 2, 1),
                expected_version=expected,
            )


def test_incomplete_application_has_no_clock_until_the_fee_is_recorded(db, people):
    curriculum = make_curriculum(people["provider"])
    missing = services.submit(db.session, curriculum, people["provider"])
    assert missing == ["fee"] and curriculum.state == SubmissionState.INCOMPLETE
    assert (
        services.clock_of(db.session, curriculum, DEFAULT_POLICY, date(2030, 1, 1)).started_on
        is None
    )
    assert curriculum.is_open and curriculum.due_on is None
    with pytest.raises(Conflict):
        services.approve(
            db.session, curriculum, people["reviewer"], DEFAULT_POLICY, today=date(2026, 3, 1)
        )
    services.waive_fee(db.session, curriculum, people["reviewer"], reason="Community pilot")
    assert curriculum.state == SubmissionState.SUBMITTED and curriculum.fee_recorded
    assert curriculum.due_on == utcnow().date() + timedelta(days=90)


def test_a_syllabus_that_does_not_read_keeps_the_application_incomplete(db, people):
    text = "Just a paragraph without any session."
    curriculum = make_curriculum(people["provider"], text=text)
    assert services.submit(db.session, curriculum, people["provider"]) == ["fee", "syllabus"]
    record_fee(curriculum)
    assert curriculum.state == SubmissionState.INCOMPLETE
    services.update_draft(
        db.session,
        curriculum,
        people["provider"],
        title="Core training",
        language="English",
        syllabus_text=SYLLABUS,
        report=check_syllabus(SYLLABUS, "core").to_dict(),
    )
    assert curriculum.state == SubmissionState.SUBMITTED


def test_approval_refused_while_the_fee_is_unrecorded_or_errors_stand(db, people):
    curriculum = make_curriculum(people["provider"], state="submitted")
    with pytest.raises(Conflict, match="not overridden"):
        services.approve(
            db.session, curriculum, people["reviewer"], DEFAULT_POLICY, today=date(2026, 3, 1)
        )
    with pytest.raises(DomainError, match="reason"):
        services.override_finding(
            db.session, curriculum.latest, people["reviewer"], finding_index=0, reason=" "
        )
    settle(curriculum, people["reviewer"])
    services.approve(
        db.session, curriculum, people["reviewer"], DEFAULT_POLICY, today=date(2026, 3, 1)
    )
    assert curriculum.state == SubmissionState.APPROVED
    overrides = [
        e
        for e in events_for(db.session, "curriculum", curriculum.id)
        if e.action == "override_finding"
    ]
    assert overrides and all(e.reason for e in overrides)


def test_reviewers_do_not_act_on_drafts_and_approved_curricula_take_no_files(db, people):
    draft = make_curriculum(people["provider"])
    with pytest.raises(Conflict, match="draft"):
        services.confirm_fee_paid(db.session, draft, people["reviewer"])
    target = services.comment_targets(draft.latest)[0]
    with pytest.raises(Conflict, match="draft"):
        services.add_comment(db.session, draft.latest, people["reviewer"], target=target, text="Hm")
    approved = _approved(people)

    class Stored:
        stored_name, original_name, size, sha256 = "x", "x.pdf", 1, "0" * 64

    with pytest.raises(Conflict, match="substantive change"):
        services.attach_file(db.session, approved, people["provider"], Stored())


def test_comments_reach_the_provider_with_the_request(db, people):
    curriculum = make_curriculum(people["provider"], state="submitted")
    target = services.comment_targets(curriculum.latest)[0]
    services.add_comment(
        db.session, curriculum.latest, people["reviewer"], target=target, text="Expand"
    )
    assert services.comments_of(db.session, curriculum.latest, sent_only=True) == []
    services.request_revisions(
        db.session,
        curriculum,
        people["reviewer"],
        comments="See comments.",
        expected_version=curriculum.lock_version,
    )
    assert [
        c.text for c in services.comments_of(db.session, curriculum.latest, sent_only=True)
    ] == ["Expand"]


def test_withdraw_and_delete(db, people):
    submitted = make_curriculum(people["provider"], state="submitted")
    services.withdraw(db.session, submitted, people["provider"], reason="Rewriting it")
    assert submitted.state == SubmissionState.WITHDRAWN and not submitted.is_open
    draft = make_curriculum(people["provider"], title="Scratch")
    with pytest.raises(Conflict):
        services.delete_draft(db.session, submitted, people["provider"])
    services.delete_draft(db.session, draft, people["provider"])
    db.session.flush()
    assert [e.action for e in events_for(db.session, "curriculum", draft.id)][-1] == "delete_draft"


def test_reversed_appeal_clears_the_denial_reason(db, people):
    curriculum = make_curriculum(people["provider"], state="submitted")
    services.deny(
        db.session,
        curriculum,
        people["reviewer"],
        DEFAULT_POLICY,
        reason="Hours short.",
        expected_version=curriculum.lock_version,
    )
    today = utcnow().date()
    file_appeal(curriculum, people["provider"], today=today, nature="Miscounted", contact="a@b.org")
    settle(curriculum, people["reviewer2"])
    decide_appeal(
        curriculum, people["reviewer2"], today=today, uphold_denial=False, reason="Hours are fine."
    )
    assert curriculum.decision_reason == "" and curriculum.approved_version_number == 1


def test_assignment_self_and_by_admin(db, people):
    curriculum = make_curriculum(people["provider"], state="submitted")
    services.assign(db.session, curriculum, people["reviewer"], people["reviewer"])
    assert curriculum.assigned_to_id == people["reviewer"].id
    with pytest.raises(Forbidden):  # a reviewer assigns only themselves
        services.assign(db.session, curriculum, people["reviewer2"], people["reviewer"])
    admin = make_user(Role.ADMIN)
    services.assign(db.session, curriculum, admin, people["reviewer2"])
    assert curriculum.assigned_to_id == people["reviewer2"].id
    counts = services.queue_counts(db.session, people["reviewer2"], utcnow().date())
    assert counts["mine"] == 1 and counts["unassigned"] == 0


def test_a_change_under_review_gets_its_deadline_reminder(db, people):
    from app.notifications.models import OutboxEmail

    curriculum = _approved(people)
    _change(db, curriculum, people["provider"])
    services.queue_deadline_reminders(
        db.session, DEFAULT_POLICY, utcnow().date() + timedelta(days=80)
    )
    subjects = [e.subject for e in db.session.scalars(db.select(OutboxEmail))]
    assert "Review due in 10 days: change to Core training" in subjects


def test_refresh_queue_recomputes_the_stored_deadline(app, db, people):
    curriculum = make_curriculum(people["provider"], state="submitted")
    expected = curriculum.due_on
    curriculum.due_on, curriculum.queue_key = None, 10_000_000  # as after the upgrade
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["submissions", "refresh-queue"])
    assert result.exit_code == 0 and "1 curricula refreshed." in result.output
    db.session.expire_all()
    refreshed = db.session.get(type(curriculum), curriculum.id)
    assert refreshed.due_on == expected and refreshed.queue_key == expected.toordinal()
