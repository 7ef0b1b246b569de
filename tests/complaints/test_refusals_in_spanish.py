"""A complaint's refusals in the page's language: the move a complaint's state does not allow,
and the respondent told the appeal window closed, with its date written in Spanish."""

from __future__ import annotations

from datetime import date

from app.auth.models import Role
from app.complaints import services
from app.policy import DEFAULT_POLICY
from tests.ce.factories import make_profile
from tests.complaints.factories import make_complaint
from tests.factories import client_in, make_organization, make_user, page_text


def _decide(client, complaint) -> str:
    refused = client.post(
        f"/complaints/{complaint.id}/decide",
        data={"decision-outcome": "unsubstantiated", "decision-reason": "Nothing found."},
    )
    assert refused.status_code == 409
    return page_text(refused)


def test_deciding_a_complaint_not_yet_investigated_is_refused_in_each_language(app, db):
    complaint = make_complaint(organization=make_organization("Bright Path"))
    reviewer = make_user(Role.REVIEWER)
    page = _decide(client_in(app, reviewer, "es"), complaint)
    assert (
        "No se puede decidir una queja en estado «recibida» (solo desde: en investigación)."
    ) in page
    page = _decide(client_in(app, reviewer, "en"), complaint)
    assert "Cannot decide a complaint that is received (only from: investigating)." in page


def test_the_respondent_reads_that_the_appeal_window_closed_in_spanish(app, db):
    reviewer = make_user(Role.REVIEWER)
    profile = make_profile()
    complaint = make_complaint(profile=profile)
    services.investigate(db.session, complaint, reviewer, today=date(2026, 3, 3))
    services.decide(
        db.session,
        complaint,
        reviewer,
        DEFAULT_POLICY,
        today=date(2026, 4, 1),
        outcome="suspend",
        reason="Substantiated.",
        appeal_link="http://localhost/complaints/outcome/x",
    )
    db.session.commit()
    app.config["TODAY"] = date(2026, 4, 20)  # 14 days from April 1 ran out on April 15
    url = f"/complaints/outcome/{complaint.reference}"
    page = page_text(client_in(app, profile.user, "es").get(url))
    assert (
        "El plazo para apelar venció el 15 de abril de 2026: se apela dentro de los 14 días "
        "posteriores a la decisión (§702.2.A)."
    ) in page
    page = page_text(client_in(app, profile.user, "en").get(url))
    assert (
        "The appeal window closed on April 15, 2026: appeals are made within 14 days of the "
        "decision (§702.2.A)."
    ) in page
