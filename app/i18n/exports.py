"""Column headers of the downloadable files (CSV, XLSX), in the request's language.

The headers are marked here once, lazily, and the views write ``header(COLUMNS)``: the English
text stays what it always was, and a Spanish page downloads a file headed in Spanish. Cell
values that are data (dates, counts, names, the App. E elements as the report page shows them)
are not translated.

Left in English on purpose, because a program or a schema reads them, not a person:
- the CASE/JSON framework export and its OpenAPI description (the CASE v1p0 CFPackage schema's
  field names, shared/interop/case-v1p0-cfpackage-schema.json);
- the Moodle competency CSV (``/frameworks/<id>/moodle.csv``): Moodle's importer matches those
  column names exactly;
- the syllabus report as JSON (its keys are an interface);
- the audit and security-event logs (``/admin/audit.csv``, ``/admin/security-events.csv``):
  their columns are the stored fields, so the hash chain can be checked against the database.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from flask_babel import pgettext

# /reports/dhcs.csv and .xlsx (App. E)
DHCS = (_l("App. E item"), _l("Data element"), _l("Category"), _l("Count"))
DHCS_SHEET = _l("FY %(year)s-%(next)s")

# /review/queue.csv
REVIEW_QUEUE = (
    _l("Curriculum id"),
    _l("Title"),
    _l("Organization"),
    _l("Program"),
    _l("State"),
    _l("Submitted on"),
    _l("Days left (§803.3)"),
    _l("Due on"),
    _l("Approved on"),
    _l("Valid until (§803.4)"),
)

# /registry.csv (§500.2)
REGISTRY = (
    _l("Certification number"),
    _l("Legal name"),
    _l("Issued on"),
    _l("Expires on"),
    _l("Status"),
    _l("Action"),
    _l("Specializations"),
)

# /review/appeals.csv: the appeals log of §807.1.D, items 1-9
APPEALS = (
    _l("1. Date of request"),
    _l("2. Type of appeal"),
    _l("3. Requester"),
    _l("4. Contact"),
    _l("5. Nature of the request"),
    _l("6. Activities"),
    _l("7. Date of final disposition"),
    _l("8. Final disposition"),
    _l("9. Letter sent"),
    _l("Curriculum or complaint"),
    _l("Due (§805.6–7)"),
)

# /complaints.csv: the complaints log of §806.4 A-K, by the keys of app.complaints.log.LOG_COLUMNS
COMPLAINTS = {
    "reference": _l("Reference"),
    "A": _l("A. Date submitted"),
    "B": _l("B. Certificant or approved training provider"),
    "C": _l("C. Certificant's employer"),
    "D": _l("D. Person making the allegations"),
    "E": _l("E. Contact of the person making the allegations"),
    "F": _l("F. Nature of the allegations"),
    "G": _l("G. Investigative actions"),
    "H": _l("H. Date of final disposition"),
    "I": _l("I. Final disposition"),
    "J": _l("J. Letter of disposition sent"),
    "K": _l("K. Registry updated"),
    "state": _l("State"),
    "due_on": _l("Due (§805.6–7)"),
}


def syllabus_report_labels() -> dict[str, str]:
    """The syllabus report's CSV columns by key (app.syllabus.report.CSV_COLUMNS). English keeps
    the keys themselves, as the file always had; Spanish names them in words."""
    return {
        "section": pgettext("Syllabus report column", "section"),
        "id": pgettext("Syllabus report column", "id"),
        "title": pgettext("Syllabus report column", "title"),
        "covered": pgettext("Syllabus report column", "covered"),
        "source": pgettext("Syllabus report column", "source"),
        "hours": pgettext("Syllabus report column", "hours"),
        "where": pgettext("Syllabus report column", "where"),
        "assessment": pgettext("Syllabus report column", "assessment"),
        "severity": pgettext("Syllabus report column", "severity"),
        "code": pgettext("Syllabus report column", "code"),
        "citation": pgettext("Syllabus report column", "citation"),
        "message": pgettext("Syllabus report column", "message"),
        "line": pgettext("Syllabus report column", "line"),
    }


def ce_record_header() -> list[str]:
    """The columns of the CE record's exchange format (app.ce.rules.ENTRY_FIELDS, in order, then
    app.ce.spreadsheet.WITHDRAWN_COLUMNS: when and why an entry was withdrawn). In
    English they stay the field names; in Spanish they are words that app.ce.spreadsheet reads
    back as the same columns (SPANISH_EXCHANGE, checked against this catalogue by the tests), so
    a Spanish download can be imported again."""
    return [
        pgettext("CE record column", "title"),
        pgettext("CE record column", "provider"),
        pgettext("CE record column", "start_date"),
        pgettext("CE record column", "end_date"),
        pgettext("CE record column", "format"),
        pgettext("CE record column", "hours"),
        pgettext("CE record column", "units"),
        pgettext("CE record column", "source"),
        pgettext("CE record column", "law_ethics"),
        pgettext("CE record column", "law_ethics_topics"),
        pgettext("CE record column", "evidence"),
        pgettext("CE record column", "withdrawn_on"),
        pgettext("CE record column", "withdrawn_reason"),
    ]


def header(columns: Iterable) -> list[str]:
    """The headers, each in the request's language."""
    return [str(column) for column in columns]
