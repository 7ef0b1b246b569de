"""The DHCS report page with its charts, CSV and XLSX; the pages that collect its data: a
peer's application details, the reviewers' applicant list, the providers' completion rosters."""

from __future__ import annotations

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
from flask_login import current_user

from app import context
from app.auth.access import roles_required
from app.auth.models import Role
from app.csvsafe import to_csv
from app.errors import NotFound, attempt
from app.extensions import db
from app.i18n.exports import DHCS, DHCS_SHEET, header
from app.providers.renewals import approvals_of
from app.reports import dhcs, services
from app.reports.forms import ApplicationForm, OutcomeForm, RosterForm
from app.reports.models import ApplicantRecord
from app.reports.xlsx import workbook
from app.submissions.services import get_curriculum_for

bp = Blueprint("reports", __name__)
PER_PAGE = 50


def _year() -> int:
    today = context.today()
    latest_closed = dhcs.fiscal_year_of(today) - 1
    year = request.args.get("fy", latest_closed, type=int)
    return year if 2000 <= (year or 0) <= 2100 else latest_closed


def _report(year: int) -> dhcs.Report:
    small_cell = int(context.policy().value("report.small_cell"))
    return services.build_report(db.session, year, small_cell=small_cell)


def _table(report: dhcs.Report) -> list[list]:
    return [[r.item, r.element, r.category, r.shown] for r in report.rows]


@bp.get("/reports/dhcs")
@roles_required(Role.REVIEWER, Role.ADMIN)
def dhcs_report():
    """The aggregate report of one fiscal year, item by item, with small charts (§808, App. E)."""
    year = _year()
    report = _report(year)
    groups: dict[str, list[dhcs.Row]] = {}
    for row in report.rows:
        groups.setdefault(row.item.split(".")[0], []).append(row)
    policy = context.policy()
    return render_template(
        "reports/dhcs.html",
        report=report,
        groups=groups,
        year=year,
        years=services.years_with_data(db.session, context.today()),
        label=dhcs.fiscal_year_label(year),
        due_on=dhcs.report_due_on(year),
        small_cell=report.small_cell,
        small_cell_citation=policy.cite("report.small_cell"),
    )


@bp.get("/reports/dhcs.csv")
@roles_required(Role.REVIEWER, Role.ADMIN)
def dhcs_csv():
    year = _year()
    return Response(
        to_csv(header(DHCS), _table(_report(year))),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="dhcs-report-fy{year}.csv"'},
    )


@bp.get("/reports/dhcs.xlsx")
@roles_required(Role.REVIEWER, Role.ADMIN)
def dhcs_xlsx():
    year = _year()
    rows = [
        [item, element, category, int(shown) if shown.isdigit() else shown]
        for item, element, category, shown in _table(_report(year))
    ]
    return Response(
        workbook(str(DHCS_SHEET % {"year": year, "next": str(year + 1)[-2:]}), header(DHCS), rows),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="dhcs-report-fy{year}.xlsx"'},
    )


@bp.route("/peer/application", methods=["GET", "POST"])
@roles_required(Role.PEER)
def application():
    """The App. E details a person gives when applying for certification (§808)."""
    item = services.application_of(db.session, current_user)
    form = ApplicationForm(obj=item)
    if form.validate_on_submit():
        data = services.ApplicationInput(
            age=form.age.data,
            gender_identity=form.gender_identity.data or "",
            race_ethnicity=list(form.race_ethnicity.data or []),
            languages=list(form.languages.data or []),
            employment_status=form.employment_status.data or "",
            employer=(form.employer.data or "").strip(),
            employer_county=form.employer_county.data or "",
            residence_county=form.residence_county.data or "",
            employed_in_peer_services=bool(form.employed_in_peer_services.data),
            route=form.route.data or "standard",
        )
        saved = attempt(
            lambda: services.save_application(
                db.session, current_user, data, today=context.today()
            ),
            errors=form.age.errors,
            success=_("Thank you; your answers are saved."),
        )
        if saved.ok:
            return redirect(url_for("reports.application"))
    status = 422 if request.method == "POST" else 200
    return render_template("reports/application.html", form=form, item=item), status


@bp.get("/reports/applicants")
@roles_required(Role.REVIEWER, Role.ADMIN)
def applicants():
    """Applications for certification with their outcomes, 50 to a page."""
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), 1_000_000)
    outcome = (request.args.get("outcome") or "")[:20]
    rows, total = services.applicants_page(
        db.session, page=page, per_page=PER_PAGE, outcome=outcome
    )
    return render_template(
        "reports/applicants.html",
        rows=rows,
        total=total,
        page=page,
        pages=max(1, -(-total // PER_PAGE)),
        outcome=outcome,
        form=OutcomeForm(),
    )


@bp.post("/reports/applicants/<int:record_id>")
@roles_required(Role.REVIEWER, Role.ADMIN)
def record_outcome(record_id: int):
    item = db.session.get(ApplicantRecord, record_id)
    if item is None:
        raise NotFound("There is no such application.")
    form = OutcomeForm()
    form.validate()
    attempt(
        lambda: services.record_outcome(
            db.session,
            item,
            current_user,
            exam_registered_on=form.exam_registered_on.data,
            outcome=form.outcome.data or "",
            outcome_on=form.outcome_on.data,
        ),
        success=_("The outcome is recorded."),
    )
    return redirect(url_for("reports.applicants", **request.args))


@bp.get("/provider/rosters")
@roles_required(Role.PROVIDER)
def rosters():
    """The organization's approved courses and the completion rosters uploaded for each."""
    return render_template(
        "reports/rosters.html",
        courses=approvals_of(db.session, current_user.organization_id),
        rosters=services.rosters_of(db.session, current_user.organization_id),
        form=RosterForm(),
    )


@bp.post("/curricula/<int:curriculum_id>/roster")
@roles_required(Role.PROVIDER)
def upload_roster(curriculum_id: int):
    curriculum = get_curriculum_for(db.session, current_user, curriculum_id)
    form = RosterForm()
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    upload = context.uploaded("file", limit)
    if not form.validate_on_submit() or upload is None:
        flash(_("Choose the roster (.csv or .xlsx) to upload."), "error")
        return redirect(url_for("reports.rosters"))
    attempt(
        lambda: services.upload_roster(
            db.session,
            curriculum,
            current_user,
            upload,
            supervisor_training=bool(form.supervisor_training.data),
            upload_dir=current_app.config["UPLOAD_DIR"],
            max_bytes=limit,
        ),
        success=_("The roster of %(title)s is saved.", title=curriculum.title),
    )
    return redirect(url_for("reports.rosters"))
