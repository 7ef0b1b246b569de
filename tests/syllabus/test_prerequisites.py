"""The prerequisite of a specialization read from a field or a sentence, in English or Spanish."""

import pytest

from app.syllabus.prerequisites import states_prerequisite


@pytest.mark.parametrize(
    "text",
    [
        "Requirement: completion of the core training for peer specialists.",
        "Enrollment\nApplicants must have completed the 80-hour core course before day one.",
        "Requisitos: haber completado la formación básica de especialista.",
        "Prerrequisito — certificación vigente como especialista de pares.",
        "Quienes se inscriban deben estar certificados por el estado.",
        "Las personas inscritas deben contar con la certificación de Medi-Cal.",
        "Open to staff who hold the Medi-Cal certification and have passed the core training.",
    ],
)
def test_a_requirement_of_the_core_or_the_certification_is_a_prerequisite(text):
    assert states_prerequisite(text)


@pytest.mark.parametrize(
    "text",
    [
        "Attendance at every session is required. A certificate is given at the end.",
        "Participants must be present for all hours to be certified for this specialization.",
        "Se requiere asistencia completa para recibir el certificado.",
        "Requisito: asistir a todas las sesiones.",
        "Prerequisite: none.",
        "The core training covers seventeen competencies.",
    ],
)
def test_half_a_statement_is_no_prerequisite(text):
    assert not states_prerequisite(text)
