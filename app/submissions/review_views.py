"""The reviewers' pages: the queue, the review page and its decisions, fees, comments, the
dashboard and the appeals log."""

from __future__ import annotations

from flask import flash, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from app import context
from app.auth.access import roles_required
from app.auth.models import Role, User
from app.errors import attempt, refusal_status
from app.extensions import db
from app.forms_flow import error_status, post_form
from app.http_cache import not_modified
from app.submissions import (
    appealing,
    changes,
    common,
    corrections,
    queries,
    reviewing,
    stats,
    workflow,
)
from app.submissions.appeal_views import log_context
from app.submissions.forms import (
    ActionForm,
    AppealDecisionForm,
    AssignForm,
    CommentForm,
    CompetencyReviewForm,
    DecisionForm,
    FeeWaiverForm,
    FindingOverrideForm,
    ReadingDecisionForm,
)
from app.submissions.pages import _curriculum, _int_arg, _refused_status, _to_detail, _to_review, bp
from app.submissions.states import SubmissionState
from app.syllabus.stored_text import restored_report
from app.syllabus.views import heatmap


@bp.post("/review/<int:curriculum_id>/reading/<int:correction_id>")
@roles_required(Role.REVIEWER, Role.ADMIN)
def decide_reading_correction(curriculum_id: int, correction_id: int):
    """Accept or reject one of the provider's corrections; a rejection recomputes the report."""
    curriculum = _curriculum(curriculum_id)
    form = ReadingDecisionForm()
    if not form.validate_on_submit():
        flash(_("The form expired or was incomplete; decide on the correction again."), "error")
        return _to_review(curriculum_id, "#corrections")
    accept = form.decision.data == "accept"
    attempt(
        lambda: corrections.decide_correction(
            db.session,
            curriculum,
            current_user,
            correction_id,
            accept=accept,
            note=form.note.data or "",
            catalog=context.catalog(),
            policy=context.policy(),
        ),
        success=_("The correction is accepted.")
        if accept
        else _("The correction is rejected; the report is recomputed without it."),
    )
    return _to_review(curriculum_id, "#corrections")


@bp.get("/review")
@roles_required(Role.REVIEWER, Role.ADMIN)
def queue():
    """The curricula past draft, a page at a time: open items first by nearest deadline; views
    for my items, unassigned and overdue; filters by state and program; counts at the top."""
    view = request.args.get("view", "open")
    view = view if view in queries.QUEUE_VIEWS else "open"
    state = request.args.get("state", "")
    program = request.args.get("program", "")
    sort = request.args.get("sort", "")
    sort = sort if sort in queries.QUEUE_SORTS else "deadline"
    policy, today = context.policy(), context.today()
    counts = queries.queue_counts(db.session, current_user, today)
    page = queries.review_queue(
        db.session,
        policy,
        today,
        reviewer=current_user,
        view=view,
        state=state,
        program=program,
        sort=sort,
        page=_int_arg("page") or 1,
        counts=counts,
    )
    return render_template(
        "submissions/queue.html",
        page=page,
        counts=counts,
        view=view,
        views=queries.QUEUE_VIEWS,
        state=state,
        program=program,
        programs=list(policy.programs),
        sort=sort,
        states=SubmissionState,
        today=today,
        warn=int(policy.value("review.deadline_warning_days")),
    )


def _render_review(curriculum, status: int = 200, decision=None, **forms):
    """The review page; ``decision``: a refused decision form, shown again with its text."""
    change = curriculum.open_change
    version = curriculum.current_version
    report = restored_report(version.report)
    columns, rows = heatmap(report)
    policy, today = context.policy(), context.today()
    lock = change.lock_version if change else curriculum.lock_version
    if decision is None:
        decision = DecisionForm(lock_version=str(lock))
    assign_form = AssignForm()
    assign_form.assignee.choices = [("", "nobody")] + [
        (str(u.id), u.name) for u in queries.reviewers(db.session)
    ]
    assign_form.assignee.data = str(curriculum.assigned_to_id or "")
    appeal = queries.latest_appeal(db.session, curriculum)
    overrides = reviewing.overrides_of(db.session, version)
    reviews = reviewing.latest_reviews(db.session, version)
    page = render_template(
        "submissions/review.html",
        curriculum=curriculum,
        version=version,
        change=change,
        change_clock=changes.clock_of_change(db.session, change, policy, today) if change else None,
        report=report,
        columns=columns,
        rows=rows,
        catalog=context.catalog(),
        decision=decision,
        appeal=appeal,
        appeal_decision=forms.get("appeal_decision") or AppealDecisionForm(),
        comment_form=forms.get("comment_form") or _comment_form(version),
        comments=reviewing.comments_of(db.session, version),
        action=ActionForm(),
        waiver=forms.get("waiver") or FeeWaiverForm(),
        override_form=FindingOverrideForm(),
        override_refused=forms.get("override_refused"),
        competency_refused=forms.get("competency_refused"),
        overrides=overrides,
        open_errors={e.index for e in reviewing.errors_left(version, overrides, reviews)},
        reviews=reviews,
        competency_form=CompetencyReviewForm(),
        assign_form=assign_form,
        clock=queries.clock_of(db.session, curriculum, policy, today),
        missing=[common.MISSING_TEXT[m] for m in common.missing_of(curriculum)],
        fee=policy.value("fee.provider_application"),
        review_days=int(policy.value("review.days")),
        reading_corrections=version.reading_corrections,
        reading_decision=ReadingDecisionForm(),
    )
    return page, status


@bp.get("/review/<int:curriculum_id>")
@roles_required(Role.REVIEWER, Role.ADMIN)
def review(curriculum_id: int):
    """The checker's report, the syllabus rendered safely, per-competency controls and the decision
    (on the application, or on the substantive change under review)."""
    curriculum = _curriculum(curriculum_id)
    return not_modified(curriculum.id, curriculum.lock_version) or _render_review(curriculum)


def _review_again(curriculum_id: int, **forms):
    """The review page under the status given, with ``forms`` as typed (read afresh after a
    refusal: the refusal rolled back what the request had read)."""
    return lambda status: _render_review(_curriculum(curriculum_id), status, **forms)


@bp.post("/review/<int:curriculum_id>/decision")
@roles_required(Role.REVIEWER, Role.ADMIN)
def decide(curriculum_id: int):
    """Approve, deny or request revisions; a refused decision shows the page again with the text
    typed, and a stale one names the version to look at again."""
    curriculum = _curriculum(curriculum_id)
    form = DecisionForm()

    def expired():
        form.reason.errors = [*form.reason.errors, _("The form expired; please decide again.")]

    def decide_again_on_what_is_there():
        db.session.expire_all()
        now = _curriculum(curriculum_id)
        change = now.open_change
        # Decide again on what is there now: the text stays, the version is the current one.
        form.lock_version.data = str(change.lock_version if change else now.lock_version)

    expected = int(form.lock_version.data) if (form.lock_version.data or "").isdigit() else None
    return post_form(
        form,
        lambda: workflow.decide(
            db.session,
            curriculum,
            current_user,
            context.policy(),
            decision=form.decision.data,
            reason=form.reason.data or "",
            today=context.today(),
            expected_version=expected,
        ),
        errors_in=form.reason,
        success=_("Decision recorded."),
        done=lambda _value: _to_detail(curriculum_id),
        again=_review_again(curriculum_id, decision=form),
        invalid_status=400,
        refused_status=error_status,
        when_invalid=expired,
        when_refused=decide_again_on_what_is_there,
    )


@bp.post("/review/<int:curriculum_id>/competency")
@roles_required(Role.REVIEWER, Role.ADMIN)
def review_competency(curriculum_id: int):
    """Confirm or override the checker for one competency, with a note; a refused entry shows the
    page again with the note typed and what to fix, next to that competency."""
    curriculum = _curriculum(curriculum_id)
    form = CompetencyReviewForm()

    def expired():
        form.note.errors = [*form.note.errors] or [_("The form expired; please save it again.")]

    return post_form(
        form,
        lambda: reviewing.record_competency_review(
            db.session,
            curriculum.current_version,
            current_user,
            competency_id=form.competency_id.data,
            covered=form.covered.data,
            note=form.note.data or "",
        ),
        errors_in=form.note,
        success=_("Recorded for %(competency)s.", competency=form.competency_id.data),
        done=lambda _value: _to_review(curriculum_id, "#competencies"),
        again=_review_again(curriculum_id, competency_refused=form),
        invalid_status=400,
        refused_status=lambda refused: _refused_status(refused.error),
        when_invalid=expired,
        when_refused=db.session.expire_all,
    )


@bp.post("/review/<int:curriculum_id>/finding")
@roles_required(Role.REVIEWER, Role.ADMIN)
def override_finding(curriculum_id: int):
    """Set aside one error of the checker's report, with the reason; a refused override shows the
    page again with the reason typed and what to fix, next to that finding."""
    curriculum = _curriculum(curriculum_id)
    form = FindingOverrideForm()

    def what_to_fix():
        if not (form.reason.data or "").strip():
            form.reason.errors = ["Give the reason for overriding the finding."]
        elif not form.reason.errors:
            form.reason.errors = [_("The form expired; please override again.")]

    return post_form(
        form,
        lambda: reviewing.override_finding(
            db.session,
            curriculum.current_version,
            current_user,
            finding_index=int(form.finding_index.data),
            reason=form.reason.data,
        ),
        errors_in=form.reason,
        success=_("The finding is overridden; the reason is recorded."),
        done=lambda _value: _to_review(curriculum_id, "#findings"),
        again=_review_again(curriculum_id, override_refused=form),
        valid=lambda: form.validate_on_submit() and (form.finding_index.data or "").isdigit(),
        invalid_status=400,
        refused_status=lambda refused: _refused_status(refused.error),
        when_invalid=what_to_fix,
        when_refused=db.session.expire_all,
    )


@bp.post("/review/<int:curriculum_id>/assign")
@roles_required(Role.REVIEWER, Role.ADMIN)
def assign(curriculum_id: int):
    """Take an item, let it go, or (administrators) assign it to a reviewer."""
    curriculum = _curriculum(curriculum_id)
    form = AssignForm()
    if form.validate_on_submit():
        value = form.assignee.data or ""
        assignee = db.session.get(User, int(value)) if value.isdigit() else None
        if value.isdigit() and assignee is None:
            flash("There is no such reviewer.", "error")
        else:
            done = attempt(
                lambda: workflow.assign(db.session, curriculum, current_user, assignee),
                success=_("Assigned to %(name)s.", name=assignee.name)
                if assignee
                else _("Nobody is assigned now."),
            )
            if refusal_status(done) == 409:  # someone else took it or decided meanwhile
                db.session.expire_all()
                return _render_review(_curriculum(curriculum_id), 409)
    return _to_review(curriculum_id)


@bp.post("/review/<int:curriculum_id>/appeal")
@roles_required(Role.REVIEWER, Role.ADMIN)
def decide_appeal(curriculum_id: int):
    """The final disposition of an appeal, by a reviewer other than the one who denied."""
    curriculum = _curriculum(curriculum_id)
    form = AppealDecisionForm()
    return post_form(
        form,
        lambda: appealing.decide_appeal(
            db.session,
            curriculum,
            current_user,
            context.policy(),
            today=context.today(),
            uphold_denial=form.outcome.data == "uphold",
            reason=form.reason.data,
        ),
        errors_in=form.reason,
        success=_("The appeal is decided; the decision is final."),
        done=lambda _value: _to_detail(curriculum_id),
        again=_review_again(curriculum_id, appeal_decision=form),
        invalid_status=400,
        refused_status=error_status,
        kept=form.reason.data or "",  # decided meanwhile: the form may be gone, say what was typed
        when_refused=db.session.expire_all,
    )


@bp.post("/review/<int:curriculum_id>/fee")
@roles_required(Role.REVIEWER, Role.ADMIN)
def confirm_fee(curriculum_id: int):
    """Record that the application fee was paid (§601); a complete application's clock starts."""
    curriculum = _curriculum(curriculum_id)
    if ActionForm().validate_on_submit():
        attempt(
            lambda: workflow.confirm_fee_paid(db.session, curriculum, current_user),
            success=_("The fee is recorded as paid."),
        )
    return _to_review(curriculum_id)


@bp.post("/review/<int:curriculum_id>/fee/waive")
@roles_required(Role.REVIEWER, Role.ADMIN)
def waive_fee(curriculum_id: int):
    """Waive the application fee with a reason."""
    curriculum = _curriculum(curriculum_id)
    form = FeeWaiverForm()
    return post_form(
        form,
        lambda: workflow.waive_fee(db.session, curriculum, current_user, reason=form.reason.data),
        errors_in=form.reason,
        success=_("The fee is waived; the reason is recorded."),
        done=lambda _value: _to_review(curriculum_id),
        again=_review_again(curriculum_id, waiver=form),
        invalid_status=400,
        refused_status=error_status,
    )


@bp.get("/review/dashboard")
@roles_required(Role.REVIEWER, Role.ADMIN)
def reviewer_dashboard():
    """Open items by days left, decisions per month (an SVG chart) and the median days to decision."""
    figures = queries.reviewer_dashboard(db.session, context.today())
    return render_template(
        "submissions/reviewer_dashboard.html",
        figures=figures,
        bars=stats.bars(figures.decisions_per_month),
        open_bars=stats.bars(figures.open_by_days_left, width=500),
        review_days=int(context.policy().value("review.days")),
    )


@bp.get("/review/appeals")
@roles_required(Role.REVIEWER, Role.ADMIN)
def appeals_log():
    """The appeals log with the fields of §807.1.D."""
    return render_template(
        "submissions/appeals.html", **log_context(queries.appeals_log(db.session))
    )


def _comment_form(version) -> CommentForm:
    form = CommentForm()
    form.target.choices = [(t, t) for t in reviewing.comment_targets(version)]
    return form


@bp.post("/review/<int:curriculum_id>/comment")
@roles_required(Role.REVIEWER, Role.ADMIN)
def comment(curriculum_id: int):
    """A comment on one module or competency, sent with the next revision request."""
    curriculum = _curriculum(curriculum_id)
    form = _comment_form(curriculum.current_version)
    return post_form(
        form,
        lambda: reviewing.add_comment(
            db.session,
            curriculum.current_version,
            current_user,
            target=form.target.data,
            text=form.text.data,
        ),
        errors_in=form.text,
        success=_("Comment saved; it goes to the provider with your revision request."),
        done=lambda _value: _to_review(curriculum_id, "#comments"),
        again=_review_again(curriculum_id, comment_form=form),
        invalid_status=400,
        refused_status=error_status,
    )
