"""The peer's CE record: dashboard, entries, CSV export and import, transcript, JSON."""

from __future__ import annotations

from datetime import UTC, date, datetime

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

from app.auth.access import roles_required
from app.auth.models import Role
from app.ce import services
from app.ce.forms import ActionForm, EntryForm, ImportForm, ProfileForm
from app.ce.rules import CEEntry
from app.errors import DomainError
from app.extensions import db
from app.framework.views import get_catalog
from app.settings.services import current_policy

bp = Blueprint("ce", __name__)


def _policy():
    return current_policy(db.session, current_app.config.get("POLICY_OVERRIDES"))


def _today() -> date:
    return datetime.now(UTC).date()


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
    policy, today = _policy(), _today()
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
    form.law_ethics_topics.choices = [(t.id, t.title) for t in get_catalog().law_ethics_topics]
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
    return render_template(
        "ce/entry.html", form=form, title="Edit a CE entry", record=record, action=ActionForm()
    )


@bp.post("/ce/entries/<int:entry_id>/delete")
@roles_required(Role.PEER)
def delete_entry(entry_id: int):
    profile = _profile_or_redirect()
    if profile is None:
        return redirect(url_for("ce.profile"))
    record = services.get_entry(db.session, profile, entry_id)
    if ActionForm().validate_on_submit():
        db.session.delete(record)
        db.session.commit()
        flash("The entry is deleted.", "success")
    return redirect(url_for("ce.dashboard"))


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
                count, errors = services.import_csv(db.session, profile, text)
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
    summary = services.summary_for(profile, _policy(), _today())
    return render_template(
        "ce/transcript.html",
        profile=profile,
        summary=summary,
        today=_today(),
        records={r.id: r for r in profile.entries},
    )
