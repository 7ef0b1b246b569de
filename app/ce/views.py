"""The peer's CE record: dashboard, entries, CSV export and import, transcript, JSON."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import date
from functools import wraps

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
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app import context, sanctions
from app.auth.access import roles_required
from app.auth.models import Role
from app.ce import rosters, services
from app.ce.forms import (
    ActionForm,
    AuditDrawForm,
    ClaimForm,
    CloseReviewForm,
    EntryForm,
    EntryReviewForm,
    EvidenceForm,
    ImportForm,
)
from app.ce.rules import AUDIT_OUTCOME_LABELS, ENTRY_FIELDS, CEEntry
from app.ce.spreadsheet import TopicIndex
from app.ce.steps import next_steps as localized_steps
from app.errors import attach_posted_file, attempt
from app.extensions import db
from app.forms_flow import post_form
from app.i18n.exports import ce_record_header
from app.i18n.messages import translated
from app.registry import interface as registry
from app.registry.interface import ACTION_LABELS, STATUS_LABELS
from app.routing import parse_id
from app.uploads import send_stored

bp = Blueprint("ce", __name__)


def peer_profile_required(view: Callable) -> Callable:
    """Pass the signed-in peer's profile to ``view``; without one, ask for the certification first."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        profile = services.profile_of(db.session, current_user)
        if profile is None:
            flash(_("First tell us about your certification."), "warning")
            return redirect(url_for("ce.profile"))
        return view(profile, *args, **kwargs)

    return wrapped


def _topics() -> TopicIndex | None:
    """Law-and-ethics topics by id and name; None (no check) while the catalog has none."""
    topics = context.catalog().law_ethics_topics
    return TopicIndex.from_catalog(topics) if topics else None


@bp.get("/ce")
@roles_required(Role.PEER)
@peer_profile_required
def dashboard(profile):
    """Progress toward 20 hours and 6 of law and ethics, the renewal window and what to do next."""
    today = context.today()
    summary = services.summary_for(profile, context.policy(), today)
    expires_on = date.fromisoformat(summary["expires_on"])
    opens = date.fromisoformat(summary["renewal_window"]["opens"])
    audit = services.open_selection(db.session, profile)
    return render_template(
        "ce/dashboard.html",
        profile=profile,
        summary=summary,
        records={r.id: r for r in profile.entries},
        steps=localized_steps(summary, str(profile.status)),
        days_to_window=(opens - today).days,
        days_to_expiry=(expires_on - today).days,
        action=ActionForm(),
        audit=audit,
        decisions=services.latest_reviews(audit) if audit else {},
        under_review={e.id for e in services.entries_under_review(audit, context.policy())}
        if audit
        else set(),
        complaint_outcomes=sanctions.standing_against(db.session, current_user),
        reported=rosters.reported_for(db.session, profile),
    )


@bp.route("/ce/profile", methods=["GET", "POST"])
@roles_required(Role.PEER)
def profile():
    """The certification as the registry records it; without one, claim it with the emailed code."""
    form = ClaimForm()
    return post_form(
        form,
        lambda: registry.claim(db.session, current_user, form.code.data),
        errors_in=form.code,
        success=_("Your certification is linked to your account."),
        done=lambda _profile: redirect(url_for("ce.dashboard")),
        again=lambda status: (
            render_template(
                "ce/profile.html",
                form=form,
                profile=services.profile_of(db.session, current_user),
                record=registry.record_of_user(db.session, current_user),
                status_labels=STATUS_LABELS,
                action_labels=ACTION_LABELS,
            ),
            status,
        ),
        invalid_status=422 if request.method == "POST" else 200,
        refused_status=lambda _outcome: 422,
    )


def _entry_form(record=None) -> EntryForm:
    form = EntryForm(obj=record)
    form.law_ethics_topics.choices = [
        (t.id, translated(t.title)) for t in context.catalog().law_ethics_topics
    ]
    if not isinstance(form.evidence.data, str):  # the record's list, when the form did not send it
        form.evidence.data = "; ".join(form.evidence.data or [])
    return form


def _entry_from(form: EntryForm) -> CEEntry:
    values = {name: form[name].data for name in ENTRY_FIELDS}
    values.update(
        title=form.title.data.strip(),
        provider=form.provider.data.strip(),
        hours=float(form.hours.data) if form.hours.data is not None else None,
        units=float(form.units.data) if form.units.data is not None else None,
        law_ethics_topics=form.law_ethics_topics.data or [],
        evidence=_evidence(form.evidence.data),
    )
    return CEEntry(**values)


def _evidence(value) -> list[str]:
    """The evidence list typed; a form posted without the field keeps the entry's list."""
    if isinstance(value, list):
        return [str(e).strip() for e in value if str(e).strip()]
    return [e.strip() for e in (value or "").split(";") if e.strip()]


@bp.route("/ce/entries/new", methods=["GET", "POST"])
@roles_required(Role.PEER)
@peer_profile_required
def new_entry(profile):
    form = _entry_form()
    course_id = parse_id(request.args.get("curriculum"))
    if request.method == "GET" and course_id is not None:
        closed = services.closed_course_reason(
            db.session, course_id, context.policy(), context.today()
        )
        if closed:
            flash(closed, "error")
            return redirect(url_for("ce.catalogue"))
        prefill = services.course_prefill(db.session, course_id)
        for name, value in (prefill or {}).items():
            form[name].data = value
    if form.validate_on_submit():
        services.save_entry(db.session, profile, None, _entry_from(form))
        flash(_("The entry is added."), "success")
        return redirect(url_for("ce.dashboard"))
    return render_template("ce/entry.html", form=form, title=_("Add a CE entry")), (
        422 if form.errors else 200
    )


@bp.route("/ce/entries/<int:entry_id>", methods=["GET", "POST"])
@roles_required(Role.PEER)
@peer_profile_required
def edit_entry(profile, entry_id: int):
    record = services.get_entry(db.session, profile, entry_id)
    form = _entry_form(record)
    frozen = services.frozen_by(db.session, record, context.policy())
    if form.validate_on_submit():
        try:
            services.save_entry(db.session, profile, record, _entry_from(form))
        except services.FrozenEntry as refused:  # the refusal is logged: keep it (no rollback)
            flash(translated(refused.message), "error")
            return redirect(url_for("ce.edit_entry", entry_id=entry_id))
        flash(_("The entry is saved."), "success")
        return redirect(url_for("ce.dashboard"))
    summary = services.summary_for(profile, context.policy(), context.today())
    return render_template(
        "ce/entry.html",
        form=form,
        title=_("Edit a CE entry"),
        record=record,
        result=next((e for e in summary["entries"] if e["line"] == record.id), None),
        period=summary["period"],
        evidence_form=EvidenceForm(),
        frozen=frozen,
        decision=services.latest_reviews(frozen).get(record.id) if frozen else None,
    )


@bp.route("/ce/entries/<int:entry_id>/delete", methods=["GET", "POST"])
@roles_required(Role.PEER)
@peer_profile_required
def delete_entry(profile, entry_id: int):
    """GET asks for confirmation; POST (with CSRF) deletes the entry and its evidence records."""
    record = services.get_entry(db.session, profile, entry_id)
    form = ActionForm()
    if form.validate_on_submit():
        title = record.title
        try:
            services.delete_entry(
                db.session, profile, record, upload_dir=current_app.config["UPLOAD_DIR"]
            )
        except services.FrozenEntry as refused:  # the refusal is logged: keep it (no rollback)
            flash(translated(refused.message), "error")
            return redirect(url_for("ce.edit_entry", entry_id=entry_id))
        except services.Conflict as refused:
            db.session.rollback()
            flash(translated(refused.message), "error")
            return redirect(url_for("ce.edit_entry", entry_id=entry_id))
        flash(_("“%(title)s” is deleted.", title=title), "success")
        return redirect(url_for("ce.dashboard"))
    return render_template(
        "ce/delete.html",
        record=record,
        form=form,
        keep_until=services.retention_of(db.session, profile, record),
    )


@bp.get("/ce/export.csv")
@roles_required(Role.PEER)
@peer_profile_required
def export_csv(profile):
    return Response(
        services.export_csv(profile, ce_record_header()),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="ce-record.csv"'},
    )


@bp.route("/ce/import", methods=["GET", "POST"])
@roles_required(Role.PEER)
@peer_profile_required
def import_csv(profile):
    """Import a CE record: the exchange format at once; another layout after a preview."""
    form = ImportForm()
    if not form.validate_on_submit():
        return render_template("ce/import.html", form=form, errors=[], outcome=None)
    if form.text.data:
        text, problem = form.text.data, ""
    else:
        text, problem = services.decode_upload(context.uploaded("file", services.MAX_IMPORT_BYTES))
    if text is None:
        return render_template("ce/import.html", form=form, errors=[problem], outcome=None), 422
    outcome = services.import_text(
        db.session,
        profile,
        text,
        topics=_topics(),
        confirmed=bool(form.confirm.data),
        answers={"source": form.source.data or "", "format": form.format.data or ""},
    )
    if outcome.stored:
        count = outcome.imported
        message = ngettext("%(num)s entry imported.", "%(num)s entries imported.", count)
        if outcome.already:
            message += " " + _(
                "%(count)s already recorded, not added again.", count=len(outcome.already)
            )
        if outcome.withdrawn:
            message += " " + _(
                "%(count)s marked withdrawn, not imported: a withdrawn entry does not count.",
                count=len(outcome.withdrawn),
            )
        flash(message, "success")
        return redirect(url_for("ce.dashboard"))
    form.text.data = text
    status = 422 if outcome.errors else 200
    return render_template(
        "ce/import.html", form=form, errors=outcome.errors, outcome=outcome
    ), status


@bp.get("/ce/transcript")
@roles_required(Role.PEER)
@peer_profile_required
def transcript(profile):
    today = context.today()
    return render_template(
        "ce/transcript.html",
        profile=profile,
        summary=services.summary_for(profile, context.policy(), today),
        today=today,
        records={r.id: r for r in profile.entries},
    )


@bp.post("/ce/entries/<int:entry_id>/evidence")
@roles_required(Role.PEER)
@peer_profile_required
def upload_evidence(profile, entry_id: int):
    """Attach a certificate, agenda or transcript to an entry (same upload rules as curricula)."""
    record = services.get_entry(db.session, profile, entry_id)
    attach_posted_file(
        EvidenceForm(),
        lambda upload, upload_dir, limit: services.attach_evidence(
            db.session, profile, record, upload, upload_dir=upload_dir, max_bytes=limit
        ),
    )
    return redirect(url_for("ce.edit_entry", entry_id=entry_id))


@bp.get("/ce/evidence/<stored_name>")
@roles_required(Role.PEER, Role.REVIEWER, Role.ADMIN)
def download_evidence(stored_name: str):
    """An evidence file: for its peer, or for reviewers once the peer is drawn in an audit."""
    item = services.evidence_for(db.session, current_user, stored_name)
    return send_stored(current_app.config["UPLOAD_DIR"], item.stored_name, item.original_name)


@bp.post("/ce/audit/respond")
@roles_required(Role.PEER)
@peer_profile_required
def respond_audit(profile):
    if ActionForm().validate_on_submit():
        attempt(
            lambda: services.respond_to_audit(db.session, profile, current_user),
            success=_("Thank you: the reviewer is emailed that your proof is uploaded."),
        )
    return redirect(url_for("ce.dashboard"))


@bp.route("/ce/audits", methods=["GET", "POST"])
@roles_required(Role.REVIEWER, Role.ADMIN)
def audits():
    """Random records reviews: draw one, see earlier draws."""
    form = AuditDrawForm()
    if form.validate_on_submit():
        seed = int(form.seed.data) if form.seed.data is not None else secrets.randbelow(2**31)
        drawn = attempt(
            lambda: services.draw_audit(
                db.session,
                current_user,
                context.policy(),
                window_start=form.window_start.data,
                window_end=form.window_end.data,
                method=form.method.data,
                amount=float(form.amount.data),
                seed=seed,
                today=context.today(),
            ),
            errors=form.amount.errors,
        )
        if drawn.ok:
            flash(
                _("%(count)s peer(s) drawn and notified.", count=len(drawn.value.selected)),
                "success",
            )
            return redirect(url_for("ce.audit_detail", audit_id=drawn.value.id))
    return render_template(
        "ce/audits.html",
        form=form,
        drawn=services.audits(db.session),
        flagged=services.attested_with_shortfall(db.session, context.policy()),
    )


@bp.get("/ce/audits/<int:audit_id>")
@roles_required(Role.REVIEWER, Role.ADMIN)
def audit_detail(audit_id: int):
    return _audit_page(services.get_audit(db.session, audit_id))


def _audit_page(audit, status: int = 200, refused: dict | None = None):
    """The records review page; ``refused``: a closing that did not go through (the selection,
    why, and the note typed), shown next to that peer with the note kept."""
    policy = context.policy()
    page = render_template(
        "ce/audit.html",
        audit=audit,
        reviews={s.id: services.latest_reviews(s) for s in audit.selections},
        summaries={s.id: services.review_summary(s, policy) for s in audit.selections},
        today=context.today(),
        form=EntryReviewForm(),
        close_form=CloseReviewForm(),
        outcomes=AUDIT_OUTCOME_LABELS,
        refused=refused or {},
    )
    return page, status


@bp.post("/ce/audits/<int:audit_id>/selections/<int:selection_id>/close")
@roles_required(Role.REVIEWER, Role.ADMIN)
def close_review(audit_id: int, selection_id: int):
    """End a peer's records review with an outcome."""
    selection = services.get_selection(db.session, audit_id, selection_id)
    form = CloseReviewForm()
    if form.validate_on_submit():
        problems: list[str] = []
        closed = attempt(
            lambda: services.close_review(
                db.session,
                current_user,
                selection,
                outcome=form.outcome.data,
                note=form.note.data or "",
                policy=context.policy(),
            ),
            errors=problems,
            success=_("The review is closed."),
        )
        if not closed.ok:  # e.g. another reviewer closed it first: say so, keep the note
            db.session.expire_all()
            refused = {"selection_id": selection_id, "message": problems[0]}
            refused["note"] = form.note.data or ""
            audit = services.get_audit(db.session, audit_id)
            return _audit_page(audit, closed.error.status, refused)
    return redirect(url_for("ce.audit_detail", audit_id=audit_id))


@bp.post("/ce/audits/<int:audit_id>/selections/<int:selection_id>/entries/<int:entry_id>")
@roles_required(Role.REVIEWER, Role.ADMIN)
def review_entry(audit_id: int, selection_id: int, entry_id: int):
    selection, entry = services.audit_entry(db.session, audit_id, selection_id, entry_id)
    form = EntryReviewForm()
    if form.validate_on_submit():
        attempt(
            lambda: services.review_audit_entry(
                db.session,
                current_user,
                selection,
                entry,
                decision=form.decision.data,
                note=form.note.data or "",
            ),
            success=_("Recorded."),
        )
    return redirect(url_for("ce.audit_detail", audit_id=audit_id))


@bp.get("/ce/catalogue")
@roles_required(Role.PEER)
def catalogue():
    """CE courses approved in this app; choosing one fills the entry form."""
    return render_template(
        "ce/catalogue.html",
        courses=services.catalogue(db.session, context.policy(), context.today()),
    )
