"""Words that name the parts of a course and the days and months of a schedule (data, pure)."""

from __future__ import annotations

# Words that open a part of a course, and how they nest when they sit at the same level:
# a week holds days, a day holds modules; anything else ranks as a module.
FRAME_RANKS = {
    "week": 1,
    "weeks": 1,
    "semana": 1,
    "day": 2,
    "día": 2,
    "dia": 2,
    "monday": 2,
    "tuesday": 2,
    "wednesday": 2,
    "thursday": 2,
    "friday": 2,
    "saturday": 2,
    "sunday": 2,
    "lunes": 2,
    "martes": 2,
    "miércoles": 2,
    "jueves": 2,
    "viernes": 2,
    "sábado": 2,
    "domingo": 2,
    "phase": 3,
    "fase": 3,
    "part": 3,
    "parte": 3,
    "morning": 4,
    "afternoon": 4,
    "evening": 4,
    "mañana": 4,
    "tarde": 4,
}
WEEKDAYS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
    ]
)
MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ]
)
LABEL_WORDS = frozenset(
    {
        "module",
        "session",
        "unit",
        "lesson",
        "topic",
        "section",
        "block",
        "workshop",
        "class",
        "chapter",
        "segment",
        "módulo",
        "modulo",
        "sesión",
        "sesion",
        "unidad",
        "lección",
        "leccion",
        "tema",
        "taller",
        "clase",
        # "Meeting 3." / "Encuentro 3.": community programmes number their gatherings.
        "meeting",
        "encuentro",
        *FRAME_RANKS,
    }
)
MODULE_RANK = 9
# Abbreviated months, as agendas write dates ("Apr 8", "Sept 3").
MONTH_ABBREVIATIONS = frozenset(
    ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)
# Words after which a number counts the parts rather than measuring time ("Day 1 - 8 hours").
ORDINAL_WORDS = LABEL_WORDS | frozenset({"step", "no", "number"})
