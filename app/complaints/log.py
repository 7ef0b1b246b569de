"""The complaints log (§806.4): its filters, a page of it, its columns and rows for CSV."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.appeals.log_cells import disposition_cells
from app.auth.models import Organization
from app.complaints.clock import InvestigationClock
from app.complaints.models import Complaint
from app.complaints.states import ComplaintState, Respondent
from app.dbtypes import LIKE_ESCAPE, contains_pattern

# In a constant number of queries whatever the size of the log.


@dataclass(frozen=True)
class LogFilter:
    state: str = ""
    respondent_type: str = ""
    received_from: date | None = None
    received_to: date | None = None
    text: str = ""


def filtered(flt: LogFilter):
    query = select(Complaint)
    if flt.state in {s.value for s in ComplaintState}:
        query = query.where(Complaint.state == flt.state)
    if flt.respondent_type in {r.value for r in Respondent}:
        query = query.where(Complaint.respondent_type == flt.respondent_type)
    if flt.received_from:
        query = query.where(Complaint.received_on >= flt.received_from)
    if flt.received_to:
        query = query.where(Complaint.received_on <= flt.received_to)
    if flt.text:
        like = contains_pattern(flt.text.lower())
        query = query.where(
            or_(
                func.lower(Complaint.reference).like(like, escape=LIKE_ESCAPE),
                func.lower(Complaint.respondent_name).like(like, escape=LIKE_ESCAPE),
            )
        )
    return query.order_by(Complaint.received_on.desc(), Complaint.id.desc())


def page_of(
    session: Session, flt: LogFilter, *, page: int, per_page: int
) -> tuple[list[Complaint], int]:
    query = filtered(flt)
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    rows = session.scalars(query.limit(per_page).offset((page - 1) * per_page))
    return list(rows), int(total or 0)


LOG_COLUMNS = [
    ("reference", "Reference"),
    ("A", "A. Date submitted"),
    ("B", "B. Certificant or approved training provider"),
    ("C", "C. Certificant's employer"),
    ("D", "D. Person making the allegations"),
    ("E", "E. Contact of the person making the allegations"),
    ("F", "F. Nature of the allegations"),
    ("G", "G. Investigative actions"),
    ("H", "H. Date of final disposition"),
    ("I", "I. Final disposition"),
    ("J", "J. Letter of disposition sent"),
    ("K", "K. Registry updated"),
    ("state", "State"),
    ("due_on", "Due (§805.6–7)"),
]


def log_row(complaint: Complaint, clock: InvestigationClock) -> list:
    """One row of the complaints log with the fields of §806.4 A–K."""
    return [
        complaint.reference,
        complaint.received_on.isoformat(),
        f"{complaint.respondent_name} ({complaint.respondent_type})",
        complaint.employer_name,
        complaint.complainant_name,
        complaint.complainant_contact,
        complaint.nature,
        *disposition_cells(complaint),
        complaint.registry_updated_at.isoformat(timespec="minutes")
        if complaint.registry_updated_at
        else "",
        complaint.state,
        clock.due_on.isoformat(),
    ]


def approved_providers(session: Session) -> list[Organization]:
    return list(
        session.scalars(
            select(Organization).where(Organization.approved.is_(True)).order_by(Organization.name)
        )
    )
