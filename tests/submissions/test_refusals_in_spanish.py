"""A curriculum's refusals in the page's language: a move its state does not allow, a draft that
can no longer be deleted, and an approval the gate refuses with each problem translated."""

from __future__ import annotations

from app.auth.models import Role
from tests.factories import client_in, make_user, page_text
from tests.submissions.factories import make_curriculum


def test_withdrawing_an_approved_curriculum_is_refused_in_each_language(app, db):
    provider = make_user(Role.PROVIDER)
    curriculum = make_curriculum(provider, state="approved")
    url = f"/curricula/{curriculum.id}/withdraw"
    spanish = client_in(app, provider, "es").post(url, data={"confirm": "y", "reason": "Late."})
    assert spanish.status_code == 409
    assert (
        "No se puede retirar un plan de estudios en estado «aprobado» (solo desde: incompleto, "
        "se pidieron cambios, presentado)."
    ) in page_text(spanish)
    english = client_in(app, provider, "en").post(url, data={"confirm": "y", "reason": "Late."})
    assert (
        "Cannot withdraw a curriculum that is approved (only from: incomplete, revisions "
        "requested, submitted)."
    ) in page_text(english)


def test_deleting_a_submitted_curriculum_is_refused_in_spanish(app, db):
    provider = make_user(Role.PROVIDER)
    curriculum = make_curriculum(provider, state="submitted")
    client = client_in(app, provider, "es")
    page = page_text(
        client.post(
            f"/curricula/{curriculum.id}/delete", data={"confirm": "y"}, follow_redirects=True
        )
    )
    assert "Solo se puede eliminar un borrador que nunca se presentó; retírelo en su lugar." in page
    assert "Only a draft that was never submitted" not in page


def test_the_approval_gate_names_its_problems_in_spanish(app, db):
    curriculum = make_curriculum(state="submitted")  # the fee is recorded; errors not overridden
    reviewer = make_user(Role.REVIEWER)
    data = {"decision": "approve", "reason": "", "lock_version": str(curriculum.lock_version)}
    url = f"/review/{curriculum.id}/decision"
    spanish = page_text(client_in(app, reviewer, "es").post(url, data=data))
    assert (
        "Todavía no se puede aprobar este plan de estudios: el informe del verificador" in spanish
    )
    assert "anule cada uno con su motivo en la página de revisión o pida cambios." in spanish
    english = page_text(client_in(app, reviewer, "en").post(url, data=data))
    assert "You cannot approve this curriculum yet: the checker report of version 1" in english
