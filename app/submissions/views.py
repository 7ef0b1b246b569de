"""Provider dashboard and submissions; reviewer queue, review page and decisions; timelines."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app import context
from app.audit.services import events_for
from app.auth.access import roles_required
from app.auth.models import Role, User
from app.complaints import appeals as complaint_appeals
from app.errors import Outcome, attach_posted_file, attempt, refusal_status, say_what_was_kept
from app.extensions import db
from app.http_cache import not_modified
from app.policy import DEFAULT_POLICY
from app.submissions import corrections, services, stats
from app.submissions.appeal_views import log_context
from app.submissions.forms import (
    ActionForm,
    AppealDecisionForm,
    AppealForm,
    AssignForm,
    CommentForm,
    CompetencyReviewForm,
    DecisionForm,
    DeleteDraftForm,
    EditDraftForm,
    FeeWaiverForm,
    FindingOverrideForm,
    NewCurriculumForm,
    ReadingDecisionForm,
    ReadingForm,
    ResubmitForm,
    SubstantiveChangeForm,
    SupportingFileForm,
    WithdrawForm,
)
from app.submissions.states import ChangeState, SubmissionState
from app.syllabus.reading_form import FormProblems
from app.syllabus.report import report_from_dict
from app.syllabus.views import competency_choices, heatmap
from app.uploads import send_stored

bp = Blueprint("submissions", __name__)


@bp.app_template_filter("program_name")
def program_name(program: str) -> str:
    """A program's title for pages ("pcfm" is "Parent, Caregiver, Family Member Peer")."""
    try:
        return DEFAULT_POLICY.program(program).title
    except ValueError:
        return program


@bp.app_template_filter("code_label")
def code_label(code: str) -> str:
    """A finding's code in words for pages ("COMPETENCY_MISSING" is "Competency missing");
    exports and the API keep the code."""
    return (code or "").replace("_", " ").capitalize()


def _curriculum(curriculum_id: int):
    return services.get_curriculum_for(db.session, current_user, curriculum_id)


def _to_detail(curriculum_id: int, anchor: str = ""):
    return redirect(url_for("submissions.detail", curriculum_id=curriculum_id) + anchor)


def _refused_status(error) -> int:
    """The status of a page shown again after a refused form: 409 for a conflict, else 400."""
    return 409 if error.status == 409 else 400


def _to_review(curriculum_id: int, anchor: str = ""):
    return redirect(url_for("submissions.review", curriculum_id=curriculum_id) + anchor)


def _with_syllabus(form, program: str, action: Callable, *, errors=None, success="") -> Outcome:
    """Read and check the form's syllabus, then ``action(syllabus)``; a refused change keeps no file."""
    upload_dir = current_app.config["UPLOAD_DIR"]
    read = attempt(
        lambda: services.read_syllabus(
            context.uploaded("upload", current_app.config["MAX_SYLLABUS_BYTES"]),
            form.text.data or "",
            program,
            catalog=context.catalog(),
            policy=context.policy(),
            upload_dir=upload_dir,
            max_bytes=current_app.config["MAX_SYLLABUS_BYTES"],
        ),
        errors=errors,
    )
    if not read.ok:
        return read
    return attempt(
        lambda: action(read.value),
        errors=errors,
        success=success,
        cleanup=lambda: services.discard_syllabus(upload_dir, read.value),
    )


@bp.get("/provider")
@roles_required(Role.PROVIDER)
def dashboard():
    """The organization's curricula, their states, clocks and expiry dates."""
    today = context.today()
    return render_template(
        "submissions/dashboard.html",
        page=services.dashboard_page(
            db.session,
            current_user.organization_id,
            context.policy(),
            today,
            page=_int_arg("page") or 1,
        ),
        today=today,
        warn_days=int(context.policy().value("approval.expiry_warning_days")),
        review_days=int(context.policy().value("review.days")),
        organization=current_user.organization,
        complaint_outcomes=complaint_appeals.status_actions_for(db.session, current_user),
    )


@bp.route("/provider/curricula/new", methods=["GET", "POST"])
@roles_required(Role.PROVIDER)
def new():
    """Check a syllabus and keep it as a draft; the report is shown before anything is submitted."""
    form = NewCurriculumForm()
    policy = context.policy()
    created = None
    if form.validate_on_submit():
        created = _with_syllabus(
            form,
            form.program.data,
            lambda syllabus: services.create_draft(
                db.session,
                provider=current_user,
                program=form.program.data,
                title=form.title.data,
                language=form.language.data,
                **syllabus.version_fields(),
            ),
            errors=form.text.errors,
            success="The syllabus is checked and saved as a draft. Read the report, then submit it for review.",
        )
        if created.ok:
            return _to_detail(created.value.id)
    page = render_template(
        "submissions/new.html",
        form=form,
        fee=policy.value("fee.provider_application"),
        fee_citation=policy.cite("fee.provider_application"),
    )
    # The form comes back as typed; when the server could not do its part (the file store is
    # away or timed out), the status says so (503), so a client or a proxy can retry.
    failed = created is not None and created.error is not None and created.error.status >= 500
    return page, created.error.status if failed else 200


def _last_request(curriculum_id: int, subject_type: str = "curriculum", subject_id=None):
    """The newest revision request on the subject: its reason and detailed comments, or None."""
    events = events_for(db.session, subject_type, subject_id or curriculum_id)
    asked = [e for e in events if e.action in ("request_revisions", "request_change_revisions")]
    return asked[-1] if asked else None


def _render_detail(curriculum, status: int = 200, **forms):
    """The curriculum page; ``forms``: forms posted and refused, shown with what was typed."""
    policy, today = context.policy(), context.today()
    number = _int_arg("version")
    shown = next((v for v in curriculum.versions if v.number == number), None)
    shown = shown or curriculum.current_version
    report = report_from_dict(shown.report)
    columns, heat_rows = heatmap(report)
    provider = current_user.role == Role.PROVIDER
    change = curriculum.open_change
    last_change = curriculum.changes[-1] if curriculum.changes else None
    latest = curriculum.latest
    resubmit = forms.get("resubmit") or ResubmitForm(text=latest.syllabus_text)
    change_form = forms.get("change_form") or SubstantiveChangeForm(
        text=(curriculum.approved_version or latest).syllabus_text
    )
    edit = forms.get("edit") or EditDraftForm(
        title=curriculum.title, language=curriculum.language, text=latest.syllabus_text
    )
    page = render_template(
        "submissions/detail.html",
        curriculum=curriculum,
        version=shown,
        data=shown.report,
        report=report,
        columns=columns,
        rows=heat_rows,
        catalog=context.catalog(),
        clock=services.clock_of(db.session, curriculum, policy, today),
        change=change,
        last_change=last_change,
        change_clock=services.clock_of_change(db.session, change, policy, today)
        if change
        else None,
        request_event=_last_request(curriculum.id),
        change_request_event=_last_request(curriculum.id, "curriculum_change", last_change.id)
        if last_change
        else None,
        missing=[services.MISSING_TEXT[m] for m in services.missing_of(curriculum)],
        action=ActionForm(),
        resubmit=resubmit,
        appeal_form=forms.get("appeal_form") or AppealForm(),
        change_form=change_form,
        edit=edit,
        withdraw_form=forms.get("withdraw_form") or WithdrawForm(),
        delete_form=DeleteDraftForm(),
        comments=services.comments_of(db.session, shown, sent_only=provider),
        reviews=services.latest_reviews(db.session, shown),
        overrides=services.overrides_of(db.session, shown),
        unsettled=len(services.unresolved_errors(db.session, shown)),
        file_form=forms.get("file_form") or SupportingFileForm(),
        appeal_deadline=services.appeal_deadline(curriculum, policy),
        today=today,
        fee=policy.value("fee.provider_application"),
        fee_citation=policy.cite("fee.provider_application"),
        review_days=int(policy.value("review.days")),
        states=SubmissionState,
        change_states=ChangeState,
        **_reading_context(report, shown, forms),
    )
    return page, status


def _reading_context(report, version, forms: dict) -> dict:
    """The reading table of a draft and the corrections of ``version``, for the detail page."""
    return {
        "reading_form": ReadingForm(),
        "reading_posted": forms.get("reading_posted"),
        "reading_problems": forms.get("reading_problems") or [],
        "choices": competency_choices(report),
        "reading_corrections": version.reading_corrections,
    }


@bp.get("/curricula/<int:curriculum_id>")
@roles_required(Role.PROVIDER, Role.REVIEWER, Role.ADMIN)
def detail(curriculum_id: int):
    """A curriculum with its report, rubric and heatmap per version, the review so far and what
    can be done next."""
    curriculum = _curriculum(curriculum_id)
    return not_modified(curriculum.id, curriculum.lock_version) or _render_detail(curriculum)


@bp.post("/curricula/<int:curriculum_id>/submit")
@roles_required(Role.PROVIDER)
def submit(curriculum_id: int):
    curriculum = _curriculum(curriculum_id)
    if ActionForm().validate_on_submit():
        policy = context.policy()
        sent = attempt(lambda: services.submit(db.session, curriculum, current_user))
        if sent.ok and sent.value:
            missing = "; ".join(services.MISSING_TEXT[m] for m in sent.value)
            flash(
                f"Sent, but the application is incomplete: {missing}. The {policy.value('review.days')}-day clock starts once it is complete ({policy.cite('review.days')}).",
                "warning",
            )
        elif sent.ok:
            flash(
                f"Submitted. The certifying entity answers within {policy.value('review.days')} days of a complete application ({policy.cite('review.days')}).",
                "success",
            )
    return _to_detail(curriculum_id)


@bp.post("/curricula/<int:curriculum_id>/edit")
@roles_required(Role.PROVIDER)
def edit_draft(curriculum_id: int):
    """Edit a draft or an incomplete application: title, language, a new syllabus text or file."""
    curriculum = _curriculum(curriculum_id)
    form = EditDraftForm()
    if form.validate_on_submit():
        edited = _with_syllabus(
            form,
            curriculum.program,
            lambda syllabus: services.update_draft(
                db.session,
                curriculum,
                current_user,
                title=form.title.data,
                language=form.language.data,
                **syllabus.version_fields(),
            ),
            errors=form.text.errors,
            success="The draft is saved and checked again.",
        )
        if edited.ok:
            return _to_detail(curriculum_id)
    return _render_detail(curriculum, 400, edit=form)


@bp.post("/curricula/<int:curriculum_id>/reading")
@roles_required(Role.PROVIDER)
def correct_reading(curriculum_id: int):
    """Save the provider's corrections of what the checker read on the draft; the verdict is
    recomputed at once. A refused table comes back with what was typed and what to fix."""
    curriculum = _curriculum(curriculum_id)
    if not ReadingForm().validate_on_submit():
        problems = ["The form expired; please correct the reading again."]
        return _render_detail(
            curriculum, 400, reading_posted=request.form, reading_problems=problems
        )
    try:
        saved = attempt(
            lambda: corrections.correct_reading(
                db.session,
                curriculum,
                current_user,
                request.form,
                catalog=context.catalog(),
                policy=context.policy(),
            ),
            errors=(problems := []),
        )
    except FormProblems as refused:
        db.session.rollback()
        return _render_detail(
            _curriculum(curriculum_id),
            400,
            reading_posted=request.form,
            reading_problems=refused.problems,
        )
    if not saved.ok:
        db.session.expire_all()
        return _render_detail(
            _curriculum(curriculum_id),
            _refused_status(saved.error),
            reading_posted=request.form,
            reading_problems=problems,
        )
    verdict = report_from_dict(curriculum.latest.report).decision
    if saved.value:
        flash(
            f"{len(saved.value)} correction(s) saved with the draft; the verdict is now: {verdict}.",
            "success",
        )
    else:
        flash("Nothing was changed in the reading.", "info")
    return _to_detail(curriculum_id, "#reading")


@bp.post("/review/<int:curriculum_id>/reading/<int:correction_id>")
@roles_required(Role.REVIEWER, Role.ADMIN)
def decide_reading_correction(curriculum_id: int, correction_id: int):
    """Accept or reject one of the provider's corrections; a rejection recomputes the report."""
    curriculum = _curriculum(curriculum_id)
    form = ReadingDecisionForm()
    if not form.validate_on_submit():
        flash("The form expired or was incomplete; decide on the correction again.", "error")
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
        success="The correction is accepted."
        if accept
        else "The correction is rejected; the report is recomputed without it.",
    )
    return _to_review(curriculum_id, "#corrections")


@bp.post("/curricula/<int:curriculum_id>/delete")
@roles_required(Role.PROVIDER)
def delete_draft(curriculum_id: int):
    curriculum = _curriculum(curriculum_id)
    form = DeleteDraftForm()
    if not form.validate_on_submit():
        flash(" ".join(map(str, form.confirm.errors)) or "The form expired; try again.", "error")
    else:
        title = curriculum.title
        deleted = attempt(lambda: services.delete_draft(db.session, curriculum, current_user))
        if deleted.ok:
            flash(f"The draft “{title}” is deleted.", "success")
            return redirect(url_for("submissions.dashboard"))
    return _to_detail(curriculum_id)


@bp.post("/curricula/<int:curriculum_id>/withdraw")
@roles_required(Role.PROVIDER)
def withdraw(curriculum_id: int):
    """Take back an application (or the change under review) before a decision."""
    curriculum = _curriculum(curriculum_id)
    form = WithdrawForm()
    if not form.validate_on_submit():
        flash(" ".join(map(str, form.confirm.errors)) or "The form expired; try again.", "error")
    else:
        change = curriculum.open_change
        if change is not None:
            done = attempt(
                lambda: services.withdraw_change(db.session, change, current_user),
                success="The change is withdrawn; the curriculum stays approved as it was.",
            )
        else:
            done = attempt(
                lambda: services.withdraw(
                    db.session, curriculum, current_user, reason=form.reason.data or ""
                ),
                success="The application is withdrawn.",
            )
        if refusal_status(done) == 409:  # decided meanwhile: show it, with the reason typed
            say_what_was_kept(done, form.reason.data or "")
            db.session.expire_all()
            return _render_detail(_curriculum(curriculum_id), 409, withdraw_form=form)
    return _to_detail(curriculum_id)


@bp.post("/curricula/<int:curriculum_id>/resubmit")
@roles_required(Role.PROVIDER)
def resubmit(curriculum_id: int):
    curriculum = _curriculum(curriculum_id)
    form = ResubmitForm()
    if form.validate_on_submit():
        done = _with_syllabus(
            form,
            curriculum.program,
            lambda syllabus: services.resubmit(
                db.session,
                curriculum,
                current_user,
                note=form.note.data or "",
                **syllabus.version_fields(),
            ),
            errors=form.text.errors,
            success="The new version is submitted; the review clock runs again.",
        )
        if done.ok:
            return _to_detail(curriculum_id)
    return _render_detail(curriculum, 400, resubmit=form)


@bp.get("/curricula/<int:curriculum_id>/timeline")
@roles_required(Role.PROVIDER, Role.REVIEWER, Role.ADMIN)
def timeline(curriculum_id: int):
    """Every state change with who, when (UTC), from, to and why; the clock's pauses."""
    curriculum = _curriculum(curriculum_id)
    events = services.timeline_events(db.session, curriculum)
    own = [e for e in events if e.subject_type == "curriculum"]
    clock = services.clock_of(db.session, curriculum, context.policy(), context.today(), own)
    return render_template(
        "submissions/timeline.html", curriculum=curriculum, events=events, clock=clock
    )


def _int_arg(name: str) -> int | None:
    value = request.args.get(name, "")
    return int(value) if value.isdigit() else None


@bp.get("/curricula/<int:curriculum_id>/diff")
@roles_required(Role.PROVIDER, Role.REVIEWER, Role.ADMIN)
def diff(curriculum_id: int):
    """What changed between two versions (default: the last two)."""
    curriculum = _curriculum(curriculum_id)
    comparison = services.compare_versions(curriculum, _int_arg("from"), _int_arg("to"))
    if comparison.asked_for_unknown:
        flash("There is no such version.", "error")
    return render_template(
        "submissions/diff.html",
        curriculum=curriculum,
        changes=comparison.changes,
        old=comparison.old,
        new=comparison.new,
        numbers=comparison.numbers,
    )


@bp.get("/review")
@roles_required(Role.REVIEWER, Role.ADMIN)
def queue():
    """The curricula past draft, a page at a time: open items first by nearest deadline; views
    for my items, unassigned and overdue; filters by state and program; counts at the top."""
    view = request.args.get("view", "open")
    view = view if view in services.QUEUE_VIEWS else "open"
    state = request.args.get("state", "")
    program = request.args.get("program", "")
    sort = request.args.get("sort", "")
    sort = sort if sort in services.QUEUE_SORTS else "deadline"
    policy, today = context.policy(), context.today()
    counts = services.queue_counts(db.session, current_user, today)
    page = services.review_queue(
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
        views=services.QUEUE_VIEWS,
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
    report = report_from_dict(version.report)
    columns, rows = heatmap(report)
    policy, today = context.policy(), context.today()
    lock = change.lock_version if change else curriculum.lock_version
    if decision is None:
        decision = DecisionForm(lock_version=str(lock))
    assign_form = AssignForm()
    assign_form.assignee.choices = [("", "nobody")] + [
        (str(u.id), u.name) for u in services.reviewers(db.session)
    ]
    assign_form.assignee.data = str(curriculum.assigned_to_id or "")
    appeal = services.latest_appeal(db.session, curriculum)
    page = render_template(
        "submissions/review.html",
        curriculum=curriculum,
        version=version,
        change=change,
        change_clock=services.clock_of_change(db.session, change, policy, today)
        if change
        else None,
        report=report,
        columns=columns,
        rows=rows,
        catalog=context.catalog(),
        decision=decision,
        appeal=appeal,
        appeal_decision=forms.get("appeal_decision") or AppealDecisionForm(),
        comment_form=forms.get("comment_form") or _comment_form(version),
        comments=services.comments_of(db.session, version),
        action=ActionForm(),
        waiver=forms.get("waiver") or FeeWaiverForm(),
        override_form=FindingOverrideForm(),
        override_refused=forms.get("override_refused"),
        competency_refused=forms.get("competency_refused"),
        overrides=services.overrides_of(db.session, version),
        open_errors={e.index for e in services.unresolved_errors(db.session, version)},
        reviews=services.latest_reviews(db.session, version),
        competency_form=CompetencyReviewForm(),
        assign_form=assign_form,
        clock=services.clock_of(db.session, curriculum, policy, today),
        missing=[services.MISSING_TEXT[m] for m in services.missing_of(curriculum)],
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


@bp.post("/review/<int:curriculum_id>/decision")
@roles_required(Role.REVIEWER, Role.ADMIN)
def decide(curriculum_id: int):
    """Approve, deny or request revisions; a refused decision shows the page again with the text
    typed, and a stale one names the version to look at again."""
    curriculum = _curriculum(curriculum_id)
    form = DecisionForm()
    if not form.validate_on_submit():
        form.reason.errors = [*form.reason.errors, "The form expired; please decide again."]
        return _render_review(curriculum, 400, decision=form)
    expected = int(form.lock_version.data) if (form.lock_version.data or "").isdigit() else None
    decided = attempt(
        lambda: services.decide(
            db.session,
            curriculum,
            current_user,
            context.policy(),
            decision=form.decision.data,
            reason=form.reason.data or "",
            today=context.today(),
            expected_version=expected,
        ),
        errors=form.reason.errors,
        success="Decision recorded.",
    )
    if not decided.ok:
        db.session.expire_all()
        curriculum = _curriculum(curriculum_id)
        change = curriculum.open_change
        # Decide again on what is there now: the text stays, the version is the current one.
        form.lock_version.data = str(change.lock_version if change else curriculum.lock_version)
        return _render_review(curriculum, decided.error.status, decision=form)
    return _to_detail(curriculum_id)


@bp.post("/review/<int:curriculum_id>/competency")
@roles_required(Role.REVIEWER, Role.ADMIN)
def review_competency(curriculum_id: int):
    """Confirm or override the checker for one competency, with a note; a refused entry shows the
    page again with the note typed and what to fix, next to that competency."""
    curriculum = _curriculum(curriculum_id)
    form = CompetencyReviewForm()
    if not form.validate_on_submit():
        form.note.errors = [*form.note.errors] or ["The form expired; please save it again."]
        return _render_review(curriculum, 400, competency_refused=form)
    recorded = attempt(
        lambda: services.record_competency_review(
            db.session,
            curriculum.current_version,
            current_user,
            competency_id=form.competency_id.data,
            covered=form.covered.data,
            note=form.note.data or "",
        ),
        errors=form.note.errors,
        success=f"Recorded for {form.competency_id.data}.",
    )
    if not recorded.ok:
        db.session.expire_all()
        return _render_review(
            _curriculum(curriculum_id), _refused_status(recorded.error), competency_refused=form
        )
    return _to_review(curriculum_id, "#competencies")


@bp.post("/review/<int:curriculum_id>/finding")
@roles_required(Role.REVIEWER, Role.ADMIN)
def override_finding(curriculum_id: int):
    """Set aside one error of the checker's report, with the reason; a refused override shows the
    page again with the reason typed and what to fix, next to that finding."""
    curriculum = _curriculum(curriculum_id)
    form = FindingOverrideForm()
    if not form.validate_on_submit() or not (form.finding_index.data or "").isdigit():
        if not (form.reason.data or "").strip():
            form.reason.errors = ["Give the reason for overriding the finding."]
        elif not form.reason.errors:
            form.reason.errors = ["The form expired; please override again."]
        return _render_review(curriculum, 400, override_refused=form)
    overridden = attempt(
        lambda: services.override_finding(
            db.session,
            curriculum.current_version,
            current_user,
            finding_index=int(form.finding_index.data),
            reason=form.reason.data,
        ),
        errors=form.reason.errors,
        success="The finding is overridden; the reason is recorded.",
    )
    if not overridden.ok:
        db.session.expire_all()
        return _render_review(
            _curriculum(curriculum_id), _refused_status(overridden.error), override_refused=form
        )
    return _to_review(curriculum_id, "#findings")


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
                lambda: services.assign(db.session, curriculum, current_user, assignee),
                success=f"Assigned to {assignee.name}." if assignee else "Nobody is assigned now.",
            )
            if refusal_status(done) == 409:  # someone else took it or decided meanwhile
                db.session.expire_all()
                return _render_review(_curriculum(curriculum_id), 409)
    return _to_review(curriculum_id)


@bp.post("/curricula/<int:curriculum_id>/appeal")
@roles_required(Role.PROVIDER)
def appeal(curriculum_id: int):
    """Appeal a denial within 14 days of the decision (§702.1.D)."""
    curriculum = _curriculum(curriculum_id)
    form = AppealForm()
    if not form.validate_on_submit():
        return _render_detail(curriculum, 400, appeal_form=form)
    policy = context.policy()
    filed = attempt(
        lambda: services.appeal(
            db.session,
            curriculum,
            current_user,
            policy,
            today=context.today(),
            nature=form.nature.data,
            contact=form.contact.data,
        ),
        errors=form.nature.errors,
        success=f"Your appeal is filed; a different reviewer will decide it, and that decision is final ({policy.cite('appeal.final')}).",
    )
    if not filed.ok:
        return _render_detail(curriculum, filed.error.status, appeal_form=form)
    return _to_detail(curriculum_id)


@bp.post("/review/<int:curriculum_id>/appeal")
@roles_required(Role.REVIEWER, Role.ADMIN)
def decide_appeal(curriculum_id: int):
    """The final disposition of an appeal, by a reviewer other than the one who denied."""
    curriculum = _curriculum(curriculum_id)
    form = AppealDecisionForm()
    if not form.validate_on_submit():
        return _render_review(curriculum, 400, appeal_decision=form)
    decided = attempt(
        lambda: services.decide_appeal(
            db.session,
            curriculum,
            current_user,
            context.policy(),
            today=context.today(),
            uphold_denial=form.outcome.data == "uphold",
            reason=form.reason.data,
        ),
        errors=form.reason.errors,
        success="The appeal is decided; the decision is final.",
    )
    if not decided.ok:
        if (
            refusal_status(decided) == 409
        ):  # decided meanwhile: the form is gone, say what was typed
            say_what_was_kept(decided, form.reason.data or "")
            db.session.expire_all()
            curriculum = _curriculum(curriculum_id)
        return _render_review(curriculum, decided.error.status, appeal_decision=form)
    return _to_detail(curriculum_id)


@bp.post("/review/<int:curriculum_id>/fee")
@roles_required(Role.REVIEWER, Role.ADMIN)
def confirm_fee(curriculum_id: int):
    """Record that the application fee was paid (§601); a complete application's clock starts."""
    curriculum = _curriculum(curriculum_id)
    if ActionForm().validate_on_submit():
        attempt(
            lambda: services.confirm_fee_paid(db.session, curriculum, current_user),
            success="The fee is recorded as paid.",
        )
    return _to_review(curriculum_id)


@bp.post("/review/<int:curriculum_id>/fee/waive")
@roles_required(Role.REVIEWER, Role.ADMIN)
def waive_fee(curriculum_id: int):
    """Waive the application fee with a reason."""
    curriculum = _curriculum(curriculum_id)
    form = FeeWaiverForm()
    if not form.validate_on_submit():
        return _render_review(curriculum, 400, waiver=form)
    waived = attempt(
        lambda: services.waive_fee(db.session, curriculum, current_user, reason=form.reason.data),
        errors=form.reason.errors,
        success="The fee is waived; the reason is recorded.",
    )
    if not waived.ok:
        return _render_review(curriculum, waived.error.status, waiver=form)
    return _to_review(curriculum_id)


@bp.get("/review/dashboard")
@roles_required(Role.REVIEWER, Role.ADMIN)
def reviewer_dashboard():
    """Open items by days left, decisions per month (an SVG chart) and the median days to decision."""
    figures = services.reviewer_dashboard(db.session, context.today())
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
        "submissions/appeals.html", **log_context(services.appeals_log(db.session))
    )


@bp.post("/curricula/<int:curriculum_id>/change")
@roles_required(Role.PROVIDER)
def substantive_change(curriculum_id: int):
    """Submit a substantive change to an approved curriculum (§803.5), or answer a revision
    request on the change under review; a refused change keeps what was typed."""
    curriculum = _curriculum(curriculum_id)
    form = SubstantiveChangeForm()
    if not form.validate_on_submit():
        return _render_detail(curriculum, 400, change_form=form)
    change = curriculum.open_change
    policy = context.policy()
    fields = {
        "today": context.today(),
        "intended_use_on": form.intended_use_on.data,
        "note": form.note.data,
    }
    if change is not None and change.state == ChangeState.REVISIONS_REQUESTED:
        done = _with_syllabus(
            form,
            curriculum.program,
            lambda syllabus: services.resubmit_change(
                db.session, change, current_user, policy, **fields, **syllabus.version_fields()
            ),
            errors=form.note.errors,
            success="The revised change is submitted; its review clock runs again.",
        )
    else:
        done = _with_syllabus(
            form,
            curriculum.program,
            lambda syllabus: services.submit_substantive_change(
                db.session, curriculum, current_user, policy, **fields, **syllabus.version_fields()
            ),
            errors=form.note.errors,
            success="The change is submitted for review; the curriculum stays approved as it is until the change is approved.",
        )
    if not done.ok:
        return _render_detail(curriculum, done.error.status, change_form=form)
    return _to_detail(curriculum_id)


@bp.post("/curricula/<int:curriculum_id>/files")
@roles_required(Role.PROVIDER)
def upload_file(curriculum_id: int):
    """Attach a supporting file; a damaged or hostile file is refused and nothing is kept."""
    curriculum = _curriculum(curriculum_id)
    attach_posted_file(
        SupportingFileForm(),
        lambda upload, upload_dir, limit: services.attach_upload(
            db.session, curriculum, current_user, upload, upload_dir=upload_dir, max_bytes=limit
        ),
    )
    return _to_detail(curriculum_id)


@bp.get("/curricula/<int:curriculum_id>/files/<stored_name>")
@roles_required(Role.PROVIDER, Role.REVIEWER, Role.ADMIN)
def download_file(curriculum_id: int, stored_name: str):
    """A supporting file or an uploaded syllabus, served as an attachment."""
    original_name = services.stored_file(_curriculum(curriculum_id), stored_name)
    return send_stored(current_app.config["UPLOAD_DIR"], stored_name, original_name)


def _comment_form(version) -> CommentForm:
    form = CommentForm()
    form.target.choices = [(t, t) for t in services.comment_targets(version)]
    return form


@bp.post("/review/<int:curriculum_id>/comment")
@roles_required(Role.REVIEWER, Role.ADMIN)
def comment(curriculum_id: int):
    """A comment on one module or competency, sent with the next revision request."""
    curriculum = _curriculum(curriculum_id)
    form = _comment_form(curriculum.current_version)
    if not form.validate_on_submit():
        return _render_review(curriculum, 400, comment_form=form)
    added = attempt(
        lambda: services.add_comment(
            db.session,
            curriculum.current_version,
            current_user,
            target=form.target.data,
            text=form.text.data,
        ),
        errors=form.text.errors,
        success="Comment saved; it goes to the provider with your revision request.",
    )
    if not added.ok:
        return _render_review(curriculum, added.error.status, comment_form=form)
    return _to_review(curriculum_id, "#comments")
