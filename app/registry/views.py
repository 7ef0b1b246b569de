"""Registry pages: the public search (§500.2), staff records, changes, import and claim codes."""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import context
from app.auth.access import roles_required
from app.auth.forms import ActionForm
from app.auth.models import Role
from app.errors import attempt
from app.extensions import db
from app.forms_flow import post_form
from app.i18n.locale import current_locale, format_day
from app.policy import SANCTIONS
from app.registry import hooks, services
from app.registry.forms import (
    RecordForm,
    RegistryImportForm,
    ReinstatementStepForm,
    RenewalForm,
    RequirementForm,
    StatusForm,
)
from app.registry.rules import ACTION_LABELS, STATUS_LABELS
from app.tabular import read_as_csv

bp = Blueprint("registry", __name__)
STAFF = (Role.REVIEWER, Role.ADMIN)
MAX_IMPORT_BYTES = 2 * 1024 * 1024


def _page() -> int:
    return min(max(request.args.get("page", 1, type=int) or 1, 1), 1_000_000)


@bp.get("/registry")
def search():
    """Anyone looks a certification up by name or number: only what §500.2 lists."""
    q = (request.args.get("q") or "")[:100]
    found = services.search(db.session, q, _page(), public=True)
    return render_template(
        "registry/search.html",
        q=q,
        found=found,
        rows=[services.public_view(r) for r in found.items],
    )


@bp.get("/registry/records")
@roles_required(*STAFF)
def records():
    q = (request.args.get("q") or "")[:100]
    return render_template(
        "registry/records.html",
        q=q,
        found=services.search(db.session, q, _page(), public=False),
        status_labels=STATUS_LABELS,
        action_labels=ACTION_LABELS,
    )


@bp.route("/registry/records/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def new_record():
    form = RecordForm()
    if form.validate_on_submit():
        created = attempt(
            lambda: services.create_record(
                db.session,
                current_user,
                legal_name=form.legal_name.data,
                certification_number=form.certification_number.data or "",
                issued_on=form.issued_on.data,
                expires_on=form.expires_on.data,
                specializations=form.specializations.data or [],
                email=form.email.data or "",
                today=context.today(),
            ),
            errors=form.certification_number.errors,
            success=_("The record is added."),
        )
        if created.ok:
            return redirect(url_for("registry.record", record_id=created.value.id))
    return render_template("registry/new.html", form=form), (422 if form.errors else 200)


def _record_page(record, form=None, status_form=None, status=200):
    return render_template(
        "registry/record.html",
        record=record,
        form=form or RecordForm(obj=record),
        status_form=status_form or StatusForm(obj=record, effective_on=context.today()),
        late=services.late_changes(record, context.policy()),
        status_labels=STATUS_LABELS,
        action_labels=ACTION_LABELS,
        action=ActionForm(),
        step_form=ReinstatementStepForm(completed_on=context.today()),
        steps=services.reinstatement_steps(record),
        renewals=services.renewals_of(db.session, record),
        shortfall_of=lambda r: services.shortfall_of(r, context.policy()),
        requirement_form=RequirementForm(imposed_on=context.today()),
        requirements=services.requirements_of(db.session, record.id),
        sanctions=SANCTIONS,
    ), status


@bp.route("/registry/records/<int:record_id>", methods=["GET", "POST"])
@roles_required(*STAFF)
def record(record_id: int):
    record = services.get_record(db.session, record_id)
    if request.method == "GET":
        return _record_page(record, form=RecordForm(obj=record), status=200)
    form = RecordForm()

    def saved(changed: bool):
        flash(_("Saved.") if changed else _("Nothing changed."), "success")
        return redirect(url_for("registry.record", record_id=record.id))

    return post_form(
        form,
        lambda: services.update_record(
            db.session,
            current_user,
            record,
            legal_name=form.legal_name.data,
            issued_on=form.issued_on.data,
            expires_on=form.expires_on.data,
            specializations=form.specializations.data or [],
            email=form.email.data or "",
            today=context.today(),
        ),
        errors_in=form.legal_name,
        done=saved,
        again=lambda status: _record_page(record, form=form, status=status),
    )


@bp.post("/registry/records/<int:record_id>/status")
@roles_required(*STAFF)
def change_status(record_id: int):
    record = services.get_record(db.session, record_id)
    form = StatusForm()

    def again(status: int):
        if status == 409:  # changed meanwhile: show what it is now, the text kept
            db.session.expire_all()
        return _record_page(
            services.get_record(db.session, record_id), status_form=form, status=status
        )

    return post_form(
        form,
        lambda: services.change_status(
            db.session,
            current_user,
            record,
            status=form.status.data,
            action=form.action.data,
            effective_on=form.effective_on.data,
            reason=form.reason.data,
            today=context.today(),
            policy=context.policy(),
        ),
        errors_in=form.reason,
        success=_("The change is recorded."),
        done=lambda _value: redirect(url_for("registry.record", record_id=record.id)),
        again=again,
    )


def _on_record(record, form, call, success: str, *, invalid: str = "") -> Response:
    """A staff action on a record's page: when ``form`` passes, ``call`` the service (a refusal
    is flashed), else flash ``invalid``; back to the record either way."""
    if form.validate_on_submit():
        attempt(call, success=success)
    elif invalid:
        flash(invalid, "error")
    return redirect(url_for("registry.record", record_id=record.id))


@bp.post("/registry/records/<int:record_id>/claim-code")
@roles_required(*STAFF)
def claim_code(record_id: int):
    record = services.get_record(db.session, record_id)
    return _on_record(
        record,
        ActionForm(),
        lambda: services.send_claim_code(db.session, current_user, record, policy=context.policy()),
        _("A code is emailed to %(email)s.", email=record.email),
    )


@bp.route("/registry/import", methods=["GET", "POST"])
@roles_required(*STAFF)
def import_records():
    form = RegistryImportForm()
    errors: list[str] = []
    if form.validate_on_submit():
        upload = context.uploaded("file", MAX_IMPORT_BYTES)
        text, problem = (
            read_as_csv(upload[0], upload[1], max_bytes=MAX_IMPORT_BYTES)
            if upload
            else (None, _("Choose a CSV file or an .xlsx workbook."))
        )
        if text is None:
            errors = [problem]
        else:
            created, updated, errors = services.import_csv(
                db.session, current_user, text, today=context.today()
            )
            if not errors:
                flash(
                    _(
                        "%(created)s record(s) added, %(updated)s updated.",
                        created=created,
                        updated=updated,
                    ),
                    "success",
                )
                return redirect(url_for("registry.records"))
    return render_template("registry/import.html", form=form, errors=errors), (
        422 if errors else 200
    )


@bp.post("/registry/records/<int:record_id>/reinstatement")
@roles_required(*STAFF)
def reinstatement_step(record_id: int):
    """Record a completed step of reinstatement (§209.1–2): refresher, code of ethics, exam."""
    record = services.get_record(db.session, record_id)
    form = ReinstatementStepForm()
    return _on_record(
        record,
        form,
        lambda: services.record_reinstatement_step(
            db.session,
            current_user,
            record,
            step=form.step.data,
            completed_on=form.completed_on.data,
            today=context.today(),
        ),
        _("The step is recorded."),
    )


@bp.post("/registry/records/<int:record_id>/reinstate")
@roles_required(*STAFF)
def reinstate(record_id: int):
    record = services.get_record(db.session, record_id)
    return _on_record(
        record,
        ActionForm(),
        lambda: services.reinstate(
            db.session, current_user, record, today=context.today(), policy=context.policy()
        ),
        _("The certification is reinstated."),
    )


@bp.route("/registry/renewal", methods=["GET", "POST"])
@roles_required(Role.PEER)
def renewal():
    """The peer renews inside the window: attestation, signed code of ethics, fee shown."""

    record = services.record_of_user(db.session, current_user)
    if record is None:
        flash(_("First link your certification."), "warning")
        return redirect(url_for("ce.profile"))
    today = context.today()
    summary = hooks.CE.ce_summary(db.session, current_user, context.policy(), today)
    form = RenewalForm()
    if form.validate_on_submit():
        renewed = attempt(
            lambda: services.renew(
                db.session,
                current_user,
                record,
                attested=bool(form.attest.data),
                signature=form.signature.data,
                ce_summary=summary,
                today=today,
                policy=context.policy(),
            ),
            errors=form.signature.errors,
        )
        if renewed.ok:
            flash(
                _(
                    "Your renewal is recorded: the certification now expires on %(day)s.",
                    day=format_day(renewed.value.new_expires_on)
                    if current_locale() == "es"
                    else f"{renewed.value.new_expires_on:%B %d, %Y}",
                ),
                "success",
            )
            return redirect(url_for("ce.dashboard"))
    return render_template(
        "registry/renewal.html",
        form=form,
        record=record,
        state=services.renewal_state(record, today, context.policy()),
        summary=summary,
        shortfall=services.attestation_shortfall(summary),
        renewals=services.renewals_of(db.session, record),
    ), (422 if form.errors else 200)


@bp.post("/registry/records/<int:record_id>/requirements")
@roles_required(*STAFF)
def add_requirement(record_id: int):
    """Attach the CE a sanction requires (App. F); the peer's dashboard counts against it."""
    record = services.get_record(db.session, record_id)
    form = RequirementForm()
    return _on_record(
        record,
        form,
        lambda: services.add_requirement(
            db.session,
            current_user,
            record,
            sanction=form.sanction.data,
            imposed_on=form.imposed_on.data,
            due_on=form.due_on.data,
            note=form.note.data or "",
            today=context.today(),
        ),
        _("The CE requirement is attached."),
        invalid=_("Choose the requirement and the day it was imposed."),
    )
