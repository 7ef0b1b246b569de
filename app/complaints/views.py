"""The public complaint form; the reviewers' complaints log, investigation page and decisions."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import context
from app.appeals import services as shared_appeals
from app.appeals.views import posted_files, store_evidence
from app.auth.access import roles_required
from app.auth.models import Role
from app.complaints import appeals, confidential, services
from app.complaints.forms import (
    ActionForm,
    ActivityForm,
    AppealDecisionForm,
    ComplaintForm,
    DecisionForm,
    DocumentForm,
    ExtensionForm,
    LogFilterForm,
    NameForm,
    ReinstateForm,
    RespondentAppealForm,
    RespondentForm,
    WithdrawForm,
)
from app.complaints.states import ComplaintState
from app.csvsafe import to_csv
from app.errors import NotFound, attach_posted_file, attempt, refusal_status
from app.extensions import db
from app.forms_flow import post_form
from app.i18n.exports import COMPLAINTS
from app.i18n.messages import translated
from app.uploads import UploadError, send_stored

bp = Blueprint("complaints", __name__)
PER_PAGE = 50
EXPORT_LIMIT = 100_000


def _provider_choices() -> list[tuple[str, str]]:
    return [("", _("Choose the provider"))] + [
        (str(o.id), o.name) for o in services.approved_providers(db.session)
    ]


@bp.route("/complaints/new", methods=["GET", "POST"])
def public_new():
    """File a complaint about a certified peer or an approved provider; no account needed (§805.4)."""
    form = ComplaintForm()
    form.organization_id.choices = _provider_choices()
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    return post_form(
        form,
        lambda: services.file_complaint(
            db.session,
            context.policy(),
            _complaint_input(form),
            today=context.today(),
            filed_by=current_user if current_user.is_authenticated else None,
            upload=context.uploaded("file", limit),
            upload_dir=current_app.config["UPLOAD_DIR"],
            max_bytes=limit,
        ),
        errors_in=form.nature,
        done=lambda complaint: render_template(
            "complaints/received.html",
            complaint=complaint,
            clock=services.clock_of(complaint, context.policy(), context.today()),
            emailed=bool(services.email_of(complaint.complainant_contact)),
        ),
        again=lambda status: (render_template("complaints/new.html", form=form), status),
        invalid_status=422 if request.method == "POST" else 200,
        refused_status=lambda _outcome: 422,
    )


def _complaint_input(form: ComplaintForm) -> services.ComplaintInput:
    return services.ComplaintInput(
        respondent_type=form.respondent_type.data or "",
        respondent_name=form.respondent_name.data or "",
        organization_id=int(form.organization_id.data) if form.organization_id.data else None,
        certification_number=form.certification_number.data or "",
        employer_name=form.employer_name.data or "",
        complainant_name=form.complainant_name.data or "",
        complainant_contact=form.complainant_contact.data or "",
        nature=form.nature.data or "",
    )


def _filter_form() -> tuple[LogFilterForm, services.LogFilter]:
    form = LogFilterForm(request.args)
    form.state.choices = [("", _("Any"))] + [(s.value, s.value.title()) for s in ComplaintState]
    form.validate()
    flt = services.LogFilter(
        state=form.state.data or "",
        respondent_type=form.respondent_type.data or "",
        received_from=form.received_from.data if not form.received_from.errors else None,
        received_to=form.received_to.data if not form.received_to.errors else None,
        text=(form.text.data or "").strip()[:100],
    )
    return form, flt


def _page() -> int:
    return min(max(request.args.get("page", 1, type=int) or 1, 1), 1_000_000)


@bp.get("/complaints")
@roles_required(Role.REVIEWER, Role.ADMIN)
def log():
    """The complaints log (§806.4), newest first, 50 to a page, with filters."""
    form, flt = _filter_form()
    complaints, total = services.page_of(db.session, flt, page=_page(), per_page=PER_PAGE)
    policy, today = context.policy(), context.today()
    params = {k: v for k, v in request.args.items() if k != "page"}
    return render_template(
        "complaints/log.html",
        form=form,
        rows=[(c, services.clock_of(c, policy, today)) for c in complaints],
        total=total,
        page=_page(),
        pages=max(1, -(-total // PER_PAGE)),
        params=params,
    )


@bp.get("/complaints.csv")
@roles_required(Role.REVIEWER, Role.ADMIN)
def log_csv():
    """The complaints log as CSV, with the same filters (§806.4 A–K)."""
    _form, flt = _filter_form()
    policy, today = context.policy(), context.today()
    complaints = db.session.scalars(services.filtered(flt).limit(EXPORT_LIMIT))
    body = to_csv(
        [str(COMPLAINTS.get(key, label)) for key, label in services.LOG_COLUMNS],
        (services.log_row(c, services.clock_of(c, policy, today)) for c in complaints),
    )
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="complaints-log.csv"'},
    )


def _complaint(complaint_id: int):
    return services.get_complaint(db.session, current_user, complaint_id)


def _to_detail(complaint_id: int, anchor: str = ""):
    return redirect(url_for("complaints.detail", complaint_id=complaint_id) + anchor)


def _back_to(complaint_id: int, anchor: str = ""):
    """Where a form that went through leads: the complaint's page (at ``anchor``)."""
    return lambda _value: _to_detail(complaint_id, anchor)


def _again(complaint_id: int, **forms):
    """The complaint's page with ``forms`` shown as typed, under the status given."""
    return lambda status: (detail(complaint_id, **forms), status)


@bp.get("/complaints/<int:complaint_id>")
@roles_required(Role.REVIEWER, Role.ADMIN)
def detail(complaint_id: int, **forms):
    """One complaint: the log fields, its clock, documents, confidential names and actions."""
    complaint = _complaint(complaint_id)
    policy, today = context.policy(), context.today()
    decision = forms.get("decision") or DecisionForm(
        prefix="decision", lock_version=complaint.lock_version
    )
    appeal = appeals.appeal_of(db.session, complaint)
    return render_template(
        "complaints/detail.html",
        complaint=complaint,
        clock=services.clock_of(complaint, policy, today),
        action=ActionForm(),
        activity_form=forms.get("activity") or ActivityForm(prefix="activity"),
        extension_form=forms.get("extension") or ExtensionForm(prefix="extend"),
        name_form=forms.get("name") or NameForm(prefix="name"),
        respondent_form=forms.get("respondent")
        or RespondentForm(
            prefix="respondent",
            certification_number=complaint.peer_profile.certification_number
            if complaint.peer_profile
            else "",
        ),
        identity_mismatch=services.identity_mismatch(complaint),
        document_form=DocumentForm(),
        decision_form=decision,
        withdraw_form=forms.get("withdraw") or WithdrawForm(prefix="withdraw"),
        reinstate_form=forms.get("reinstate") or ReinstateForm(prefix="reinstate"),
        appeal=appeal,
        appeal_clock=shared_appeals.appeal_clock(appeal, policy, today) if appeal else None,
        appeal_form=forms.get("appeal") or AppealDecisionForm(prefix="appeal"),
        states=ComplaintState,
        policy=policy,
        today=today,
    )


@bp.post("/complaints/<int:complaint_id>/investigate")
@roles_required(Role.REVIEWER, Role.ADMIN)
def investigate(complaint_id: int):
    complaint = _complaint(complaint_id)
    done = attempt(
        lambda: services.investigate(db.session, complaint, current_user, today=context.today()),
        success=_("The investigation is open; the clock is running."),
    )
    if refusal_status(done) == 409:
        return detail(complaint_id), 409
    return _to_detail(complaint_id)


@bp.post("/complaints/<int:complaint_id>/activity")
@roles_required(Role.REVIEWER, Role.ADMIN)
def activity(complaint_id: int):
    complaint = _complaint(complaint_id)
    form = ActivityForm(prefix="activity")
    return post_form(
        form,
        lambda: services.add_activity(
            db.session, complaint, current_user, today=context.today(), text=form.text.data
        ),
        errors_in=form.text,
        success=_("The action is in the log."),
        done=_back_to(complaint_id, "#activities"),
        again=_again(complaint_id, activity=form),
    )


@bp.post("/complaints/<int:complaint_id>/extend")
@roles_required(Role.REVIEWER, Role.ADMIN)
def extend(complaint_id: int):
    complaint = _complaint(complaint_id)
    form = ExtensionForm(prefix="extend")
    return post_form(
        form,
        lambda: services.extend(
            db.session,
            complaint,
            current_user,
            context.policy(),
            today=context.today(),
            days=form.days.data,
            reason=form.reason.data,
        ),
        errors_in=form.reason,
        success=_("The investigation is extended and the written notice is sent."),
        done=_back_to(complaint_id),
        again=_again(complaint_id, extension=form),
    )


@bp.after_app_request
def _keep_names_confidential(response):
    """Every answer of the app leaves with the listed names replaced (§806.1.D)."""
    return confidential.redact_response(response, db.session)


@bp.get("/complaints/<int:complaint_id>/names")
@roles_required(Role.REVIEWER, Role.ADMIN)
def names(complaint_id: int):
    """The confidentiality list itself: the one page that shows the names (staff only)."""
    complaint = _complaint(complaint_id)
    confidential.show_names()
    return render_template("complaints/names.html", complaint=complaint)


@bp.post("/complaints/<int:complaint_id>/respondent")
@roles_required(Role.REVIEWER, Role.ADMIN)
def confirm_respondent(complaint_id: int):
    """Staff confirm which certification holder the complaint is about."""
    complaint = _complaint(complaint_id)
    form = RespondentForm(prefix="respondent")
    return post_form(
        form,
        lambda: services.confirm_respondent(
            db.session,
            complaint,
            current_user,
            certification_number=form.certification_number.data,
            note=form.note.data or "",
        ),
        errors_in=form.note,
        success=_("The respondent's identity is confirmed."),
        done=_back_to(complaint_id, "#respondent"),
        again=_again(complaint_id, respondent=form),
        refused_status=lambda _outcome: 422,
    )


@bp.post("/complaints/<int:complaint_id>/names")
@roles_required(Role.REVIEWER, Role.ADMIN)
def add_name(complaint_id: int):
    complaint = _complaint(complaint_id)
    form = NameForm(prefix="name")
    return post_form(
        form,
        lambda: services.add_confidential_name(
            db.session, complaint, current_user, name=form.name.data
        ),
        errors_in=form.name,
        done=_back_to(complaint_id, "#names"),
        again=_again(complaint_id, name=form),
    )


@bp.post("/complaints/<int:complaint_id>/documents")
@roles_required(Role.REVIEWER, Role.ADMIN)
def attach(complaint_id: int):
    complaint = _complaint(complaint_id)
    attach_posted_file(
        DocumentForm(),
        lambda upload, upload_dir, limit: services.attach_document(
            db.session, complaint, current_user, upload, upload_dir, limit
        ),
    )
    return _to_detail(complaint_id, "#documents")


@bp.get("/complaints/<int:complaint_id>/documents/<stored_name>")
@roles_required(Role.REVIEWER, Role.ADMIN)
def document(complaint_id: int, stored_name: str):
    complaint = _complaint(complaint_id)
    for item in complaint.documents:
        if item.stored_name == stored_name:
            return send_stored(current_app.config["UPLOAD_DIR"], stored_name, item.original_name)
    raise NotFound("There is no such document.")


@bp.post("/complaints/<int:complaint_id>/decide")
@roles_required(Role.REVIEWER, Role.ADMIN)
def decide(complaint_id: int):
    complaint = _complaint(complaint_id)
    form = DecisionForm(prefix="decision")
    return post_form(
        form,
        lambda: services.decide(
            db.session,
            complaint,
            current_user,
            context.policy(),
            today=context.today(),
            outcome=form.outcome.data,
            reason=form.reason.data,
            expected_version=int(form.lock_version.data)
            if (form.lock_version.data or "").isdigit()
            else None,
            appeal_link=url_for(
                "complaints.respondent_appeal", reference=complaint.reference, _external=True
            ),
        ),
        errors_in=form.reason,
        success=_(
            "The final disposition is recorded, the letters are sent and the status is updated."
        ),
        done=_back_to(complaint_id),
        again=_again(complaint_id, decision=form),
        kept=form.reason.data or "",
    )


@bp.post("/complaints/<int:complaint_id>/withdraw")
@roles_required(Role.REVIEWER, Role.ADMIN)
def withdraw(complaint_id: int):
    complaint = _complaint(complaint_id)
    form = WithdrawForm(prefix="withdraw")
    return post_form(
        form,
        lambda: services.withdraw(
            db.session, complaint, current_user, today=context.today(), reason=form.reason.data
        ),
        errors_in=form.reason,
        success=_("The complaint is closed."),
        done=_back_to(complaint_id),
        again=_again(complaint_id, withdraw=form),
        kept=form.reason.data or "",
    )


@bp.post("/complaints/<int:complaint_id>/reinstate")
@roles_required(Role.REVIEWER, Role.ADMIN)
def reinstate(complaint_id: int):
    complaint = _complaint(complaint_id)
    form = ReinstateForm(prefix="reinstate")
    return post_form(
        form,
        lambda: services.reinstate(
            db.session,
            complaint,
            current_user,
            context.policy(),
            today=context.today(),
            reason=form.reason.data,
        ),
        errors_in=form.reason,
        success=_("Returned to good standing; the registry and the provider list show it."),
        done=_back_to(complaint_id),
        again=_again(complaint_id, reinstate=form),
        kept=form.reason.data or "",
    )


@bp.post("/complaints/<int:complaint_id>/appeal/decide")
@roles_required(Role.REVIEWER, Role.ADMIN)
def decide_appeal(complaint_id: int):
    """Uphold or reverse the respondent's appeal (§702.3.A, §807.1.B)."""
    complaint = _complaint(complaint_id)
    form = AppealDecisionForm(prefix="appeal")
    return post_form(
        form,
        lambda: appeals.decide_appeal(
            db.session,
            appeals.appeal_of(db.session, complaint),
            current_user,
            context.policy(),
            today=context.today(),
            uphold=form.outcome.data == "uphold",
            reason=form.reason.data,
        ),
        errors_in=form.reason,
        success=_("The appeal is decided and the letter of final disposition is sent."),
        done=_back_to(complaint_id, "#appeal"),
        again=_again(complaint_id, appeal=form),
        kept=form.reason.data or "",
    )


def _evidence_accepted(form: RespondentAppealForm, evidence: list) -> bool:
    """Whether every evidence file can be kept (§702.2.A); else the form says which cannot."""
    try:
        shared_appeals.check_evidence(evidence, current_app.config["MAX_CONTENT_LENGTH"])
    except UploadError as error:
        form.evidence.errors.append(
            _(
                "%(problem)s Nothing was filed; choose the files again.",
                problem=translated(error.message),
            )
        )
        return False
    return True


@bp.route("/complaints/outcome/<reference>", methods=["GET", "POST"])
@login_required
def respondent_appeal(reference: str):
    """The respondent sees the outcome and appeals a suspension or revocation, once (§807.1.B)."""
    complaint = appeals.get_for_respondent(db.session, current_user, reference)
    policy, today = context.policy(), context.today()
    form = RespondentAppealForm()
    status = 200
    if request.method == "POST":
        status = 422
        evidence = posted_files("evidence", current_app.config["MAX_CONTENT_LENGTH"])
        if form.validate_on_submit() and _evidence_accepted(form, evidence):
            filed = attempt(
                lambda: store_evidence(
                    appeals.file_appeal(
                        db.session,
                        complaint,
                        current_user,
                        policy,
                        today=today,
                        nature=form.nature.data,
                        contact=form.contact.data,
                    ),
                    evidence,
                    today,
                ),
                errors=form.nature.errors,
                success=_(
                    "Your appeal is filed; you will receive the letter of final disposition by email."
                ),
            )
            if filed.ok:
                return redirect(url_for("complaints.respondent_appeal", reference=reference))
            status = filed.error.status
    elif not form.contact.data:
        form.contact.data = f"{current_user.name}, {current_user.email}"
    appeal = appeals.appeal_of(db.session, complaint)
    return render_template(
        "complaints/appeal.html",
        complaint=complaint,
        form=form,
        appeal=appeal,
        refusal=None if appeal else appeals.refusal(db.session, complaint, policy, today),
        deadline=appeals.appeal_deadline(complaint, policy),
    ), status
