"""Provider dashboard and submissions; reviewer queue, review page and decisions; timelines."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app import context
from app.audit.models import AuditEvent
from app.audit.services import events_for
from app.auth.access import roles_required
from app.auth.models import Role
from app.errors import DomainError, NotFound
from app.extensions import db
from app.submissions import services
from app.submissions.clock import ClockEvent, review_clock
from app.submissions.diff import diff_reports
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
from app.submissions.models import Appeal, Curriculum, CurriculumVersion
from app.submissions.states import SubmissionState
from app.syllabus.errors import SyllabusReadError
from app.syllabus.readers import read_document
from app.syllabus.report import report_from_dict
from app.syllabus.services import check_syllabus
from app.syllabus.views import heatmap
from app.uploads import UploadError, delete_stored, send_stored, store_upload

bp = Blueprint("submissions", __name__)


def _clock(curriculum: Curriculum, events=None, limit_days: int | None = None):
    events = events if events is not None else events_for(db.session, "curriculum", curriculum.id)
    clock_events = [ClockEvent(e.at.date(), e.to_state) for e in events if e.to_state]
    limit = limit_days if limit_days is not None else int(context.policy().value("review.days"))
    return review_clock(clock_events, context.today(), limit_days=limit)


def _read_syllabus(form, program: str):
    """The syllabus text and its report from the form's upload or text; DomainError when unusable."""
    upload = request.files.get("upload")
    limit = current_app.config["MAX_SYLLABUS_BYTES"]
    data = None
    if upload and upload.filename:
        data = upload.read(limit + 1)
        try:
            text = read_document(data, upload.filename, max_bytes=limit)
        except SyllabusReadError as error:
            raise DomainError(str(error)) from None
    else:
        text = form.text.data or ""
    if not text.strip():
        raise DomainError("Paste the syllabus or upload it.")
    try:
        report = check_syllabus(text, program, catalog=context.catalog(), policy=context.policy())
    except SyllabusReadError as error:
        raise DomainError(str(error)) from None
    stored = None
    if data is not None:  # stored last, so a refused syllabus leaves no file behind
        try:
            stored = store_upload(
                data,
                upload.filename,
                kinds="syllabus",
                upload_dir=current_app.config["UPLOAD_DIR"],
                max_bytes=limit,
            )
        except UploadError as error:
            raise DomainError(str(error)) from None
    return text, report, stored


def _discard(stored) -> None:
    """Remove an upload whose database change was refused, so nothing is left half-written."""
    if stored is not None:
        delete_stored(current_app.config["UPLOAD_DIR"], stored.stored_name)


@bp.get("/provider")
@roles_required(Role.PROVIDER)
def dashboard():
    """The organization's curricula, their states, clocks and expiry dates."""
    version_count = (
        select(func.count(CurriculumVersion.id))
        .where(CurriculumVersion.curriculum_id == Curriculum.id)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(Curriculum, version_count)
        .where(Curriculum.organization_id == current_user.organization_id)
        .order_by(Curriculum.created_at.desc())
    ).all()
    warn_days = int(context.policy().value("approval.expiry_warning_days"))
    today = context.today()
    return render_template(
        "submissions/dashboard.html",
        rows=rows,
        today=today,
        warn_days=warn_days,
        organization=current_user.organization,
    )


@bp.route("/provider/curricula/new", methods=["GET", "POST"])
@roles_required(Role.PROVIDER)
def new():
    """Check a syllabus and keep it as a draft; the report is shown before anything is submitted."""
    form = NewCurriculumForm()
    policy = context.policy()
    if form.validate_on_submit():
        stored = None
        try:
            text, report, stored = _read_syllabus(form, form.program.data)
            curriculum = services.create_draft(
                db.session,
                provider=current_user,
                program=form.program.data,
                title=form.title.data,
                language=form.language.data,
                syllabus_text=text,
                report=report.to_dict(),
                original_name=stored.original_name if stored else "",
                stored_name=stored.stored_name if stored else "",
            )
        except DomainError as error:
            db.session.rollback()
            _discard(stored)
            form.text.errors.append(error.message)
        else:
            flash(
                "The syllabus is checked and saved as a draft. Read the report, then submit it for review.",
                "success",
            )
            return redirect(url_for("submissions.detail", curriculum_id=curriculum.id))
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
    curriculum = services.get_curriculum_for(db.session, current_user, curriculum_id)
    report_data = curriculum.latest.report
    policy = context.policy()
    return render_template(
        "submissions/detail.html",
        curriculum=curriculum,
        data=report_data,
        clock=_clock(curriculum),
        action=ActionForm(),
        resubmit=ResubmitForm(),
        appeal_form=AppealForm(),
        change_form=SubstantiveChangeForm(),
        comments=services.comments_of(db.session, curriculum.latest),
        file_form=SupportingFileForm(),
        appeal_deadline=services.appeal_deadline(curriculum, policy),
        today=context.today(),
        fee=policy.value("fee.provider_application"),
        fee_citation=policy.cite("fee.provider_application"),
        states=SubmissionState,
    )


@bp.post("/curricula/<int:curriculum_id>/submit")
@roles_required(Role.PROVIDER)
def submit(curriculum_id: int):
    curriculum = services.get_curriculum_for(db.session, current_user, curriculum_id)
    if ActionForm().validate_on_submit():
        try:
            services.submit(db.session, curriculum, current_user)
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "error")
        else:
            flash(
                "Submitted. The certifying entity answers within 90 days of a complete application (§803.3).",
                "success",
            )
    return redirect(url_for("submissions.detail", curriculum_id=curriculum_id))


@bp.post("/curricula/<int:curriculum_id>/resubmit")
@roles_required(Role.PROVIDER)
def resubmit(curriculum_id: int):
    curriculum = services.get_curriculum_for(db.session, current_user, curriculum_id)
    form = ResubmitForm()
    if form.validate_on_submit():
        stored = None
        try:
            text, report, stored = _read_syllabus(form, curriculum.program)
            services.resubmit(
                db.session,
                curriculum,
                current_user,
                syllabus_text=text,
                report=report.to_dict(),
                note=form.note.data or "",
                original_name=stored.original_name if stored else "",
                stored_name=stored.stored_name if stored else "",
            )
        except DomainError as error:
            db.session.rollback()
            _discard(stored)
            flash(error.message, "error")
        else:
            flash("The new version is submitted; the review clock runs again.", "success")
    return redirect(url_for("submissions.detail", curriculum_id=curriculum_id))


@bp.get("/curricula/<int:curriculum_id>/timeline")
@roles_required(Role.PROVIDER, Role.REVIEWER, Role.ADMIN)
def timeline(curriculum_id: int):
    """Every state change with who, when (UTC), from, to and why; the clock's pauses."""
    curriculum = services.get_curriculum_for(db.session, current_user, curriculum_id)
    events = events_for(db.session, "curriculum", curriculum.id)
    return render_template(
        "submissions/timeline.html",
        curriculum=curriculum,
        events=events,
        clock=_clock(curriculum, events),
    )


@bp.get("/curricula/<int:curriculum_id>/diff")
@roles_required(Role.PROVIDER, Role.REVIEWER, Role.ADMIN)
def diff(curriculum_id: int):
    """What changed between two versions (default: the last two)."""
    curriculum = services.get_curriculum_for(db.session, current_user, curriculum_id)
    numbers = [v.number for v in curriculum.versions]
    newest = numbers[-1]
    try:
        old = int(request.args.get("from", max(newest - 1, 1)))
        new_number = int(request.args.get("to", newest))
    except ValueError:
        old, new_number = max(newest - 1, 1), newest
    if old not in numbers or new_number not in numbers:
        flash("There is no such version.", "error")
        old, new_number = max(newest - 1, 1), newest
    by_number = {v.number: v for v in curriculum.versions}
    changes = diff_reports(by_number[old].report, by_number[new_number].report)
    return render_template(
        "submissions/diff.html",
        curriculum=curriculum,
        changes=changes,
        old=old,
        new=new_number,
        numbers=numbers,
    )


@bp.get("/review")
@roles_required(Role.REVIEWER, Role.ADMIN)
def queue():
    """Every submitted curriculum with its 90-day clock; filter by state and program, sort by days left."""
    state = request.args.get("state", "")
    program = request.args.get("program", "")
    query = (
        select(Curriculum)
        .where(Curriculum.state != SubmissionState.DRAFT)
        .options(selectinload(Curriculum.organization))
    )
    if state in {s.value for s in SubmissionState}:
        query = query.where(Curriculum.state == state)
    if program:
        query = query.where(Curriculum.program == program)
    curricula = db.session.scalars(query).all()

    ids = [c.id for c in curricula]
    events_by_curriculum: dict[int, list] = {i: [] for i in ids}
    if ids:
        for event in db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.subject_type == "curriculum", AuditEvent.subject_id.in_(ids))
            .order_by(AuditEvent.at, AuditEvent.id)
        ):
            events_by_curriculum[event.subject_id].append(event)
    policy = context.policy()
    limit = int(policy.value("review.days"))
    rows = [(c, _clock(c, events_by_curriculum[c.id], limit)) for c in curricula]
    sort = request.args.get("sort", "days_left")
    sort_keys = {
        "days_left": lambda row: (
            row[1].days_left is None,
            row[1].days_left if row[1].days_left is not None else 0,
            row[0].id,
        ),
        "title": lambda row: row[0].title.lower(),
        "organization": lambda row: (row[0].organization.name.lower(), row[0].title.lower()),
        "submitted": lambda row: (
            row[1].started_on is None,
            row[1].started_on or context.today(),
            row[0].id,
        ),
    }
    if sort not in sort_keys:
        sort = "days_left"
    rows.sort(key=sort_keys[sort])
    warn = int(policy.value("review.deadline_warning_days"))
    return render_template(
        "submissions/queue.html",
        rows=rows,
        state=state,
        program=program,
        sort=sort,
        states=SubmissionState,
        warn=warn,
    )


@bp.get("/review/<int:curriculum_id>")
@roles_required(Role.REVIEWER, Role.ADMIN)
def review(curriculum_id: int):
    """The checker's report, the syllabus rendered safely, per-competency controls and the decision."""
    curriculum = services.get_curriculum_for(db.session, current_user, curriculum_id)
    version = curriculum.latest
    report = report_from_dict(version.report)
    columns, rows = heatmap(report)
    decision = DecisionForm(lock_version=str(curriculum.lock_version))
    return render_template(
        "submissions/review.html",
        curriculum=curriculum,
        version=version,
        report=report,
        columns=columns,
        rows=rows,
        catalog=context.catalog(),
        decision=decision,
        appeal_decision=AppealDecisionForm(),
        comment_form=_comment_form(version),
        comments=services.comments_of(db.session, version),
        action=ActionForm(),
        reviews=services.latest_reviews(db.session, version),
        competency_form=CompetencyReviewForm(),
        clock=_clock(curriculum),
    )


@bp.post("/review/<int:curriculum_id>/decision")
@roles_required(Role.REVIEWER, Role.ADMIN)
def decide(curriculum_id: int):
    """Approve, deny or request revisions; a stale form is refused and the typed text kept."""
    curriculum = services.get_curriculum_for(db.session, current_user, curriculum_id)
    form = DecisionForm()
    if not form.validate_on_submit():
        flash("The form expired; please decide again.", "error")
        return redirect(url_for("submissions.review", curriculum_id=curriculum_id))
    expected = int(form.lock_version.data) if (form.lock_version.data or "").isdigit() else None
    reason = form.reason.data or ""
    try:
        if form.decision.data == "approve":
            services.approve(
                db.session,
                curriculum,
                current_user,
                context.policy(),
                today=context.today(),
                reason=reason,
                expected_version=expected,
            )
        elif form.decision.data == "deny":
            services.deny(
                db.session,
                curriculum,
                current_user,
                context.policy(),
                reason=reason,
                expected_version=expected,
            )
        else:
            services.request_revisions(
                db.session, curriculum, current_user, comments=reason, expected_version=expected
            )
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
        # Keep what the reviewer typed: show the page again with the form as submitted.
        return render_template(
            "submissions/decision_refused.html",
            curriculum=curriculum,
            form=form,
            message=error.message,
        ), error.status
    flash("Decision recorded.", "success")
    return redirect(url_for("submissions.detail", curriculum_id=curriculum_id))


@bp.post("/review/<int:curriculum_id>/competency")
@roles_required(Role.REVIEWER, Role.ADMIN)
def review_competency(curriculum_id: int):
    """Confirm or override the checker for one competency, with a note."""
    curriculum = services.get_curriculum_for(db.session, current_user, curriculum_id)
    form = CompetencyReviewForm()
    if form.validate_on_submit():
        try:
            services.record_competency_review(
                db.session,
                curriculum.latest,
                current_user,
                competency_id=form.competency_id.data,
                covered=form.covered.data,
                note=form.note.data or "",
            )
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "error")
        else:
            flash(f"Recorded for {form.competency_id.data}.", "success")
    return redirect(url_for("submissions.review", curriculum_id=curriculum_id) + "#competencies")


@bp.post("/curricula/<int:curriculum_id>/appeal")
@roles_required(Role.PROVIDER)
def appeal(curriculum_id: int):
    """Appeal a denial within 14 days of the decision (§702.1.D)."""
    curriculum = services.get_curriculum_for(db.session, current_user, curriculum_id)
    form = AppealForm()
    if not form.validate_on_submit():
        flash("Say why you appeal and how to reach you.", "error")
    else:
        try:
            services.appeal(
                db.session,
                curriculum,
                current_user,
                context.policy(),
                today=context.today(),
                nature=form.nature.data,
                contact=form.contact.data,
            )
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "error")
        else:
            flash(
                "Your appeal is filed; a different reviewer will decide it, and that decision is final (§702.3.A).",
                "success",
            )
    return redirect(url_for("submissions.detail", curriculum_id=curriculum_id))


@bp.post("/review/<int:curriculum_id>/appeal")
@roles_required(Role.REVIEWER, Role.ADMIN)
def decide_appeal(curriculum_id: int):
    """The final disposition of an appeal, by a reviewer other than the one who denied."""
    curriculum = services.get_curriculum_for(db.session, current_user, curriculum_id)
    form = AppealDecisionForm()
    if not form.validate_on_submit():
        flash("Choose a disposition and give its reason.", "error")
    else:
        try:
            services.decide_appeal(
                db.session,
                curriculum,
                current_user,
                context.policy(),
                today=context.today(),
                uphold_denial=form.outcome.data == "uphold",
                reason=form.reason.data,
            )
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "error")
        else:
            flash("The appeal is decided; the decision is final.", "success")
    return redirect(url_for("submissions.detail", curriculum_id=curriculum_id))


@bp.post("/review/<int:curriculum_id>/fee")
@roles_required(Role.REVIEWER, Role.ADMIN)
def confirm_fee(curriculum_id: int):
    """Record that the application fee was paid (§601)."""
    curriculum = services.get_curriculum_for(db.session, current_user, curriculum_id)
    if ActionForm().validate_on_submit():
        try:
            services.confirm_fee_paid(db.session, curriculum, current_user)
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "error")
        else:
            flash("The fee is recorded as paid.", "success")
    return redirect(url_for("submissions.review", curriculum_id=curriculum_id))


@bp.get("/review/appeals")
@roles_required(Role.REVIEWER, Role.ADMIN)
def appeals_log():
    """The appeals log with the fields of §807.1.D."""
    appeals = db.session.scalars(
        select(Appeal)
        .options(
            selectinload(Appeal.curriculum),
            selectinload(Appeal.requester),
            selectinload(Appeal.decided_by),
        )
        .order_by(Appeal.requested_on.desc(), Appeal.id.desc())
    ).all()
    return render_template("submissions/appeals.html", appeals=appeals)


@bp.post("/curricula/<int:curriculum_id>/change")
@roles_required(Role.PROVIDER)
def substantive_change(curriculum_id: int):
    """Submit a substantive change to an approved curriculum (§803.5)."""
    curriculum = services.get_curriculum_for(db.session, current_user, curriculum_id)
    form = SubstantiveChangeForm()
    if not form.validate_on_submit():
        flash("Describe the change and give the date of intended use.", "error")
        return redirect(url_for("submissions.detail", curriculum_id=curriculum_id))
    stored = None
    try:
        text, report, stored = _read_syllabus(form, curriculum.program)
        services.submit_substantive_change(
            db.session,
            curriculum,
            current_user,
            context.policy(),
            today=context.today(),
            intended_use_on=form.intended_use_on.data,
            syllabus_text=text,
            report=report.to_dict(),
            note=form.note.data,
            original_name=stored.original_name if stored else "",
            stored_name=stored.stored_name if stored else "",
        )
    except DomainError as error:
        db.session.rollback()
        _discard(stored)
        flash(error.message, "error")
    else:
        flash("The change is submitted for review.", "success")
    return redirect(url_for("submissions.detail", curriculum_id=curriculum_id))


@bp.post("/curricula/<int:curriculum_id>/files")
@roles_required(Role.PROVIDER)
def upload_file(curriculum_id: int):
    """Attach a supporting file; a damaged or hostile file is refused and nothing is kept."""
    curriculum = services.get_curriculum_for(db.session, current_user, curriculum_id)
    form = SupportingFileForm()
    upload = request.files.get("file")
    if not form.validate_on_submit() or not upload or not upload.filename:
        flash("Choose a file to upload.", "error")
        return redirect(url_for("submissions.detail", curriculum_id=curriculum_id))
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    try:
        stored = store_upload(
            upload.read(limit + 1),
            upload.filename,
            kinds="evidence",
            upload_dir=current_app.config["UPLOAD_DIR"],
            max_bytes=limit,
        )
    except UploadError as error:
        flash(error.message, "error")
        return redirect(url_for("submissions.detail", curriculum_id=curriculum_id))
    try:
        services.attach_file(db.session, curriculum, current_user, stored)
    except Exception:
        db.session.rollback()
        delete_stored(
            current_app.config["UPLOAD_DIR"], stored.stored_name
        )  # leave nothing half-written
        raise
    flash(f"{stored.original_name} is attached.", "success")
    return redirect(url_for("submissions.detail", curriculum_id=curriculum_id))


@bp.get("/curricula/<int:curriculum_id>/files/<stored_name>")
@roles_required(Role.PROVIDER, Role.REVIEWER, Role.ADMIN)
def download_file(curriculum_id: int, stored_name: str):
    """A supporting file or an uploaded syllabus, served as an attachment."""
    curriculum = services.get_curriculum_for(db.session, current_user, curriculum_id)
    names = {f.stored_name: f.original_name for f in curriculum.files}
    names.update({v.stored_name: v.original_name for v in curriculum.versions if v.stored_name})
    if stored_name not in names:
        raise NotFound("There is no such file.")
    return send_stored(current_app.config["UPLOAD_DIR"], stored_name, names[stored_name])


def _comment_form(version) -> CommentForm:
    form = CommentForm()
    form.target.choices = [(t, t) for t in services.comment_targets(version)]
    return form


@bp.post("/review/<int:curriculum_id>/comment")
@roles_required(Role.REVIEWER, Role.ADMIN)
def comment(curriculum_id: int):
    """A comment on one module or competency, sent with the next revision request."""
    curriculum = services.get_curriculum_for(db.session, current_user, curriculum_id)
    form = _comment_form(curriculum.latest)
    if form.validate_on_submit():
        try:
            services.add_comment(
                db.session,
                curriculum.latest,
                current_user,
                target=form.target.data,
                text=form.text.data,
            )
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "error")
        else:
            flash("Comment saved; it goes to the provider with your revision request.", "success")
    else:
        flash("Choose a module or competency and write the comment.", "error")
    return redirect(url_for("submissions.review", curriculum_id=curriculum_id) + "#comments")
