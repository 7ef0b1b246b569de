"""Provider dashboard and submissions: drafts, syllabi, changes, files, appeals; timelines and
diffs. The reviewers' pages are in ``review_views``."""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import context, sanctions
from app.audit.services import events_for
from app.auth.access import roles_required
from app.auth.models import Role
from app.errors import Outcome, attach_posted_file, attempt, refusal_status, say_what_was_kept
from app.extensions import db
from app.forms_flow import error_status, post_form
from app.http_cache import not_modified
from app.i18n.data import translated
from app.submissions import (
    appealing,
    changes,
    common,
    corrections,
    files,
    queries,
    reviewing,
    workflow,
)
from app.submissions.appeal_views import file_curriculum_appeal
from app.submissions.forms import (
    ActionForm,
    AppealForm,
    DeleteDraftForm,
    EditDraftForm,
    NewCurriculumForm,
    ReadingForm,
    ResubmitForm,
    SubstantiveChangeForm,
    SupportingFileForm,
    WithdrawForm,
)
from app.submissions.pages import _curriculum, _int_arg, _refused_status, _to_detail, bp
from app.submissions.states import ChangeState, SubmissionState
from app.syllabus.reading_form import FormProblems
from app.syllabus.report import report_from_dict
from app.syllabus.stored_text import restored_report
from app.syllabus.views import competency_choices, heatmap
from app.uploads import send_stored


def _with_syllabus(form, program: str, action: Callable, *, errors=None, success="") -> Outcome:
    """Read and check the form's syllabus, then ``action(syllabus)``; a refused change keeps no file."""
    upload_dir = current_app.config["UPLOAD_DIR"]
    read = attempt(
        lambda: files.read_syllabus(
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
        cleanup=lambda: files.discard_syllabus(upload_dir, read.value),
    )


@bp.get("/provider")
@roles_required(Role.PROVIDER)
def dashboard():
    """The organization's curricula, their states, clocks and expiry dates."""
    today = context.today()
    return render_template(
        "submissions/dashboard.html",
        page=queries.dashboard_page(
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
        complaint_outcomes=sanctions.standing_against(db.session, current_user),
    )


@bp.route("/provider/curricula/new", methods=["GET", "POST"])
@roles_required(Role.PROVIDER)
def new():
    """Check a syllabus and keep it as a draft; the report is shown before anything is submitted."""
    form = NewCurriculumForm()
    policy = context.policy()

    def page(status: int):
        return render_template(
            "submissions/new.html",
            form=form,
            fee=policy.value("fee.provider_application"),
            fee_citation=policy.cite("fee.provider_application"),
        ), status

    return post_form(
        form,
        run=lambda: _with_syllabus(
            form,
            form.program.data,
            lambda syllabus: workflow.create_draft(
                db.session,
                provider=current_user,
                program=form.program.data,
                title=form.title.data,
                language=form.language.data,
                **syllabus.version_fields(),
            ),
            errors=form.text.errors,
            success=_(
                "The syllabus is checked and saved as a draft. Read the report, then submit it for review."
            ),
        ),
        done=lambda created: _to_detail(created.id),
        again=page,
        invalid_status=200,
        # The form comes back as typed; when the server could not do its part (the file store is
        # away or timed out), the status says so (503), so a client or a proxy can retry.
        refused_status=lambda refused: refused.error.status if refused.error.status >= 500 else 200,
    )


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
    report = restored_report(shown.report)
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
    reviews = reviewing.latest_reviews(db.session, shown)
    overrides = reviewing.overrides_of(db.session, shown)
    page = render_template(
        "submissions/detail.html",
        curriculum=curriculum,
        version=shown,
        data=shown.report,
        report=report,
        columns=columns,
        rows=heat_rows,
        catalog=context.catalog(),
        clock=queries.clock_of(db.session, curriculum, policy, today),
        change=change,
        last_change=last_change,
        change_clock=changes.clock_of_change(db.session, change, policy, today) if change else None,
        request_event=_last_request(curriculum.id),
        change_request_event=_last_request(curriculum.id, "curriculum_change", last_change.id)
        if last_change
        else None,
        missing=[common.MISSING_TEXT[m] for m in common.missing_of(curriculum)],
        action=ActionForm(),
        resubmit=resubmit,
        appeal_form=forms.get("appeal_form") or AppealForm(),
        change_form=change_form,
        edit=edit,
        withdraw_form=forms.get("withdraw_form") or WithdrawForm(),
        delete_form=DeleteDraftForm(),
        comments=reviewing.comments_of(db.session, shown, sent_only=provider),
        reviews=reviews,
        overrides=overrides,
        unsettled=len(reviewing.errors_left(shown, overrides, reviews)),
        file_form=forms.get("file_form") or SupportingFileForm(),
        appeal_deadline=appealing.appeal_deadline(curriculum, policy),
        appeal=queries.latest_appeal(db.session, curriculum),
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


def _detail_again(curriculum, **forms):
    """The curriculum page under the status given, with ``forms`` as typed."""
    return lambda status: _render_detail(curriculum, status, **forms)


@bp.post("/curricula/<int:curriculum_id>/submit")
@roles_required(Role.PROVIDER)
def submit(curriculum_id: int):
    curriculum = _curriculum(curriculum_id)
    if ActionForm().validate_on_submit():
        policy = context.policy()
        sent = attempt(lambda: workflow.submit(db.session, curriculum, current_user))
        if sent.ok and sent.value:
            missing = "; ".join(translated(common.MISSING_TEXT[m]) for m in sent.value)
            flash(
                _(
                    "Sent, but the application is incomplete: %(missing)s. The %(days)s-day clock "
                    "starts once it is complete (%(citation)s).",
                    missing=missing,
                    days=policy.value("review.days"),
                    citation=policy.cite("review.days"),
                ),
                "warning",
            )
        elif sent.ok:
            flash(
                _(
                    "Submitted. The certifying entity answers within %(days)s days of a complete "
                    "application (%(citation)s).",
                    days=policy.value("review.days"),
                    citation=policy.cite("review.days"),
                ),
                "success",
            )
    return _to_detail(curriculum_id)


@bp.post("/curricula/<int:curriculum_id>/edit")
@roles_required(Role.PROVIDER)
def edit_draft(curriculum_id: int):
    """Edit a draft or an incomplete application: title, language, a new syllabus text or file."""
    curriculum = _curriculum(curriculum_id)
    form = EditDraftForm()
    return post_form(
        form,
        run=lambda: _with_syllabus(
            form,
            curriculum.program,
            lambda syllabus: workflow.update_draft(
                db.session,
                curriculum,
                current_user,
                title=form.title.data,
                language=form.language.data,
                **syllabus.version_fields(),
            ),
            errors=form.text.errors,
            success=_("The draft is saved and checked again."),
        ),
        done=lambda _value: _to_detail(curriculum_id),
        again=_detail_again(curriculum, edit=form),
        invalid_status=400,
        refused_status=lambda _refused: 400,
    )


@bp.post("/curricula/<int:curriculum_id>/reading")
@roles_required(Role.PROVIDER)
def correct_reading(curriculum_id: int):
    """Save the provider's corrections of what the checker read on the draft; the verdict is
    recomputed at once. A refused table comes back with what was typed and what to fix."""
    curriculum = _curriculum(curriculum_id)
    if not ReadingForm().validate_on_submit():
        problems = [_("The form expired; please correct the reading again.")]
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
            _(
                "%(count)s correction(s) saved with the draft; the verdict is now: %(verdict)s.",
                count=len(saved.value),
                verdict=translated(verdict),
            ),
            "success",
        )
    else:
        flash(_("Nothing was changed in the reading."), "info")
    return _to_detail(curriculum_id, "#reading")


@bp.post("/curricula/<int:curriculum_id>/delete")
@roles_required(Role.PROVIDER)
def delete_draft(curriculum_id: int):
    curriculum = _curriculum(curriculum_id)
    form = DeleteDraftForm()
    if not form.validate_on_submit():
        flash(" ".join(map(str, form.confirm.errors)) or _("The form expired; try again."), "error")
    else:
        title = curriculum.title
        deleted = attempt(lambda: workflow.delete_draft(db.session, curriculum, current_user))
        if deleted.ok:
            flash(_("The draft “%(title)s” is deleted.", title=title), "success")
            return redirect(url_for("submissions.dashboard"))
    return _to_detail(curriculum_id)


@bp.post("/curricula/<int:curriculum_id>/withdraw")
@roles_required(Role.PROVIDER)
def withdraw(curriculum_id: int):
    """Take back an application (or the change under review) before a decision."""
    curriculum = _curriculum(curriculum_id)
    form = WithdrawForm()
    if not form.validate_on_submit():
        flash(" ".join(map(str, form.confirm.errors)) or _("The form expired; try again."), "error")
    else:
        change = curriculum.open_change
        if change is not None:
            done = attempt(
                lambda: changes.withdraw_change(db.session, change, current_user),
                success=_("The change is withdrawn; the curriculum stays approved as it was."),
            )
        else:
            done = attempt(
                lambda: workflow.withdraw(
                    db.session, curriculum, current_user, reason=form.reason.data or ""
                ),
                success=_("The application is withdrawn."),
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
    return post_form(
        form,
        run=lambda: _with_syllabus(
            form,
            curriculum.program,
            lambda syllabus: workflow.resubmit(
                db.session,
                curriculum,
                current_user,
                note=form.note.data or "",
                **syllabus.version_fields(),
            ),
            errors=form.text.errors,
            success=_("The new version is submitted; the review clock runs again."),
        ),
        done=lambda _value: _to_detail(curriculum_id),
        again=_detail_again(curriculum, resubmit=form),
        invalid_status=400,
        refused_status=lambda _refused: 400,
    )


@bp.get("/curricula/<int:curriculum_id>/timeline")
@roles_required(Role.PROVIDER, Role.REVIEWER, Role.ADMIN)
def timeline(curriculum_id: int):
    """Every state change with who, when (UTC), from, to and why; the clock's pauses."""
    curriculum = _curriculum(curriculum_id)
    events = queries.timeline_events(db.session, curriculum)
    own = [e for e in events if e.subject_type == "curriculum"]
    clock = queries.clock_of(db.session, curriculum, context.policy(), context.today(), own)
    return render_template(
        "submissions/timeline.html", curriculum=curriculum, events=events, clock=clock
    )


@bp.get("/curricula/<int:curriculum_id>/diff")
@roles_required(Role.PROVIDER, Role.REVIEWER, Role.ADMIN)
def diff(curriculum_id: int):
    """What changed between two versions (default: the last two)."""
    curriculum = _curriculum(curriculum_id)
    comparison = queries.compare_versions(curriculum, _int_arg("from"), _int_arg("to"))
    if comparison.asked_for_unknown:
        flash("There is no such version.", "error")
    return render_template(
        "submissions/diff.html",
        curriculum=curriculum,
        changes=comparison.changes,
        old=comparison.old,
        new=comparison.new,
        numbers=comparison.numbers,
        texts=comparison.texts,
    )


@bp.post("/curricula/<int:curriculum_id>/appeal")
@roles_required(Role.PROVIDER)
def appeal(curriculum_id: int):
    """Appeal a denial within 14 days of the decision (§702.1.D)."""
    curriculum = _curriculum(curriculum_id)
    filed = file_curriculum_appeal(curriculum, AppealForm())
    if filed is not None:  # refused: the form comes back with what was typed
        return _render_detail(curriculum, filed[1], appeal_form=filed[0])
    return _to_detail(curriculum_id)


@bp.post("/curricula/<int:curriculum_id>/change")
@roles_required(Role.PROVIDER)
def substantive_change(curriculum_id: int):
    """Submit a substantive change to an approved curriculum (§803.5), or answer a revision
    request on the change under review; a refused change keeps what was typed."""
    curriculum = _curriculum(curriculum_id)
    form = SubstantiveChangeForm()

    def propose():
        change = curriculum.open_change
        policy = context.policy()
        fields = {
            "today": context.today(),
            "intended_use_on": form.intended_use_on.data,
            "note": form.note.data,
        }
        if change is not None and change.state == ChangeState.REVISIONS_REQUESTED:
            return _with_syllabus(
                form,
                curriculum.program,
                lambda syllabus: changes.resubmit_change(
                    db.session, change, current_user, policy, **fields, **syllabus.version_fields()
                ),
                errors=form.note.errors,
                success=_("The revised change is submitted; its review clock runs again."),
            )
        return _with_syllabus(
            form,
            curriculum.program,
            lambda syllabus: changes.submit_substantive_change(
                db.session, curriculum, current_user, policy, **fields, **syllabus.version_fields()
            ),
            errors=form.note.errors,
            success=_(
                "The change is submitted for review; the curriculum stays approved as it is until the change is approved."
            ),
        )

    return post_form(
        form,
        run=propose,
        done=lambda _value: _to_detail(curriculum_id),
        again=_detail_again(curriculum, change_form=form),
        invalid_status=400,
        refused_status=error_status,
    )


@bp.post("/curricula/<int:curriculum_id>/files")
@roles_required(Role.PROVIDER)
def upload_file(curriculum_id: int):
    """Attach a supporting file; a damaged or hostile file is refused and nothing is kept."""
    curriculum = _curriculum(curriculum_id)
    attach_posted_file(
        SupportingFileForm(),
        lambda upload, upload_dir, limit: files.attach_upload(
            db.session, curriculum, current_user, upload, upload_dir=upload_dir, max_bytes=limit
        ),
    )
    return _to_detail(curriculum_id)


@bp.get("/curricula/<int:curriculum_id>/files/<stored_name>")
@roles_required(Role.PROVIDER, Role.REVIEWER, Role.ADMIN)
def download_file(curriculum_id: int, stored_name: str):
    """A supporting file or an uploaded syllabus, served as an attachment."""
    original_name = files.stored_file(_curriculum(curriculum_id), stored_name)
    return send_stored(current_app.config["UPLOAD_DIR"], stored_name, original_name)


# The reviewers' routes live on the same blueprint; importing their module registers them, so
# whoever imports ``bp`` from here (the app factory) gets every page of the blueprint.
from app.submissions import review_views  # noqa: E402, F401
