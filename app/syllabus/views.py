"""The public checking page: paste or upload a syllabus, see and download the report."""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, render_template, request
from flask_babel import gettext

from app import context
from app.i18n.exports import syllabus_report_labels
from app.i18n.messages import translated
from app.messages import Message
from app.syllabus.doubts import Correction
from app.syllabus.errors import CorrectionError, SyllabusReadError
from app.syllabus.forms import CheckForm
from app.syllabus.readers import read_document
from app.syllabus.reading import correction_from_dict
from app.syllabus.reading_form import FormProblems
from app.syllabus.report import Report
from app.syllabus.services import check_syllabus, corrections_from_form

bp = Blueprint("syllabus", __name__)

HEAT_LEVELS = (0.0, 1.0, 2.0, 4.0)  # hours at which a heatmap cell moves to the next shade
# The check page shows this much of the syllabus formatted; the text box holds all of it.
PREVIEW_CHARS = 20_000


def heat_level(hours: float) -> int:
    """0 for no hours, then 1–4 by the thresholds in HEAT_LEVELS."""
    if hours <= 0:
        return 0
    return sum(1 for threshold in HEAT_LEVELS if hours >= threshold)


def heatmap(report: Report, catalog=None) -> tuple[list[dict], list[dict]]:
    """Rows of modules × columns of competencies with the hours each module gives each competency.

    Each column carries the competency's number and short name for its heading.
    """
    catalog = catalog or context.catalog()
    competencies = [catalog.competency(c.id) for c in report.competencies]
    headings = [
        {"id": c.id, "number": c.number, "name": c.short_name, "title": c.title}
        for c in competencies
    ]
    columns = [c.id for c in competencies]
    cells: dict[tuple[int, str], float] = {}
    for competency in report.competencies:
        for where in competency.modules:
            cells[(where["line"], competency.id)] = (
                cells.get((where["line"], competency.id), 0.0) + where["hours"]
            )
    rows = []
    for module in report.modules:
        if module.kind != "instruction":
            continue
        values = [(c, round(cells.get((module.line, c), 0.0), 2)) for c in columns]
        rows.append({"module": module, "cells": [(c, v, heat_level(v)) for c, v in values]})
    return headings, rows


def _run(form: CheckForm, *, carry: bool = False) -> tuple[Report | None, str, str | None]:
    """Check the submitted syllabus; returns (report, the text checked, error message).

    ``carry``: apply the corrections carried with the form (a download of a corrected report);
    a plain check reads the text afresh, which may be another text than the one corrected."""
    program = form.program.data or None
    policy = context.policy()
    upload = request.files.get("upload")
    limit = current_app.config["MAX_SYLLABUS_BYTES"]
    try:
        carried = _carried(request.form) if carry else []
        if upload and upload.filename:
            # Read once: the extracted text is both checked and carried into the download form.
            text = read_document(upload.read(limit + 1), upload.filename, max_bytes=limit)
            report = check_syllabus(
                text, program, catalog=context.catalog(), policy=policy, corrections=carried
            )
            # The text read from the file goes back in the text box: the downloads and a second
            # check post it from there.
            form.text.data = text
            return report, text, None
        text = form.text.data or ""
        if not text.strip():
            return None, "", gettext("Paste a syllabus or choose a file to upload.")
        if len(text.encode()) > limit:
            return (
                None,
                "",
                gettext(
                    "The text is larger than the limit of %(megabytes)s MB.",
                    megabytes=limit // (1024 * 1024),
                ),
            )
        report = check_syllabus(
            text, program, catalog=context.catalog(), policy=policy, corrections=carried
        )
        return report, text, None
    except SyllabusReadError as error:
        return None, form.text.data or "", translated(error.args[0] if error.args else str(error))


def _carried(form) -> list[Correction]:
    """The corrections carried in the check form (as JSON); CorrectionError when altered badly."""
    raw = form.get("corrections") or "[]"
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        raise CorrectionError(
            Message("The corrections carried with the form are not readable.")
        ) from None
    if not isinstance(data, list):
        raise CorrectionError(Message("The corrections carried with the form are not a list."))
    return [correction_from_dict(item, i) for i, item in enumerate(data)]


def _recheck(form: CheckForm) -> tuple[Report | None, str, str | None, list[str]]:
    """Check the carried text again with the corrections of the reading table."""
    text, program = form.text.data or "", form.program.data or None
    catalog, policy = context.catalog(), context.policy()
    try:
        carried = _carried(request.form)
        try:
            corrections = corrections_from_form(
                text, program, carried, request.form, catalog=catalog, policy=policy
            )
        except FormProblems as problems:
            report = check_syllabus(
                text, program, catalog=catalog, policy=policy, corrections=carried
            )
            return report, text, None, problems.problems
        report = check_syllabus(
            text, program, catalog=catalog, policy=policy, corrections=corrections
        )
        return report, text, None, []
    except SyllabusReadError as error:
        return None, text, translated(error.args[0] if error.args else str(error)), []


def competency_choices(report: Report | None) -> list[tuple[str, str]]:
    """The program's competencies, for crediting a session in the reading table."""
    if report is None or not report.framework:
        return []
    framework = context.catalog().framework(report.framework)
    return [(c.id, c.title) for c in framework.competencies]


def _preview(text: str) -> str:
    """The start of ``text`` shown formatted under the report: up to PREVIEW_CHARS, whole lines."""
    if len(text) <= PREVIEW_CHARS:
        return text
    cut = text.rfind("\n", 0, PREVIEW_CHARS)
    return text[: cut if cut > 0 else PREVIEW_CHARS]


@bp.route("/check", methods=["GET", "POST"])
def check():
    """Paste or upload a syllabus and see the report; correct its reading and check again."""
    form = CheckForm()
    report, text, error, problems = None, "", None, []
    if request.method == "POST" and form.validate_on_submit():
        if request.form.get("recheck"):
            report, text, error, problems = _recheck(form)
        else:
            report, text, error = _run(form)
    elif request.method == "POST":
        error = gettext("The form expired or was incomplete; please submit it again.")
    columns, rows = heatmap(report) if report else ([], [])
    preview = _preview(text)
    status = 422 if error or problems else 200
    return (
        render_template(
            "syllabus/check.html",
            form=form,
            report=report,
            data=report.to_dict() if report else None,
            text=text,
            preview=preview,
            preview_rest=len(text) - len(preview),
            error=error,
            problems=problems,
            posted=request.form if problems else None,
            choices=competency_choices(report),
            carried=json.dumps(report.corrections if report else []),
            columns=columns,
            rows=rows,
            catalog=context.catalog(),
        ),
        status,
    )


@bp.post("/check/download/<fmt>")
def download(fmt: str):
    """The report of the submitted syllabus as a JSON or CSV download."""
    if fmt not in ("json", "csv"):
        return render_template("errors/404.html", message="Unknown download format."), 404
    form = CheckForm()
    if not form.validate_on_submit():
        return render_template(
            "errors/generic.html", status=400, message="The form expired; check the syllabus again."
        ), 400
    report, _, error = _run(form, carry=True)
    if report is None:
        return render_template("errors/generic.html", status=422, message=error), 422
    if fmt == "json":
        body, mimetype = (
            json.dumps(report.to_dict(), indent=2, ensure_ascii=False),
            "application/json",
        )
    else:
        body, mimetype = report.to_csv(syllabus_report_labels()), "text/csv"
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="syllabus-report.{fmt}"'},
    )
