"""The CE dashboard's next steps in Spanish; in English they are the services' own words."""

from __future__ import annotations

from app.ce import services
from app.ce.steps import next_steps


def _summary(total=14.0, law_ethics=3.0, code="CE_WINDOW_NOT_OPEN", uncounted=2):
    return {
        "expires_on": "2027-04-05",
        "required_hours": 20.0,
        "total_hours": total,
        "required_law_ethics_hours": 6.0,
        "law_ethics_hours": law_ethics,
        "renewal_window": {"opens": "2027-01-05", "closes": "2027-04-05"},
        "renewal": {"code": code, "message": "English message."},
        "entries": [{"counted": False}] * uncounted + [{"counted": True}],
    }


def test_english_steps_are_the_services_steps(app):
    summary = _summary()
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert next_steps(summary, "active") == services.next_steps(summary)


def test_spanish_steps_name_the_hours_dates_and_uncounted_entries(app):
    with app.test_request_context(headers={"Accept-Language": "es"}):
        steps = next_steps(_summary(), "active")
        assert steps == [
            "Le faltan 6 horas de EC, 3 de ellas de ley y ética, antes del 5 de abril de 2027.",
            "El período de renovación se abre el 5 de enero de 2027, 90 días antes del vencimiento.",
            "2 entradas no cuentan; vea los motivos abajo.",
        ]
        only_law = next_steps(_summary(total=20.5, code="CE_RENEWAL_OK", uncounted=1), "active")
        assert only_law == [
            "Le faltan 3 horas de ley y ética antes del 5 de abril de 2027.",
            "El período de renovación está abierto hasta el 5 de abril de 2027.",
            "1 entrada no cuenta; vea los motivos abajo.",
        ]


def test_spanish_renewal_outcomes(app):
    done = {"total": 20.0, "law_ethics": 6.0, "uncounted": 0}
    with app.test_request_context(headers={"Accept-Language": "es"}):
        assert next_steps(_summary(code="CE_CANNOT_RENEW", **done), "suspended") == [
            "Una certificación suspendida no se puede renovar."
        ]
        assert (
            "curso de actualización de 40 horas"
            in next_steps(_summary(code="CE_REINSTATEMENT", **done), "expired")[0]
        )
        assert next_steps(_summary(code="CE_INITIAL_CERTIFICATION", **done), "expired") == [
            "La certificación venció hace 4 años o más: solicite la certificación inicial."
        ]
        assert next_steps(_summary(code="SOMETHING_NEW", **done), "active") == ["English message."]


def test_spanish_hours_keep_their_fraction(app):
    with app.test_request_context(headers={"Accept-Language": "es"}):
        steps = next_steps(_summary(total=17.5, law_ethics=6.0, uncounted=0), "active")
    assert steps[0] == "Le faltan 2.5 horas de EC antes del 5 de abril de 2027."
