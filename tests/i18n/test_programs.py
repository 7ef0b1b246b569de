"""Program titles and curriculum states: every one is marked, and shown in the page's language."""

from __future__ import annotations

from app.alerts.models import DELIVERIES
from app.directory.models import FORMATS
from app.i18n import programs
from app.policy import DEFAULT_POLICY
from app.submissions.states import ChangeState, SubmissionState


def test_every_program_title_and_state_is_marked():
    assert {p.title for p in DEFAULT_POLICY.programs.values()} == set(programs.TITLES)
    states = {s.value.replace("_", " ") for s in (*SubmissionState, *ChangeState)}
    assert states == set(programs.STATES)


def test_titles_states_and_labels_in_english(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert programs.program_label("refresher") == "Refresher Training (40 hours)"
        assert programs.program_label("ce") == "Continuing Education (CE) Training"
        assert programs.state_name(SubmissionState.REVISIONS_REQUESTED) == "revisions requested"


def test_titles_states_and_labels_in_spanish(app):
    with app.test_request_context(headers={"Accept-Language": "es"}):
        assert programs.program_label("refresher") == "Capacitación de actualización (40 horas)"
        assert programs.program_title("nonexistent") == "nonexistent"
        assert programs.state_name("approved") == "aprobado"
        assert programs.state_name("appeal_denied") == "apelación denegada"
        assert programs.state_name("") == ""


def test_the_directory_and_email_delivery_labels_have_spanish(app):
    from app.i18n.data import translated

    with app.test_request_context(headers={"Accept-Language": "es"}):
        for label in (*FORMATS.values(), *DELIVERIES.values()):
            assert translated(label) != label, label
