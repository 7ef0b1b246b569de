"""The evidence of each credited competency keeps its template, so a Spanish page shows it in Spanish."""

from __future__ import annotations

from app.messages import Message
from app.syllabus.services import check_syllabus
from app.syllabus.stored_text import for_storage, restored_report

OUTLINE = (
    "## Module 1: Keeping records private (4 hours)\n- HIPAA and releases of information\n"
    "## Module 2: Running a support group (4 hours)\n"
    "Competencies: core-7\n"
)


def _evidence(report) -> list:
    return [w for m in report.modules for why in m.evidence.values() for w in why]


def test_every_evidence_text_is_a_message_with_its_template():
    evidence = _evidence(check_syllabus(OUTLINE, "core"))
    assert evidence
    assert all(isinstance(w, Message) for w in evidence)
    assert "named in the syllabus" in {w.template for w in evidence}


def test_stored_evidence_comes_back_as_messages_shown_in_spanish(app):
    from app.i18n.messages import translated

    report = restored_report(for_storage(check_syllabus(OUTLINE, "core")))
    evidence = _evidence(report)
    assert all(isinstance(w, Message) for w in evidence)
    with app.test_request_context(headers={"Accept-Language": "es"}):
        shown = [translated(w) for w in evidence]
    assert "nombrada en el programa del curso" in shown
    # A part's evidence keeps its template and its value, itself a message (the matched words).
    parts = [w for w in evidence if w.template == "%(text)s — %(why)s"]
    assert parts and all(isinstance(w.params["why"], Message) for w in parts)
