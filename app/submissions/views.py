"""Provider dashboard and submissions; reviewer queue, review page and decisions; timelines."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app import context
from app.audit.services import events_for
from app.auth.access import roles_required
from app.auth.models import Role
from app.errors import Outcome, attach_posted_file, attempt
from app.extensions import db
from app.submissions import services
from app.submissions.appeal_views import log_context
from app.submissions.forms import (
    ActionForm,
    AppealDecisionForm,
    AppealForm,
    CommentForm,
    CompetencyReviewForm,
    DecisionForm,
    NewCurriculumForm,
    ResubmitForm,
    SubstantiveChangeForm,
    SupportingFileForm,
)
from app.submissions.states import SubmissionState
from app.syllabus.report import report_from_dict
from app.syllabus.views import heatmap
from app.uploads import send_stored

bp = Blueprint("submissions", __name__)


def _curriculum(curriculum_id: int):
    return services.get_curriculum_for(db.session, current_user, curriculum_id)


def _to_detail(curriculum_id: int, anchor: str = ""):
    return redirect(url_for("submissions.detail", curriculum_id=curriculum_id) + anchor)


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
    return render_template(
        "submissions/dashboard.html",
        rows=services.dashboard_rows(db.session, current_user.organization_id),
        today=context.today(),
        warn_days=int(context.policy().value("approval.expiry_warning_days")),
        organization=current_user.organization,
    )


@bp.route("/provider/curricula/new", methods=["GET", "POST"])
@roles_required(Role.PROVIDER)
def new():
    """Check a syllabus and keep it as a draft; the report is shown before anything is submitted."""
    form = NewCurriculumForm()
    policy = context.policy()
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
    return render_template(
        "submissions/new.html",
        form=form,
        fee=policy.value("fee.provider_application"),
        fee_citation=policy.cite("fee.provider_application"),
    )


@bp.get("/curricula/<int:curriculum_id>")
@roles_required(Role.PROVIDER, Role.REVIEWER, Role.ADMIN)
def detail(curriculum_id: int):
    """A curriculum with its latest report, versions and what can be done next."""
    curriculum = _curriculum(curriculum_id)
    policy, today = context.policy(), context.today()
    return render_template(
        "submissions/detail.html",
        curriculum=curriculum,
        data=curriculum.latest.report,
        clock=services.clock_of(db.session, curriculum, policy, today),
        action=ActionForm(),
        resubmit=ResubmitForm(),
        appeal_form=AppealForm(),
        change_form=SubstantiveChangeForm(),
        comments=services.comments_of(db.session, curriculum.latest),
        file_form=SupportingFileForm(),
        appeal_deadline=services.appeal_deadline(curriculum, policy),
        today=today,
        fee=policy.value("fee.provider_application"),
        fee_citation=policy.cite("fee.provider_application"),
        states=SubmissionState,
    )


@bp.post("/curricula/<int:curriculum_id>/submit")
@roles_required(Role.PROVIDER)
def submit(curriculum_id: int):
    curriculum = _curriculum(curriculum_id)
    if ActionForm().validate_on_submit():
        policy = context.policy()
        attempt(
            lambda: services.submit(db.session, curriculum, current_user),
            success=f"Submitted. The certifying entity answers within {policy.value('review.days')} days of a complete application ({policy.cite('review.days')}).",
        )
    return _to_detail(curriculum_id)


@bp.post("/curricula/<int:curriculum_id>/resubmit")
@roles_required(Role.PROVIDER)
def resubmit(curriculum_id: int):
    curriculum = _curriculum(curriculum_id)
    form = ResubmitForm()
    if form.validate_on_submit():
        _with_syllabus(
            form,
            curriculum.program,
            lambda syllabus: services.resubmit(
                db.session,
                curriculum,
                current_user,
                note=form.note.data or "",
                **syllabus.version_fields(),
            ),
            success="The new version is submitted; the review clock runs again.",
        )
    return _to_detail(curriculum_id)


@bp.get("/curricula/<int:curriculum_id>/timeline")
@roles_required(Role.PROVIDER, Role.REVIEWER, Role.ADMIN)
def timeline(curriculum_id: int):
    """Every state change with who, when (UTC), from, to and why; the clock's pauses."""
    curriculum = _curriculum(curriculum_id)
    events = events_for(db.session, "curriculum", curriculum.id)
    clock = services.clock_of(db.session, curriculum, context.policy(), context.today(), events)
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
    """Every submitted curriculum with its 90-day clock; filter by state and program, sort by days left."""
    state = request.args.get("state", "")
    program = request.args.get("program", "")
    sort = request.args.get("sort", "")
    sort = sort if sort in services.QUEUE_SORTS else "days_left"
    policy = context.policy()
    rows = services.review_queue(
        db.session, policy, context.today(), state=state, program=program, sort=sort
    )
    return render_template(
        "submissions/queue.html",
        rows=rows,
        state=state,
        program=program,
        programs=list(policy.programs),
        sort=sort,
        states=SubmissionState,
        warn=int(policy.value("review.deadline_warning_days")),
    )


@bp.get("/review/<int:curriculum_id>")
@roles_required(Role.REVIEWER, Role.ADMIN)
def review(curriculum_id: int):
    """The checker's report, the syllabus rendered safely, per-competency controls and the decision."""
    curriculum = _curriculum(curriculum_id)
    version = curriculum.latest
    report = report_from_dict(version.report)
    columns, rows = heatmap(report)
    return render_template(
        "submissions/review.html",
        curriculum=curriculum,
        version=version,
        report=report,
        columns=columns,
        rows=rows,
        catalog=context.catalog(),
        decision=DecisionForm(lock_version=str(curriculum.lock_version)),
        appeal_decision=AppealDecisionForm(),
        comment_form=_comment_form(version),
        comments=services.comments_of(db.session, version),
        action=ActionForm(),
        reviews=services.latest_reviews(db.session, version),
        competency_form=CompetencyReviewForm(),
        clock=services.clock_of(db.session, curriculum, context.policy(), context.today()),
    )


@bp.post("/review/<int:curriculum_id>/decision")
@roles_required(Role.REVIEWER, Role.ADMIN)
def decide(curriculum_id: int):
    """Approve, deny or request revisions; a stale form is refused and the typed text kept."""
    curriculum = _curriculum(curriculum_id)
    form = DecisionForm()
    if not form.validate_on_submit():
        flash("The form expired; please decide again.", "error")
        return _to_review(curriculum_id)
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
        success="Decision recorded.",
    )
    if not decided.ok:
        # Keep what the reviewer typed: show the page again with the form as submitted.
        return render_template(
            "submissions/decision_refused.html",
            curriculum=curriculum,
            form=form,
            message=decided.error.message,
        ), decided.error.status
    return _to_detail(curriculum_id)


@bp.post("/review/<int:curriculum_id>/competency")
@roles_required(Role.REVIEWER, Role.ADMIN)
def review_competency(curriculum_id: int):
    """Confirm or override the checker for one competency, with a note."""
    curriculum = _curriculum(curriculum_id)
    form = CompetencyReviewForm()
    if form.validate_on_submit():
        attempt(
            lambda: services.record_competency_review(
                db.session,
                curriculum.latest,
                current_user,
                competency_id=form.competency_id.data,
                covered=form.covered.data,
                note=form.note.data or "",
            ),
            success=f"Recorded for {form.competency_id.data}.",
        )
    return _to_review(curriculum_id, "#competencies")


@bp.post("/curricula/<int:curriculum_id>/appeal")
@roles_required(Role.PROVIDER)
def appeal(curriculum_id: int):
    """Appeal a denial within 14 days of the decision (§702.1.D)."""
    curriculum = _curriculum(curriculum_id)
    form = AppealForm()
    if not form.validate_on_submit():
        flash("Say why you appeal and how to reach you.", "error")
        return _to_detail(curriculum_id)
    policy = context.policy()
    attempt(
        lambda: services.appeal(
            db.session,
            curriculum,
            current_user,
            policy,
            today=context.today(),
            nature=form.nature.data,
            contact=form.contact.data,
        ),
        success=f"Your appeal is filed; a different reviewer will decide it, and that decision is final ({policy.cite('appeal.final')}).",
    )
    return _to_detail(curriculum_id)


@bp.post("/review/<int:curriculum_id>/appeal")
@roles_required(Role.REVIEWER, Role.ADMIN)
def decide_appeal(curriculum_id: int):
    """The final disposition of an appeal, by a reviewer other than the one who denied."""
    curriculum = _curriculum(curriculum_id)
    form = AppealDecisionForm()
    if not form.validate_on_submit():
        flash("Choose a disposition and give its reason.", "error")
        return _to_detail(curriculum_id)
    attempt(
        lambda: services.decide_appeal(
            db.session,
            curriculum,
            current_user,
            context.policy(),
            today=context.today(),
            uphold_denial=form.outcome.data == "uphold",
            reason=form.reason.data,
        ),
        success="The appeal is decided; the decision is final.",
    )
    return _to_detail(curriculum_id)


@bp.post("/review/<int:curriculum_id>/fee")
@roles_required(Role.REVIEWER, Role.ADMIN)
def confirm_fee(curriculum_id: int):
    """Record that the application fee was paid (§601)."""
    curriculum = _curriculum(curriculum_id)
    if ActionForm().validate_on_submit():
        attempt(
            lambda: services.confirm_fee_paid(db.session, curriculum, current_user),
            success="The fee is recorded as paid.",
        )
    return _to_review(curriculum_id)


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
    """Submit a substantive change to an approved curriculum (§803.5)."""
    curriculum = _curriculum(curriculum_id)
    form = SubstantiveChangeForm()
    if not form.validate_on_submit():
        flash("Describe the change and give the date of intended use.", "error")
        return _to_detail(curriculum_id)
    _with_syllabus(
        form,
        curriculum.program,
        lambda syllabus: services.submit_substantive_change(
            db.session,
            curriculum,
            current_user,
            context.policy(),
            today=context.today(),
            intended_use_on=form.intended_use_on.data,
            note=form.note.data,
            **syllabus.version_fields(),
        ),
        success="The change is submitted for review.",
    )
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
    form = _comment_form(curriculum.latest)
    if not form.validate_on_submit():
        flash("Choose a module or competency and write the comment.", "error")
        return _to_review(curriculum_id, "#comments")
    attempt(
        lambda: services.add_comment(
            db.session,
            curriculum.latest,
            current_user,
            target=form.target.data,
            text=form.text.data,
        ),
        success="Comment saved; it goes to the provider with your revision request.",
    )
    return _to_review(curriculum_id, "#comments")
