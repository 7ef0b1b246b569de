"""The peer's CE record: dashboard, entries, CSV export and import, transcript, JSON."""

from __future__ import annotations

import secrets
from datetime import date

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from sqlalchemy import select

from app import context
from app.auth.access import roles_required
from app.auth.models import Role
from app.ce import services
from app.ce.forms import (
    ActionForm,
    AuditDrawForm,
    EntryForm,
    EntryReviewForm,
    EvidenceForm,
    ImportForm,
    ProfileForm,
)
from app.ce.models import CEAudit, CEAuditSelection, CEEntryRecord, EvidenceFile
from app.ce.rules import CEEntry
from app.errors import DomainError, NotFound
from app.extensions import db
from app.uploads import UploadError, send_stored, store_upload

bp = Blueprint("ce", __name__)


def _known_topics() -> frozenset[str] | None:
    """Law-and-ethics topic ids of the catalog; None (no check) while the catalog has none."""
    return frozenset(t.id for t in context.catalog().law_ethics_topics) or None


def _profile_or_redirect():
    profile = services.profile_of(db.session, current_user)
    if profile is None:
        flash("First tell us about your certification.", "warning")
    return profile


def _next_steps(summary: dict, expires_on: date, today: date) -> list[str]:
    steps = []
    short = summary["required_hours"] - summary["total_hours"]
    short_le = summary["required_law_ethics_hours"] - summary["law_ethics_hours"]
    if short > 0:
        steps.append(
            f"You need {short:g} more CE hours"
            + (f", {short_le:g} of them law and ethics," if short_le > 0 else "")
            + f" before {expires_on:%B %d, %Y}."
        )
    elif short_le > 0:
        steps.append(
            f"You need {short_le:g} more hours of law and ethics before {expires_on:%B %d, %Y}."
        )
    steps.append(summary["renewal"]["message"])
    attention = [e for e in summary["entries"] if not e["counted"]]
    if attention:
        steps.append(
            f"{len(attention)} entr{'y does' if len(attention) == 1 else 'ies do'} not count; see the reasons below."
        )
    return steps


@bp.get("/ce")
@roles_required(Role.PEER)
def dashboard():
    """Progress toward 20 hours and 6 of law and ethics, the renewal window and what to do next."""
    profile = services.profile_of(db.session, current_user)
    if profile is None:
        return redirect(url_for("ce.profile"))
    policy, today = context.policy(), context.today()
    summary = services.summary_for(profile, policy, today)
    expires_on = date.fromisoformat(summary["expires_on"])
    opens = date.fromisoformat(summary["renewal_window"]["opens"])
    records = {r.id: r for r in profile.entries}
    return render_template(
        "ce/dashboard.html",
        profile=profile,
        summary=summary,
        records=records,
        steps=_next_steps(summary, expires_on, today),
        days_to_window=(opens - today).days,
        days_to_expiry=(expires_on - today).days,
        action=ActionForm(),
        audit=services.open_selection(db.session, profile),
    )


@bp.route("/ce/profile", methods=["GET", "POST"])
@roles_required(Role.PEER)
def profile():
    current = services.profile_of(db.session, current_user)
    form = ProfileForm(obj=current)
    if form.validate_on_submit():
        try:
            services.save_profile(
                db.session,
                current_user,
                legal_name=form.legal_name.data,
                certification_number=form.certification_number.data,
                issued_on=form.issued_on.data,
                status=form.status.data,
                specializations=form.specializations.data or [],
            )
        except DomainError as error:
            db.session.rollback()
            form.certification_number.errors.append(error.message)
        else:
            flash("Your certification details are saved.", "success")
            return redirect(url_for("ce.dashboard"))
    return render_template("ce/profile.html", form=form)


def _entry_form(record=None) -> EntryForm:
    form = EntryForm(obj=record)
    form.law_ethics_topics.choices = [(t.id, t.title) for t in context.catalog().law_ethics_topics]
    if record is not None and request.method == "GET":
        form.evidence.data = "; ".join(record.evidence or [])
    return form


def _entry_from(form: EntryForm) -> CEEntry:
    return CEEntry(
        title=form.title.data.strip(),
        provider=form.provider.data.strip(),
        start_date=form.start_date.data,
        end_date=form.end_date.data,
        format=form.format.data,
        hours=float(form.hours.data) if form.hours.data is not None else None,
        units=float(form.units.data) if form.units.data is not None else None,
        source=form.source.data,
        law_ethics=form.law_ethics.data,
        law_ethics_topics=form.law_ethics_topics.data or [],
        evidence=[e.strip() for e in (form.evidence.data or "").split(";") if e.strip()],
    )


@bp.route("/ce/entries/new", methods=["GET", "POST"])
@roles_required(Role.PEER)
def new_entry():
    profile = _profile_or_redirect()
    if profile is None:
        return redirect(url_for("ce.profile"))
    form = _entry_form()
    if request.method == "GET":
        prefill_from_catalogue(form, request.args.get("curriculum"))
    if form.validate_on_submit():
        services.save_entry(db.session, profile, None, _entry_from(form))
        flash("The entry is added.", "success")
        return redirect(url_for("ce.dashboard"))
    return render_template("ce/entry.html", form=form, title="Add a CE entry")


@bp.route("/ce/entries/<int:entry_id>", methods=["GET", "POST"])
@roles_required(Role.PEER)
def edit_entry(entry_id: int):
    profile = _profile_or_redirect()
    if profile is None:
        return redirect(url_for("ce.profile"))
    record = services.get_entry(db.session, profile, entry_id)
    form = _entry_form(record)
    if form.validate_on_submit():
        services.save_entry(db.session, profile, record, _entry_from(form))
        flash("The entry is saved.", "success")
        return redirect(url_for("ce.dashboard"))
    summary = services.summary_for(profile, context.policy(), context.today())
    result = next((e for e in summary["entries"] if e["line"] == record.id), None)
    return render_template(
        "ce/entry.html",
        form=form,
        title="Edit a CE entry",
        record=record,
        result=result,
        period=summary["period"],
        evidence_form=EvidenceForm(),
    )


@bp.route("/ce/entries/<int:entry_id>/delete", methods=["GET", "POST"])
@roles_required(Role.PEER)
def delete_entry(entry_id: int):
    """GET asks for confirmation; POST (with CSRF) deletes the entry and its evidence records."""
    profile = _profile_or_redirect()
    if profile is None:
        return redirect(url_for("ce.profile"))
    record = services.get_entry(db.session, profile, entry_id)
    form = ActionForm()
    if form.validate_on_submit():
        db.session.delete(record)
        db.session.commit()
        flash(f"“{record.title}” is deleted.", "success")
        return redirect(url_for("ce.dashboard"))
    return render_template("ce/delete.html", record=record, form=form)


@bp.get("/ce/export.csv")
@roles_required(Role.PEER)
def export_csv():
    profile = _profile_or_redirect()
    if profile is None:
        return redirect(url_for("ce.profile"))
    return Response(
        services.export_csv(profile),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="ce-record.csv"'},
    )


@bp.route("/ce/import", methods=["GET", "POST"])
@roles_required(Role.PEER)
def import_csv():
    profile = _profile_or_redirect()
    if profile is None:
        return redirect(url_for("ce.profile"))
    form = ImportForm()
    errors: list[str] = []
    if form.validate_on_submit():
        upload = request.files.get("file")
        if not upload or not upload.filename:
            errors = ["Choose a CSV file."]
        else:
            data = upload.read(2 * 1024 * 1024 + 1)
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                text, errors = "", ["The file is not UTF-8 text."]
            if len(data) > 2 * 1024 * 1024:
                errors = ["The file is larger than 2 MB."]
            if not errors:
                count, errors = services.import_csv(
                    db.session, profile, text, known_topics=_known_topics()
                )
                if not errors:
                    flash(f"{count} entr{'y' if count == 1 else 'ies'} imported.", "success")
                    return redirect(url_for("ce.dashboard"))
    return render_template("ce/import.html", form=form, errors=errors), (422 if errors else 200)


@bp.get("/ce/transcript")
@roles_required(Role.PEER)
def transcript():
    profile = _profile_or_redirect()
    if profile is None:
        return redirect(url_for("ce.profile"))
    summary = services.summary_for(profile, context.policy(), context.today())
    return render_template(
        "ce/transcript.html",
        profile=profile,
        summary=summary,
        today=context.today(),
        records={r.id: r for r in profile.entries},
    )


@bp.post("/ce/entries/<int:entry_id>/evidence")
@roles_required(Role.PEER)
def upload_evidence(entry_id: int):
    """Attach a certificate, agenda or transcript to an entry (same upload rules as curricula)."""
    profile = _profile_or_redirect()
    if profile is None:
        return redirect(url_for("ce.profile"))
    record = services.get_entry(db.session, profile, entry_id)
    upload = request.files.get("file")
    if not EvidenceForm().validate_on_submit() or not upload or not upload.filename:
        flash("Choose a file to upload.", "error")
        return redirect(url_for("ce.edit_entry", entry_id=entry_id))
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
        return redirect(url_for("ce.edit_entry", entry_id=entry_id))
    db.session.add(
        EvidenceFile(
            entry_id=record.id, stored_name=stored.stored_name, original_name=stored.original_name
        )
    )
    if stored.original_name not in (record.evidence or []):
        record.evidence = [*(record.evidence or []), stored.original_name]
    db.session.commit()
    flash(f"{stored.original_name} is attached.", "success")
    return redirect(url_for("ce.edit_entry", entry_id=entry_id))


@bp.get("/ce/evidence/<stored_name>")
@roles_required(Role.PEER, Role.REVIEWER, Role.ADMIN)
def download_evidence(stored_name: str):
    """An evidence file: for its peer, or for reviewers once the peer is drawn in an audit."""
    item = db.session.scalar(select(EvidenceFile).where(EvidenceFile.stored_name == stored_name))
    if item is None:
        raise NotFound("There is no such file.")
    entry = db.session.get(CEEntryRecord, item.entry_id)
    if current_user.role == Role.PEER:
        if entry.profile.user_id != current_user.id:
            raise NotFound("There is no such file.")
    elif not db.session.scalar(
        select(CEAuditSelection.id).where(CEAuditSelection.profile_id == entry.profile_id)
    ):
        raise NotFound("Evidence is seen by reviewers only during a records review.")
    return send_stored(current_app.config["UPLOAD_DIR"], item.stored_name, item.original_name)


@bp.post("/ce/audit/respond")
@roles_required(Role.PEER)
def respond_audit():
    profile = _profile_or_redirect()
    if profile is None:
        return redirect(url_for("ce.profile"))
    if ActionForm().validate_on_submit():
        try:
            services.respond_to_audit(db.session, profile, current_user)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash("Thank you: the reviewer is told your proof is uploaded.", "success")
    return redirect(url_for("ce.dashboard"))


@bp.route("/ce/audits", methods=["GET", "POST"])
@roles_required(Role.REVIEWER, Role.ADMIN)
def audits():
    """Random records reviews: draw one, see earlier draws."""
    form = AuditDrawForm()
    if form.validate_on_submit():
        seed = int(form.seed.data) if form.seed.data is not None else secrets.randbelow(2**31)
        try:
            audit = services.draw_audit(
                db.session,
                current_user,
                context.policy(),
                window_start=form.window_start.data,
                window_end=form.window_end.data,
                method=form.method.data,
                amount=float(form.amount.data),
                seed=seed,
                today=context.today(),
            )
        except DomainError as error:
            db.session.rollback()
            form.amount.errors.append(error.message)
        else:
            flash(f"{len(audit.selected)} peer(s) drawn and notified.", "success")
            return redirect(url_for("ce.audit_detail", audit_id=audit.id))
    drawn = db.session.scalars(select(CEAudit).order_by(CEAudit.drawn_at.desc())).all()
    return render_template("ce/audits.html", form=form, drawn=drawn)


@bp.get("/ce/audits/<int:audit_id>")
@roles_required(Role.REVIEWER, Role.ADMIN)
def audit_detail(audit_id: int):
    audit = db.session.get(CEAudit, audit_id)
    if audit is None:
        raise NotFound("There is no such records review.")
    reviews = {(r.selection_id, r.entry_id): r for s in audit.selections for r in s.reviews}
    return render_template(
        "ce/audit.html", audit=audit, reviews=reviews, today=context.today(), form=EntryReviewForm()
    )


@bp.post("/ce/audits/<int:audit_id>/selections/<int:selection_id>/entries/<int:entry_id>")
@roles_required(Role.REVIEWER, Role.ADMIN)
def review_entry(audit_id: int, selection_id: int, entry_id: int):
    selection = db.session.get(CEAuditSelection, selection_id)
    entry = db.session.get(CEEntryRecord, entry_id)
    if selection is None or selection.audit_id != audit_id or entry is None:
        raise NotFound("There is no such entry in this review.")
    form = EntryReviewForm()
    if form.validate_on_submit():
        try:
            services.review_audit_entry(
                db.session,
                current_user,
                selection,
                entry,
                decision=form.decision.data,
                note=form.note.data or "",
            )
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash("Recorded.", "success")
    return redirect(url_for("ce.audit_detail", audit_id=audit_id))


@bp.get("/ce/catalogue")
@roles_required(Role.PEER)
def catalogue():
    """CE courses approved in this app; choosing one fills the entry form."""
    from app.submissions.models import Curriculum

    courses = db.session.scalars(
        select(Curriculum)
        .where(Curriculum.program == "ce", Curriculum.state.in_(["approved", "appeal_approved"]))
        .order_by(Curriculum.title)
    ).all()
    return render_template("ce/catalogue.html", courses=courses)


def prefill_from_catalogue(form: EntryForm, curriculum_id: str | None) -> None:
    """Fill title, provider, hours and law-and-ethics topics from an approved CE curriculum."""
    from app.submissions.models import Curriculum

    if not curriculum_id or not curriculum_id.isdigit():
        return
    course = db.session.get(Curriculum, int(curriculum_id))
    if (
        course is None
        or course.program != "ce"
        or course.state not in ("approved", "appeal_approved")
    ):
        return
    report = course.latest.report if course.latest else {}
    form.title.data = course.title
    form.provider.data = course.organization.name
    form.hours.data = report.get("total_hours") or None
    form.source.data = "calmhsa_ce_provider"
    topics = [t["id"] for t in report.get("law_ethics_topics", [])]
    form.law_ethics.data = bool(topics)
    form.law_ethics_topics.data = topics
